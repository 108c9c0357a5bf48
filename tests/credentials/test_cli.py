"""profilerepo-verify: exit 0 and one line when valid, 1 and the reason when not, 2 when the
command is wrong; never a traceback, whatever the file holds."""
from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profilerepo.console import verify as cli
from profilerepo.credentials import default_credential_files
from tests.credentials.helpers import badge, district

EXAMPLES = default_credential_files()
SIMPLE = EXAMPLES / "ob3/examples/simple.json"
SIMPLE_LINE = ("valid: Example Corp (https://example.com/issuers/876543, not on the trusted "
               "list) -> did:example:ebfeb1f712ebc6f1c276e12ec21 : Teamwork")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "profilerepo.console.verify", *args],
                          capture_output=True, text=True, timeout=120)


def test_a_valid_badge_exits_0_with_one_line():
    done = run(str(SIMPLE))
    assert (done.returncode, done.stdout, done.stderr) == (0, SIMPLE_LINE + "\n", "")


def test_an_invalid_badge_exits_1_with_the_reason():
    done = run(str(EXAMPLES / "ob3/examples/simple-noproof.json"))
    assert done.returncode == 1
    assert done.stdout == "invalid: proof: the credential carries no proof: it is not signed " \
                          "(proof)\n"
    assert done.stderr == ""


def test_trusted_only_refuses_an_issuer_not_on_the_list():
    done = run(str(SIMPLE), "--trusted-only")
    assert done.returncode == 1
    assert done.stdout == ("invalid: issuer: Example Corp (https://example.com/issuers/876543) "
                           "is not on the trusted issuers list (issuer)\n")


def test_usage_errors_exit_2(tmp_path):
    done = run(str(tmp_path / "missing.json"))
    assert done.returncode == 2
    assert done.stderr == f"error: there is no file {tmp_path / 'missing.json'}\n"
    assert done.stdout == ""
    assert run().returncode == 2
    broken_keys = tmp_path / "keys.json"
    broken_keys.write_text("{not json")
    done = run(str(SIMPLE), "--keys", str(broken_keys))
    assert (done.returncode, done.stderr) == (2, "error: the keys file is not valid JSON "
                                                 "(line 1)\n")


def test_the_ini_names_trusted_issuers_and_keys_come_from_a_file(tmp_path):
    riverbend = district(tmp_path / "their-keys")
    credential = tmp_path / "badge.json"
    credential.write_text(json.dumps(riverbend.sign(badge(riverbend))))
    keys = tmp_path / "riverbend-did.json"
    keys.write_text(json.dumps([riverbend.keys.did_document()]))
    ini = tmp_path / "verify.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   f"profilerepo.credential_files = {EXAMPLES}\n"
                   "profilerepo.trusted_issuers =\n    did:web:records.riverbend.example\n")
    done = run(str(credential), "--trusted-only", "--config", str(ini), "--keys", str(keys))
    assert done.returncode == 0, done.stdout
    assert done.stdout == ("valid: Riverbend School District (did:web:records.riverbend.example"
                           ", trusted) -> urn:uuid:5a3c0f3e-9b1d-4e55-a6c2-2f0e6b1c9d41 : "
                           "Kind Reader\n")
    done = run(str(credential), "--config", str(ini))  # (no keys: none is fetched offline)
    assert done.returncode == 1
    assert done.stdout.startswith("invalid: key: the trusted issuer's keys could not be "
                                  "fetched")


@pytest.mark.parametrize("name", ["ob3/examples/simple.json", "clr2/examples/simple.json",
                                  "ob3/examples/simple.jwt"])
