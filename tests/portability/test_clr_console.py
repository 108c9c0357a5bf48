"""profilerepo-export-clr over a small school, run as an operator would: an .ini, a school,
a folder; files that verify, progress on the way, a summary, and the database untouched."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
import transaction

from profilerepo.app import database
from profilerepo.console import export_clr
from profilerepo.credentials.contexts import ContextLibrary
from profilerepo.credentials.keys import KeyRing
from profilerepo.credentials.proofs import verify
from profilerepo.family.hiding import hide
from profilerepo.portability.clr import schema_problems
from tests.conftest import file_uri, make_app, populated
from tests.portability.test_clr import FILES, fill_transcript

DID = "did:web:north.example"


@pytest.fixture
def ini(tmp_path):
    """A district whose North Middle School has Maya (a full transcript) and Jonah (whose
    family hid his transcript, written at another school), and its .ini."""
    keys = tmp_path / "keys"
    settings = {"profilerepo.signing_keys": str(keys), "profilerepo.issuer_did": DID,
                "profilerepo.district_name": "North Valley District"}
    wsgi = make_app(file_uri(tmp_path), tmp_path, **settings)
    world = populated(wsgi)
    site = world.site()
    students = site["students"]
    fill_transcript(students["s1"], n_courses=8, n_assessments=3)
    fill_transcript(students["s2"], n_courses=3, n_assessments=1)
    transcript = students["s2"]["transcript"]
    hide(students["s2"], transcript, by="gus")
    # (as if South wrote it before Jonah moved: North is a future school to it)
    transcript.hidden_from_future = replace(transcript.hidden_from_future, school_id="south")
    transaction.commit()
    world.close()
    database(wsgi.registry).close()
    path = tmp_path / "district.ini"
    path.write_text("[app:main]\nuse = egg:profilerepo\n"
                    f"zodbconn.uri = {file_uri(tmp_path)}\nprofilerepo.secret = test\n"
                    "profilerepo.indexer = off\n"
                    f"profilerepo.search_index = {tmp_path / 'search'}\n"
                    + "".join(f"{key} = {value}\n" for key, value in settings.items()))
    return path


def last_transaction(ini_path) -> bytes:
    from profilerepo.console import application

    with application(str(ini_path)) as registry:
        return database(registry).lastTransaction()


def test_a_school_is_written_one_verified_file_per_student(ini, tmp_path, capsys):
    before = last_transaction(ini)
    out = tmp_path / "clr"
    export_clr.main([str(ini), "--school", "north", "--out", str(out)])
    printed = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["s1.json", "s2.json"]
    ring, contexts = KeyRing(tmp_path / "keys", DID), ContextLibrary(FILES)
    for path in out.iterdir():
        clr = json.loads(path.read_text())
        verify(clr, ring.public_key_for(clr["proof"]["verificationMethod"]), contexts)
        assert schema_problems(clr, FILES) == []
    maya = json.loads((out / "s1.json").read_text())
    assert len(maya["credentialSubject"]["verifiableCredential"]) == 1 + 8 + 3 + 2
    jonah = json.loads((out / "s2.json").read_text())
    # his family hid the transcript another school wrote: this school gets the rest only
    assert jonah["partial"] is True
    assert [c["name"] for c in jonah["credentialSubject"]["verifiableCredential"]] == [
        "Enrolled at North Middle School"]
    assert "2/2" in printed.err and "100%" in printed.err and "left" in printed.err
    assert "Exporting 2 students of North Middle School" in printed.out
    assert "Wrote 2 CLR files" in printed.out
    assert last_transaction(ini) == before  # read only: nothing committed


def test_an_unknown_school_is_refused_naming_the_schools(ini, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        export_clr.main([str(ini), "--school", "west", "--out", str(tmp_path / "clr")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "no school with id 'west'" in err and "north (North Middle School)" in err
    assert not (tmp_path / "clr").exists()


def test_without_the_districts_key_folder_nothing_is_signed(ini, tmp_path, capsys):
    ini.write_text("\n".join(line for line in ini.read_text().splitlines()
                             if not line.startswith("profilerepo.signing_keys")) + "\n")
    with pytest.raises(SystemExit) as exit_:
        export_clr.main([str(ini), "--school", "north", "--out", str(tmp_path / "clr")])
    assert exit_.value.code == 2
    assert "profilerepo.signing_keys" in capsys.readouterr().err
    assert not (tmp_path / "clr").exists()
