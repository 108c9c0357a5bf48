"""Trusted issuers: keys of trusted districts are fetched over real HTTP (did:web or a given
address), cached, and still found after a rotation; nothing is fetched for anyone else."""
from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from profilerepo.credentials import status
from profilerepo.credentials.trust import (
    KeyNotFound,
    TrustedIssuer,
    TrustedIssuers,
    did_web_url,
    parse_setting,
)
from profilerepo.credentials.verify import verify_credential
from tests.credentials.helpers import badge, district, jwt_of, public_jwk

TODAY = date(2026, 12, 5)


class Documents(ThreadingHTTPServer):
    """A web server on 127.0.0.1 answering JSON documents by path, counting requests."""

    def __init__(self) -> None:
        self.documents: dict[str, object] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.requests.append(self.path)
                body = server.documents.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def did(self) -> str:
        return f"did:web:127.0.0.1%3A{self.server_address[1]}"


@pytest.fixture
def web():
    server = Documents()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_setting_lists_issuers_and_where_their_keys_are():
    entries = parse_setting("""
        # Lakeside, from its own site
        did:web:records.lakeside.example
        https://badges.example.org/issuer  https://badges.example.org/jwks.json
    """)
    assert entries == [TrustedIssuer("did:web:records.lakeside.example"),
                       TrustedIssuer("https://badges.example.org/issuer",
                                     "https://badges.example.org/jwks.json")]


def test_did_web_resolves_the_standard_way():
    assert did_web_url("did:web:records.lakeside.example") == \
        "https://records.lakeside.example/.well-known/did.json"
    assert did_web_url("did:web:example.org%3A8443:district:7#key-1") == \
        "https://example.org:8443/district/7/did.json"
    assert did_web_url("did:web:127.0.0.1%3A6544") == "http://127.0.0.1:6544/.well-known/did.json"


def test_a_trusted_did_web_is_fetched_once_and_rotated_keys_still_resolve(tmp_path, web):
    lakeside = district(tmp_path / "keys", did=web.did, name="Lakeside Unified",
                        url=web.origin)
    before = lakeside.sign(badge(lakeside))
    lakeside.keys.rotate()
    after = lakeside.sign(badge(lakeside, 2))
    web.documents["/.well-known/did.json"] = lakeside.keys.did_document()
    trust = TrustedIssuers(parse_setting(web.did))
    for signed in (before, after):
        verdict = verify_credential(signed, trust, trusted_only=True, today=TODAY)
        assert verdict.valid and verdict.trusted, verdict.reason
    assert web.requests == ["/.well-known/did.json"]  # (cached for the second)


def test_an_untrusted_issuer_is_never_fetched(tmp_path, web):
    lakeside = district(tmp_path / "keys", did=web.did, name="Lakeside Unified")
    web.documents["/.well-known/did.json"] = lakeside.keys.did_document()
    verdict = verify_credential(lakeside.sign(badge(lakeside)), TrustedIssuers(), today=TODAY)
    assert verdict.reason == (f"key: the key {web.did}#key-1 belongs to an issuer that is not "
                              "on the trusted list, so it is not fetched "
                              "(proof.verificationMethod)")
    assert web.requests == []


def test_a_trusted_issuer_that_does_not_answer_is_a_plain_failure(tmp_path, web):
    lakeside = district(tmp_path / "keys", did=web.did, name="Lakeside Unified")
    trust = TrustedIssuers(parse_setting(web.did))
    with pytest.raises(KeyNotFound, match="could not be fetched"):
        trust.resolve(f"{web.did}#key-1")
    verdict = verify_credential(lakeside.sign(badge(lakeside)), trust, today=TODAY)
    assert verdict.reason.startswith("key: the trusted issuer's keys could not be fetched")


def test_a_jwt_key_comes_from_a_trusted_jwk_set(web):
    private = rsa.generate_private_key(65537, 2048)
    issuer_id = f"{web.origin}/issuer"
    web.documents["/jwks.json"] = {"keys": [{**public_jwk(private.public_key()),
                                             "kid": "2026"}]}
    payload = {"vc": {"@context": ["https://www.w3.org/ns/credentials/v2",
                                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                      "type": ["VerifiableCredential", "OpenBadgeCredential"],
                      "id": "urn:uuid:1", "issuer": {"id": issuer_id, "type": ["Profile"],
                                                     "name": "Badge Maker"},
                      "validFrom": "2026-01-01T00:00:00Z", "name": "Map Reader",
                      "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
                          "id": "urn:uuid:2", "type": ["Achievement"], "name": "Map Reader",
                          "description": "Reads maps.", "criteria": {"narrative": "A hike."}}}},
               "iss": issuer_id}
    token = jwt_of(payload, private, "RS256", kid="2026")
    trust = TrustedIssuers([TrustedIssuer(issuer_id, f"{web.origin}/jwks.json")])
    verdict = verify_credential(token, trust, trusted_only=True, today=TODAY)
    assert verdict.valid and verdict.trusted, verdict.reason
    assert verdict.summary().startswith(f"valid: Badge Maker ({issuer_id}, trusted)")


