"""Console scripts: each loads the application its .ini names (``pyramid.paster.bootstrap``)
and works on its site."""
from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from pyramid.paster import bootstrap, setup_logging
from ZODB.DB import DB
from zodburi import resolve_uri

from profilerepo.app import SCRIPT
from profilerepo.database import database, site_connection
from profilerepo.evolution.classes import install as find_moved_classes


def open_database(uri: str) -> DB:
    """A ZODB database from a zodburi URI (file://, zeo://, postgres://, memory://), on
    its own (no application), finding classes that moved as the application does."""
    storage_factory, dbkw = resolve_uri(uri)
    db = DB(storage_factory(), **dbkw)
    find_moved_classes(db)
    return db


@contextlib.contextmanager
def application(config_uri: str) -> Iterator:
    """The registry of the application the .ini names, loaded with
    ``pyramid.paster.bootstrap`` without its background work, and current meanwhile;
    its database is closed after."""
    setup_logging(config_uri)
    env = bootstrap(config_uri, options={SCRIPT: "true"})
    try:
        with env:
            yield env["registry"]
    finally:
        database(env["registry"]).close()


@contextlib.contextmanager
def site_from_config(config_uri: str) -> Iterator[tuple]:
    """(site, transaction manager) of the application the .ini names, in a connection of
    the script's own that commits as it goes (long jobs commit in batches); what is left
    uncommitted is aborted."""
    with application(config_uri) as registry, site_connection(
            database(registry), registry, commit=False) as opened:
        yield opened.site, opened.manager


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("config", help="the .ini file, e.g. development.ini")
    return p


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def search_setup(config_uri: str, registry) -> tuple:
    """(workflow engine, search index) of the application in ``config_uri``; a script
    needs the index its .ini names, not a temporary one of its own."""
    if not registry.settings.get("profilerepo.search_index"):
        fail(f"{config_uri} does not name the search index (profilerepo.search_index)")
    return registry.workflows, registry.search_index
