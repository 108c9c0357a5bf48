"""The district's signing keys: made once, kept as files, rotated with old keys still valid."""
from __future__ import annotations

import stat

from profilerepo.credentials import default_credential_files, proofs
from profilerepo.credentials.contexts import ContextLibrary
from profilerepo.credentials.issuer import Issuer, did_web
from profilerepo.credentials.keys import KeyRing


def badge():
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:2f9c1b7e-61e5-4c3c-9d1a-8b7cfd1e0a11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:records.riverbend.example", "type": ["Profile"],
                   "name": "Riverbend"},
        "validFrom": "2026-09-01T00:00:00Z",
        "name": "Kind Reader",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
            "id": "urn:uuid:8d2e", "type": ["Achievement"], "name": "Kind Reader",
            "description": "Reads to younger students each week.",
            "criteria": {"narrative": "A term of weekly reading."}}},
    }


def test_did_web_names_host_port_and_path():
    assert did_web("https://records.example.org") == "did:web:records.example.org"
    assert did_web("http://127.0.0.1:6544") == "did:web:127.0.0.1%3A6544"
    assert did_web("https://example.org/district/7") == "did:web:example.org:district:7"


def test_a_key_is_made_once_and_kept_private(tmp_path):
    ring = KeyRing(tmp_path / "keys", "did:web:example.org")
    first = ring.current
    path = tmp_path / "keys" / "key-1.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = KeyRing(tmp_path / "keys", "did:web:example.org").current
    assert again.multibase == first.multibase


def test_rotation_keeps_old_signatures_valid(tmp_path):
    contexts = ContextLibrary(default_credential_files())
    ring = KeyRing(tmp_path, "did:web:records.riverbend.example")
    issuer = Issuer(ring.controller, "Riverbend", None, ring, contexts)
    before = issuer.sign(badge())
    ring.rotate()
    after = issuer.sign(badge())
    assert before["proof"]["verificationMethod"].endswith("#key-1")
    assert after["proof"]["verificationMethod"].endswith("#key-2")
    reread = KeyRing(tmp_path, ring.controller)  # (another process, later)
    document = reread.did_document()
    assert [m["id"] for m in document["verificationMethod"]] == [
        "did:web:records.riverbend.example#key-1", "did:web:records.riverbend.example#key-2"]
    for credential in (before, after):
        key = reread.public_key_for(credential["proof"]["verificationMethod"])
        proofs.verify(credential, key, contexts)
    assert reread.public_key_for("did:web:other.example#key-1") is None


def test_a_running_server_signs_with_a_key_rotated_elsewhere(tmp_path):
    serving = KeyRing(tmp_path, "did:web:example.org")
    assert serving.current.key_id == "key-1"
    KeyRing(tmp_path, "did:web:example.org").rotate()  # (profilerepo-keys --rotate)
    assert serving.current.key_id == "key-2"
    assert len(serving.did_document()["assertionMethod"]) == 2


def test_the_keys_command_shows_and_rotates(tmp_path, capsys):
    from profilerepo.console.keys import main

    ini = tmp_path / "district.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   f"profilerepo.signing_keys = {tmp_path / 'keys'}\n"
                   "profilerepo.site_url = https://records.riverbend.example\n"
                   "profilerepo.district_name = Riverbend Unified\n")
    main([str(ini)])
    shown = capsys.readouterr().out
    assert "Riverbend Unified: did:web:records.riverbend.example" in shown
    assert "#key-1" in shown and "(signs)" in shown
    main([str(ini), "--rotate"])
    shown = capsys.readouterr().out
    assert "Rotated: did:web:records.riverbend.example#key-2 signs from now on." in shown
    assert "#key-1" in shown and shown.count("(signs)") == 1