def test_another_districts_revocation_is_read_from_its_list(tmp_path, web, world):
    lakeside = district(tmp_path / "keys", did=web.did, name="Lakeside Unified",
                        url=web.origin)
    site = world.site()  # (stands for Lakeside's database)
    list_id, index = status.allocate(site)
    signed = lakeside.sign(badge(lakeside, credentialStatus=status.status_entry(
        lakeside, list_id, index)))
    web.documents["/.well-known/did.json"] = lakeside.keys.did_document()
    trust = TrustedIssuers(parse_setting(web.did))
    verdict = verify_credential(signed, trust, today=TODAY)
    assert verdict.valid and verdict.warnings == (
        f"status could not be checked ({web.origin}/credentials/status/{list_id} could "
        "not be fetched (HTTP Error 404: Not Found))",)
    assert "; status could not be checked" in verdict.summary()
    web.documents[f"/credentials/status/{list_id}"] = status.list_credential(
        site, lakeside, list_id)
    assert verify_credential(signed, trust, today=TODAY).warnings  # (a failure is
    trust = TrustedIssuers(parse_setting(web.did))  # remembered briefly: a new process)
    assert verify_credential(signed, trust, today=TODAY).warnings == ()
    status.revoke(site, list_id, index)
    trust = TrustedIssuers(parse_setting(web.did))  # (a new process: nothing cached)
    web.documents[f"/credentials/status/{list_id}"] = status.list_credential(
        site, lakeside, list_id)
    assert verify_credential(signed, trust, today=TODAY).reason == (
        f"status: revoked by its issuer (credentialStatus.statusListIndex {index})")


def test_1edtech_revocation_lists_are_read_from_a_trusted_issuer(tmp_path, web):
    lakeside = district(tmp_path / "keys", did=web.did, name="Lakeside Unified",
                        url=web.origin)
    unsigned = badge(lakeside, credentialStatus={
        "id": f"{web.origin}/revocations", "type": "1EdTechRevocationList"})
    unsigned["@context"].append("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json")
    signed = lakeside.sign(unsigned)
    web.documents["/.well-known/did.json"] = lakeside.keys.did_document()
    web.documents["/revocations"] = {"revokedCredentials": [
        {"id": "urn:uuid:someone-else", "revocationReason": "issued in error"}]}
    assert verify_credential(signed, TrustedIssuers(parse_setting(web.did)), today=TODAY).valid
    web.documents["/revocations"]["revokedCredentials"].append({"id": signed["id"]})
    verdict = verify_credential(signed, TrustedIssuers(parse_setting(web.did)), today=TODAY)
    assert verdict.reason == "status: revoked by its issuer (credentialStatus)"


def test_a_status_address_is_not_fetched_for_a_credential_merely_naming_a_trusted_issuer(
        tmp_path, web):
    """Signed with a key the trusted issuer never published (carried in the method), the
    credential's status address is not fetched, though it names a trusted issuer."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from profilerepo.credentials import proofs
    from profilerepo.credentials.multikey import encode_public_key

    lakeside = district(tmp_path / "keys", did="did:web:records.lakeside.example",
                        name="Lakeside Unified")
    forger = Ed25519PrivateKey.generate()
    claimed = badge(lakeside, credentialStatus={
        "id": f"{web.origin}/list#3", "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation", "statusListIndex": "3",
        "statusListCredential": f"{web.origin}/list"})
    forged = proofs.sign(claimed, forger, f"{web.origin}/forger#"
                         f"{encode_public_key(forger.public_key())}", lakeside.contexts)
    trust = TrustedIssuers(parse_setting("did:web:records.lakeside.example"))
    verdict = verify_credential(forged, trust, today=TODAY)
    assert verdict.valid and not verdict.trusted
    assert verdict.warnings == (f"status could not be checked ({web.origin}/list is not the "
                                "address of a trusted issuer)",)
    assert web.requests == []
