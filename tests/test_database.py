"""A connection of one's own (profilerepo.database): what it commits, what it drops, and
whose registry is current meanwhile."""
from __future__ import annotations

import threading

import pytest
from pyramid.registry import Registry
from pyramid.threadlocal import get_current_registry
from ZODB import DB
from ZODB.MappingStorage import MappingStorage

from profilerepo.database import ROOT_KEY, site_connection


@pytest.fixture
def db():
    database = DB(MappingStorage())
    with site_connection(database) as opened:
        opened.root[ROOT_KEY] = {"note": "new"}
    yield database
    database.close()


def note(db) -> str:
    with site_connection(db, commit=False) as opened:
        return opened.site["note"]


def test_what_the_block_leaves_is_committed_at_its_end(db):
    with site_connection(db) as opened:
        opened.root[ROOT_KEY] = {"note": "saved"}
    assert note(db) == "saved"


def test_a_read_only_block_and_a_failed_one_commit_nothing(db):
    with site_connection(db, commit=False) as opened:
        opened.root[ROOT_KEY] = {"note": "only looked"}
    with pytest.raises(RuntimeError), site_connection(db) as opened:
        opened.root[ROOT_KEY] = {"note": "half done"}
        raise RuntimeError("stopped")
    assert note(db) == "new"


def test_the_application_registry_is_current_in_a_thread_while_the_block_runs(db):
    registry, seen = Registry("the application"), []

    def job() -> None:
        with site_connection(db, registry):
            seen.append(get_current_registry())
        seen.append(get_current_registry())

    thread = threading.Thread(target=job)
    thread.start()
    thread.join()
    assert seen[0] is registry
    assert seen[1] is not registry
