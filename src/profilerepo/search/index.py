"""The full-text index on disk: the only module that speaks whoosh.

One writer at a time, under whoosh's lock with a timeout (never an
AsyncWriter or BufferedWriter, so nobody sees a LockError); segments written
uncompounded, so opening or refreshing a searcher does not copy every segment
into memory. Searchers are kept per thread and refreshed, not reopened.
"""
from __future__ import annotations

import threading
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer

WRITE_TIMEOUT = 30.0  # seconds to wait for the writer lock (another indexer's batch)

SCHEMA = fields.Schema(
    path=fields.ID(stored=True, unique=True),
    type=fields.ID(stored=True, sortable=True),
    title=fields.TEXT(stored=True, analyzer=StemmingAnalyzer(), field_boost=2.0),
    body=fields.TEXT(analyzer=StemmingAnalyzer()),
    student=fields.ID(stored=True),
    student_name=fields.TEXT(stored=True),
    school=fields.ID(stored=True, sortable=True),
    grade=fields.ID(stored=True, sortable=True),
    state=fields.ID(stored=True, sortable=True),
    tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
    modified=fields.DATETIME(stored=True, sortable=True),
    creator=fields.ID(stored=True),
    view=fields.KEYWORD(stored=True),  # roles that view the document in its state
    gate=fields.KEYWORD(stored=True),  # roles that view the document enclosing it, or "*"
    signature=fields.ID(stored=True),  # what was indexed, to find stale entries
)


class SearchIndex:
    """The index in ``folder`` (made on first use)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        if index.exists_in(str(self.folder)):
            self.ix = index.open_dir(str(self.folder))
        else:
            self.ix = index.create_in(str(self.folder), SCHEMA)
        self._local = threading.local()

    def writer(self, procs: int = 1):
        """The one writer (waits for the lock; segments uncompounded)."""
        if procs > 1:
            return self.ix.writer(procs=procs, timeout=WRITE_TIMEOUT, compound=False,
                                  subargs={"compound": False})
        return self.ix.writer(timeout=WRITE_TIMEOUT, compound=False)

    def searcher(self):
        """This thread's searcher, brought up to date with the last commit."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
        elif not searcher.up_to_date():
            searcher = searcher.refresh()
        self._local.searcher = searcher
        return searcher

    def clear(self) -> None:
        """Empty the index (for a rebuild)."""
        self.ix = index.create_in(str(self.folder), SCHEMA)
        self._local = threading.local()

    def doc_count(self) -> int:
        return self.searcher().doc_count()
