"""Console scripts: each opens the database named in an .ini and works on the site."""
from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

import transaction
from pyramid.paster import get_appsettings, setup_logging
from zodburi import resolve_uri

from profilerepo.app import ROOT_KEY, ensure_site


def open_database(uri: str):
    """A ZODB database from a zodburi URI (file://, zeo://, postgres://, memory://)."""
    from ZODB.DB import DB

    storage_factory, dbkw = resolve_uri(uri)
    return DB(storage_factory(), **dbkw)


@contextlib.contextmanager
def site_from_config(config_uri: str) -> Iterator[tuple]:
    """(site, transaction manager) for the database the .ini names; closed after."""
    setup_logging(config_uri)
    settings = get_appsettings(config_uri)
    db = open_database(settings["zodbconn.uri"])
    try:
        ensure_site(db)
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        try:
            yield conn.root()[ROOT_KEY], manager
        finally:
            manager.abort()
            conn.close()
    finally:
        db.close()


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("config", help="the .ini file, e.g. development.ini")
    return p


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def search_setup(config_uri: str):
    """(workflow engine, search index) as the application in ``config_uri`` has them."""
    from zoneinfo import ZoneInfo

    from profilerepo.search.index import SearchIndex
    from profilerepo.workflow import project_engine

    settings = get_appsettings(config_uri)
    folder = settings.get("profilerepo.search_index")
    if not folder:
        fail(f"{config_uri} does not name the search index (profilerepo.search_index)")
    engine = project_engine(settings.get("profilerepo.workflows"),
                            timezone=ZoneInfo(settings.get("profilerepo.timezone", "UTC")))
    return engine, SearchIndex(folder)
