"""The full-text index on disk: the only module that speaks whoosh.

One writer at a time, under whoosh's lock with a timeout (never an
AsyncWriter or BufferedWriter, so nobody sees a LockError); segments written
uncompounded, so opening or refreshing a searcher does not copy every segment
into memory. Searchers are kept per thread and refreshed, not reopened.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from whoosh import fields
from whoosh.analysis import StemmingAnalyzer
from whoosh.filedb.filestore import FileStorage

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
    viewers=fields.KEYWORD(stored=True),  # principals who may view it now
    signature=fields.ID(stored=True),  # what was indexed, to find stale entries
)


GRACE_SECONDS = 120.0


class PatientStorage(FileStorage):
    """Keeps a merged-away segment's files for a while before deleting them.

    Uncompounded segments are many files, and a searcher opens some of them only
    when first needed; a writer's merge deletes the old segments' files at once, so a
    searcher opened a moment earlier could find them gone. Searchers here are
    refreshed on every query, so two minutes is long enough; whoosh asks again to
    delete unused files at every commit, and a later one does it.
    """

    _doomed: dict[str, float] = {}
    _lock = threading.Lock()

    def delete_file(self, name: str) -> None:
        key = f"{self.folder}/{name}"
        with self._lock:
            first = self._doomed.setdefault(key, time.monotonic())
            if time.monotonic() - first < GRACE_SECONDS:
                return
            self._doomed.pop(key, None)
        super().delete_file(name)


class SearchIndex:
    """The index in ``folder`` (made on first use)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        storage = PatientStorage(str(self.folder))
        if storage.index_exists():
            self.ix = storage.open_index()
        else:
            self.ix = storage.create_index(SCHEMA)
        self._local = threading.local()

    def writer(self, procs: int = 1):
        """The one writer (waits for the lock; segments uncompounded)."""
        if procs > 1:
            return self.ix.writer(procs=procs, timeout=WRITE_TIMEOUT, compound=False,
                                  subargs={"compound": False})
        return self.ix.writer(timeout=WRITE_TIMEOUT, compound=False)

    def searcher(self):
        """This thread's searcher, reopened when a commit has changed the index.

        (Not ``refresh()``: in whoosh 2.7 it reuses the old segments' readers with the
        deletions they had when opened, so a reindexed document would be found twice and
        a deleted entry still found. Opening uncompounded segments costs milliseconds.)
        """
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and searcher.up_to_date():
            return searcher
        if searcher is not None:
            searcher.close()
        self._local.searcher = searcher = self.ix.searcher()
        return searcher

    def clear(self) -> None:
        """Empty the index (for a rebuild, run with no server using the index)."""
        for path in self.folder.iterdir():
            if path.is_file():
                path.unlink()
        self.ix = PatientStorage(str(self.folder)).create_index(SCHEMA)
        self._local = threading.local()

    def doc_count(self) -> int:
        return self.searcher().doc_count()
