"""profilerepo-verify checks a whole backpack too (by the portability package's reader):
a district's signed backpack is valid; one changed byte in it is refused."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from profilerepo.credentials.trust import TrustedIssuers
from profilerepo.credentials.verify import verify_file
from tests.credentials.helpers import district

export = pytest.importorskip("profilerepo.portability.export")


@pytest.fixture
def backpack(world, tmp_path):
    issuer = district(tmp_path / "keys")
    path = tmp_path / "maya.zip"
    with path.open("wb") as out:
        export.export_backpack(world.site()["students"]["s1"], issuer, out, audience="school")
    keys = tmp_path / "riverbend-did.json"
    keys.write_text(json.dumps(issuer.keys.did_document()))
    return path, issuer, keys


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "profilerepo.console.verify", *args],
                          capture_output=True, text=True, timeout=120)


def test_a_signed_backpack_is_valid_and_says_whose_it_is(backpack):
    path, issuer, _ = backpack
    trust = TrustedIssuers(issuer=issuer)
    verdict = verify_file(path, trust)
    assert verdict.valid, verdict.reason
    assert verdict.summary().startswith(
        "valid: Riverbend School District (did:web:records.riverbend.example, trusted) -> "
        "Maya Lopez : backpack of ")


def test_the_command_checks_a_backpack_offline(backpack, tmp_path):
    path, issuer, keys = backpack
    # A family checks its copy with the district's published keys: valid, and said to be
    # off their (empty) trusted list; --trusted-only refuses it.
    done = run(str(path), "--keys", str(keys))
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith(f"valid: Riverbend School District ({issuer.did}, not on "
                                  "the trusted list) -> Maya Lopez : backpack of ")
    done = run(str(path), "--keys", str(keys), "--trusted-only")
    assert done.returncode == 1
    assert done.stdout == (f"invalid: backpack: The file is signed by {issuer.did}, which is "
                           "not a trusted district.\n")
    done = run(str(path))  # (no key given for it, none to fetch: nothing to check it with)
    assert done.returncode == 1 and "cannot be checked" in done.stdout, done.stdout
    ini = tmp_path / "verify.ini"
    ini.write_text(f"[app:main]\nprofilerepo.trusted_issuers = {issuer.did}\n")
    done = run(str(path), "--keys", str(keys), "--config", str(ini), "--trusted-only")
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith(f"valid: Riverbend School District ({issuer.did}, trusted) "
                                  "-> Maya Lopez : backpack of ")
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(changed, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".json") and info.filename != "backpack.json" \
                    and b"Maya" in data:
                data = data.replace(b"Maya", b"Mayb", 1)
            copy.writestr(info, data)
    done = run(str(changed), "--keys", str(keys), "--config", str(ini))
    assert done.returncode == 1 and done.stdout.startswith("invalid: backpack: ")
    assert done.stderr == ""
