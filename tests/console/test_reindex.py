"""profilerepo-reindex as an operator runs it: a rebuild (with a progress bar), a check
that names what is missing, extra or out of date, and a repair of exactly that; and
profilerepo-indexer draining the queue in a process of its own."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import transaction
from whoosh.query import Term

from profilerepo.app import ROOT_KEY, database
from profilerepo.console import open_database, reindex
from profilerepo.search.index import SearchIndex
from tests.conftest import file_uri, make_app, populate


@pytest.fixture
def district(tmp_path):
    """The conftest school in a FileStorage, and an .ini naming it and an index folder."""
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    manager = transaction.TransactionManager()
    conn = database(wsgi.registry).open(manager)
    populate(conn.root()[ROOT_KEY])
    manager.commit()
    conn.close()
    database(wsgi.registry).close()
    ini = tmp_path / "site.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   f"zodbconn.uri = {file_uri(tmp_path)}\n"
                   f"profilerepo.search_index = {tmp_path / 'search'}\n"
                   "profilerepo.secret = test\n")
    return ini, tmp_path / "search"


def paths(folder) -> dict[str, str]:
    index = SearchIndex(folder)
    return {f["path"]: f["signature"] for f in index.searcher().all_stored_fields()}


def test_a_rebuild_indexes_every_document_and_a_check_then_finds_nothing(district, capsys):
    ini, folder = district
    reindex.main([str(ini)])
    out = capsys.readouterr()
    # 3 students: each one's own entry, transcript, profile, plan
    assert "Indexed 12 documents." in out.out
    assert "students [" in out.err  # the progress bar
    assert "students/s1/profile" in paths(folder)
    reindex.main([str(ini), "--check"])
    assert "Missing from the index: 0; extra in it: 0; out of date: 0." in (
        capsys.readouterr().out)


def test_check_reports_deleted_and_altered_entries_and_repair_fixes_exactly_those(
        district, capsys):
    ini, folder = district
    reindex.main([str(ini)])
    before = paths(folder)
    index = SearchIndex(folder)
    writer = index.writer()
    writer.delete_by_term("path", "students/s1/profile")
    fields = dict(next(f for f in index.searcher().all_stored_fields()
                       if f["path"] == "students/s2/plan"))
    writer.delete_by_term("path", "students/s2/plan")
    writer.add_document(**{**fields, "signature": "tampered", "title": "Tampered"})
    writer.add_document(path="students/s9/ghost", title="Ghost", signature="x")
    writer.commit()
    capsys.readouterr()

    with pytest.raises(SystemExit) as exit_:
        reindex.main([str(ini), "--check"])
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "Missing from the index: 1; extra in it: 1; out of date: 1." in out
    assert "missing: students/s1/profile" in out
    assert "extra: students/s9/ghost" in out
    assert "out of date: students/s2/plan" in out

    reindex.main([str(ini), "--repair"])
    assert "Repaired 3 entries." in capsys.readouterr().out
    assert paths(folder) == before
    reindex.main([str(ini), "--check"])
    assert "out of date: 0." in capsys.readouterr().out


def test_the_indexer_process_indexes_what_the_server_queued(district):
    ini, folder = district
    db = open_database(file_uri(district[0].parent))
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    profile = conn.root()[ROOT_KEY]["students"]["s1"]["profile"]
    profile.record({"interests": "Origami and volcanoes"}, by="cora")
    manager.commit()
    conn.close()
    db.close()

    process = subprocess.Popen([sys.executable, "-m", "profilerepo.console.indexer",
                                str(ini)], env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        deadline = time.monotonic() + 30
        found = []
        while time.monotonic() < deadline and not found:
            time.sleep(0.3)
            searcher = SearchIndex(folder).searcher()
            found = list(searcher.documents(path="students/s1/profile"))
            if found and not list(searcher.search(Term("body", "origami"))):
                found = []
        assert found, "the indexer process did not index the queued profile"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_a_rebuild_stopped_part_way_leaves_the_old_index_searchable(district, monkeypatch,
                                                                   capsys):
    ini, folder = district
    reindex.main([str(ini)])
    before = paths(folder)
    assert len(before) == 12
    from profilerepo.search import rebuild as rebuilding

    indexed = rebuilding.fields_of

    def stopped_after_four(engine, document, seen=[]):  # noqa: B006 (counts the calls)
        seen.append(document)
        if len(seen) > 4:
            raise KeyboardInterrupt  # (Ctrl-C, or the machine going down)
        return indexed(engine, document)

    monkeypatch.setattr(rebuilding, "fields_of", stopped_after_four)
    with pytest.raises(KeyboardInterrupt):
        reindex.main([str(ini)])
    assert paths(folder) == before  # every document still found, as before
    monkeypatch.undo()

    # a rebuild killed outright leaves its half-built folder beside the index: the next
    # one starts afresh, and the finished index takes the old one's place
    (folder.parent / "search.rebuilding").mkdir()
    (folder.parent / "search.rebuilding" / "half-written").write_text("x")
    reindex.main([str(ini)])
    assert "Indexed 12 documents." in capsys.readouterr().out
    assert paths(folder) == before
    assert sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("search")) \
        == ["search"]


def test_an_index_caught_between_the_two_renames_of_a_swap_is_put_back(district):
    ini, folder = district
    reindex.main([str(ini)])
    before = paths(folder)
    folder.rename(folder.parent / "search.replaced")  # (stopped right after the first)
    assert paths(folder) == before
