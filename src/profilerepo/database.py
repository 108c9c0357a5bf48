"""The application's database: where the site lives in it, and a connection of one's own.

Start-up steps, long jobs in threads of their own and console scripts each work on the
site in a connection and transactions of their own, never a request's; ``site_connection``
is that connection, with the application's registry current so content events reach
their subscribers there too.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import transaction
from pyramid.threadlocal import manager as threadlocal
from ZODB.DB import DB

ROOT_KEY = "profilerepo"  # the site's key in the ZODB root


def database(registry) -> DB:
    """The application's ZODB database (opened by pyramid_zodbconn)."""
    return registry._zodb_databases[""]


class SiteConnection:
    """A connection of one's own and its transaction manager: its site, and commits."""

    def __init__(self, connection, manager: transaction.TransactionManager,
                 root_key: str) -> None:
        self.connection, self.manager, self.root_key = connection, manager, root_key

    @property
    def root(self):
        """The ZODB root (the site is under ``root_key``; a new database lacks it)."""
        return self.connection.root()

    @property
    def site(self):
        """The site root, as this connection sees it now."""
        return self.connection.root()[self.root_key]

    def commit(self) -> None:
        self.manager.commit()

    def abort(self) -> None:
        self.manager.abort()

    def commit_batch(self) -> None:
        """Commit a long job's batch, and let go of the objects it loaded (a job over
        thousands of students would otherwise hold them all)."""
        self.manager.commit()
        self.connection.cacheGC()


@contextlib.contextmanager
def site_connection(db: DB, registry=None, *, root_key: str = ROOT_KEY,
                    commit: bool = True) -> Iterator[SiteConnection]:
    """A connection to ``db`` in a transaction manager of its own, closed after: what is
    left uncommitted is committed at the end (only aborted, with ``commit=False``), and
    aborted on an error. ``registry`` (the application's) is made current meanwhile."""
    if registry is not None:
        threadlocal.push({"registry": registry, "request": None})
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    try:
        yield SiteConnection(conn, manager, root_key)
        if commit:
            manager.commit()
    finally:
        manager.abort()
        conn.close()
        if registry is not None:
            threadlocal.pop()