def test_garbled_copies_exit_1_through_the_real_command(tmp_path, name):
    data = (EXAMPLES / name).read_bytes()
    garbled = tmp_path / "garbled"
    garbled.write_bytes(data[: len(data) // 2] + b"\x00\xff" + data[len(data) // 2 + 5:])
    done = run(str(garbled))
    assert done.returncode == 1 and done.stdout.startswith("invalid: ")
    assert done.stdout.count("\n") == 1 and done.stderr == ""


def verdict_of(capsys, path) -> tuple[int, str, str]:
    """In-process (the fuzz tests run thousands): exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exited:
        cli.main([str(path)])
    out = capsys.readouterr()
    assert "unexpected problem" not in out.out  # (the verifier's last resort: a bug)
    return exited.value.code, out.out, out.err


@pytest.mark.parametrize("name", ["ob3/examples/simple.json", "ob3/examples/complete.json",
                                  "clr2/examples/simple.json", "ob3/examples/simple.jwt",
                                  "test-vectors/ob3/signed.json"])
def test_every_truncation_of_an_example_is_invalid(tmp_path, capsys, name):
    data = (EXAMPLES / name).read_bytes()
    path = tmp_path / "cut"
    for end in range(0, len(data) - 3, max(1, len(data) // 60)):
        path.write_bytes(data[:end])
        code, out, err = verdict_of(capsys, path)
        assert (code, err) == (1, ""), (end, out)
        assert out.startswith("invalid: ") and out.count("\n") == 1


@pytest.mark.parametrize(("text", "reason"), [
    ('{"a":' * 50_000, "invalid: read: "),
    ('{"credentialSubject": ' * 900 + "{}" + "}" * 900, "invalid: "),
    ("[" * 10_000, "invalid: read: the file is neither a JSON credential nor a JWT"),
    ("eyJhbGciOiJIUzI1NiJ9.e30.", "invalid: read: unsupported signing algorithm 'HS256'"),
    ("\ufeff", "invalid: read: the file is empty"),
])
def test_deep_or_odd_files_get_a_reason(tmp_path, capsys, text, reason):
    path = tmp_path / "odd"
    path.write_text(text, encoding="utf-8")
    code, out, err = verdict_of(capsys, path)
    assert (code, err) == (1, "")
    assert out.startswith(reason) and out.count("\n") == 1


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_any_bytes_exit_1_without_a_traceback(tmp_path, capsys, data):
    path = tmp_path / "fuzz"
    path.write_bytes(data)
    code, out, err = verdict_of(capsys, path)
    assert (code, err) == (1, "")
    assert out.startswith("invalid: ") and out.count("\n") == 1


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=30)
CREDENTIAL_KEYS = ["@context", "type", "issuer", "proof", "credentialSubject", "validFrom",
                   "validUntil", "credentialStatus", "id", "name"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.dictionaries(st.sampled_from(CREDENTIAL_KEYS), JSON, max_size=10))
def test_any_json_shaped_like_a_credential_exits_1(tmp_path, capsys, document):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document))
    code, out, err = verdict_of(capsys, path)
    assert (code, err) == (1, "")
    assert out.startswith("invalid: ") and out.count("\n") == 1


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["issuer", "proof", "credentialSubject", "validFrom", "@context",
                              "credentialStatus", "type"]), value=JSON)
def test_any_value_in_place_of_a_field_of_a_real_badge_exits_1(tmp_path, capsys, field, value):
    document = json.loads(SIMPLE.read_text())
    document[field] = value
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(document))
    code, out, err = verdict_of(capsys, path)
    assert (code, err) == (1, ""), out
    assert out.startswith("invalid: ") and out.count("\n") == 1


def test_the_districts_own_keys_are_read_from_its_key_folder(tmp_path):
    riverbend = district(tmp_path / "keys")
    credential = tmp_path / "badge.json"
    credential.write_text(json.dumps(riverbend.sign(badge(riverbend))))
    ini = tmp_path / "district.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   "zodbconn.uri = file://%(here)s/var/Data.fs\n"
                   "profilerepo.signing_keys = %(here)s/keys\n"
                   "profilerepo.issuer_did = did:web:records.riverbend.example\n"
                   "profilerepo.district_name = Riverbend School District\n")
    done = run(str(credential), "--config", str(ini), "--trusted-only")
    assert done.returncode == 0, done.stdout
    assert "(did:web:records.riverbend.example, trusted)" in done.stdout
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == ["key-1.pem"]
    empty = tmp_path / "elsewhere.ini"
    empty.write_text("[app:main]\nzodbconn.uri = file://%(here)s/other/Data.fs\n")
    assert run(str(credential), "--config", str(empty)).returncode == 1
    assert not (tmp_path / "other").exists()  # (the verifier made no keys, no database)


def test_keys_given_by_hand_let_the_issuers_own_status_list_be_read(tmp_path, world):
    """F2: `--keys did.json badge.json` of a revoked badge says invalid: the DID document
    given by hand vouches for its issuer, so the list on the issuer's own host is read."""
    from profilerepo.credentials import status
    from tests.credentials.test_trust import Documents

    web = Documents()
    thread = threading.Thread(target=web.serve_forever, daemon=True)
    thread.start()
    try:
        riverbend = district(tmp_path / "keys", did=web.did, url=web.origin)
        site = world.site()
        list_id, index = status.allocate(site)
        credential = tmp_path / "badge.json"
        credential.write_text(json.dumps(riverbend.sign(badge(
            riverbend, credentialStatus=status.status_entry(riverbend, list_id, index)))))
        keys = tmp_path / "did.json"
        keys.write_text(json.dumps(riverbend.keys.did_document()))
        web.documents[f"/credentials/status/{list_id}"] = status.list_credential(
            site, riverbend, list_id)
        done = run(str(credential), "--keys", str(keys))
        assert (done.returncode, done.stderr) == (0, ""), done.stdout
        assert "status could not be checked" not in done.stdout
        status.revoke(site, list_id, index)
        web.documents[f"/credentials/status/{list_id}"] = status.list_credential(
            site, riverbend, list_id)
        done = run(str(credential), "--keys", str(keys))
        assert done.returncode == 1, done.stdout
        assert done.stdout == ("invalid: status: revoked by its issuer "
                               f"(credentialStatus.statusListIndex {index})\n")
        fetched = len(web.requests)
        assert run(str(credential)).returncode == 1  # (no keys given: nothing is fetched)
        assert len(web.requests) == fetched
    finally:
        web.shutdown()
        web.server_close()
