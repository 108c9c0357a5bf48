"""profilerepo-import-backpack as an operator runs it: verified, imported with progress and
a summary; a tampered file or an unconfirmed match exits 1 with the reason, writing nothing."""
from __future__ import annotations

import json
import re

import pytest
import transaction

from profilerepo.app import ROOT_KEY, database
from profilerepo.console import import_backpack
from tests.conftest import file_uri, make_app, populate
from tests.portability.backpacks import changed, district, exported, flip_byte
from tests.portability.test_export import build_full_record


@pytest.fixture
def operator(tmp_path):
    """A district's database (the conftest school, Maya's full record in it), an .ini
    trusting North Valley, North Valley's keys as a file, and Maya's backpack from it."""
    sender = district(tmp_path / "north-keys", "https://north.example", "North Valley District")
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    manager = transaction.TransactionManager()
    conn = database(wsgi.registry).open(manager)
    site = conn.root()[ROOT_KEY]
    populate(site)
    build_full_record(site)
    manager.commit()
    backpack = tmp_path / "Maya-Lopez-backpack.zip"
    backpack.write_bytes(exported(site["students"]["s1"], sender))
    manager.abort()
    conn.close()
    database(wsgi.registry).close()
    keys = tmp_path / "north-keys.json"
    keys.write_text(json.dumps(sender.keys.did_document()))
    ini = tmp_path / "site.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   f"zodbconn.uri = {file_uri(tmp_path)}\n"
                   f"profilerepo.signing_keys = {tmp_path / 'our-keys'}\n"
                   f"profilerepo.trusted_issuers = {sender.did}\n"
                   "profilerepo.secret = test\n")
    return {"ini": str(ini), "file": backpack, "keys": str(keys), "folder": tmp_path}


def students(folder) -> list[tuple[str, str]]:
    wsgi = make_app(file_uri(folder), folder)
    try:
        conn = database(wsgi.registry).open()
        found = [(s.__name__, s.title) for s in conn.root()[ROOT_KEY]["students"].values()]
        conn.close()
        return sorted(found)
    finally:
        database(wsgi.registry).close()


def run(*args: str) -> int:
    try:
        import_backpack.main(list(args))
    except SystemExit as stopped:
        return stopped.code
    return 0


def test_it_verifies_imports_and_sums_up(operator, capsys):
    before = students(operator["folder"])
    code = run(operator["ini"], str(operator["file"]), "--school", "south", "--yes",
               "--keys", operator["keys"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Signed by North Valley District (did:web:north.example): verified" in err
    assert "documents [" in err  # the progress bar
    assert re.search(r"^Maya Lopez \(new student\): \d+ documents added, 1 file\.", out)
    assert "added: Narrative, Fall science (narratives/narrative-1)" in out
    after = students(operator["folder"])
    assert len(after) == len(before) + 1
    assert run(operator["ini"], str(operator["file"]), "--keys", operator["keys"]) == 0
    assert "imported before" in capsys.readouterr()[0]
    assert students(operator["folder"]) == after


def test_a_match_by_name_and_birth_date_is_not_imported_unasked(operator, capsys):
    before = students(operator["folder"])
    code = run(operator["ini"], str(operator["file"]), "--school", "south",
               "--keys", operator["keys"])
    assert code == 1
    assert "same name and birth date: Maya Lopez (s1)" in capsys.readouterr()[1]
    assert students(operator["folder"]) == before
    assert run(operator["ini"], str(operator["file"]), "--student", "s1",
               "--keys", operator["keys"]) == 0
    assert "Maya Lopez (matched by id)" in capsys.readouterr()[0]


def test_a_tampered_file_exits_1_with_the_reason_and_writes_nothing(operator, capsys):
    before = students(operator["folder"])
    bad = operator["folder"] / "tampered.zip"
    bad.write_bytes(changed(operator["file"].read_bytes(), "documents/plan.json", flip_byte))
    code = run(operator["ini"], str(bad), "--school", "south", "--yes",
               "--keys", operator["keys"])
    assert code == 1
    err = capsys.readouterr()[1]
    assert "refused: documents/plan.json was changed after it was signed." in err
    assert "Traceback" not in err
    assert students(operator["folder"]) == before


def test_a_file_from_an_untrusted_district_exits_1(operator, capsys, tmp_path):
    ini = tmp_path / "untrusting.ini"
    ini.write_text(open(operator["ini"]).read().replace("profilerepo.trusted_issuers",
                                                        "profilerepo.unused"))
    assert run(str(ini), str(operator["file"]), "--yes", "--school", "south",
               "--keys", operator["keys"]) == 1
    assert ("refused: The file is signed by did:web:north.example, which is not a trusted "
            "district.") in capsys.readouterr()[1]
