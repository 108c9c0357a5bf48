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


MERGE_EVERY = 10  # commits; between merges a small batch is a small segment of its own


def write_batch(search_index: SearchIndex, paths: list[str], entries: list[dict],
                commits: int, full: bool) -> None:
    """One batch in one commit: the paths' old entries deleted in one query, ``entries``
    added. Merging rewrites segments (and makes every searcher reopen them): under a
    steady trickle of small batches, merge every few commits rather than at each."""
    from whoosh.query import Or, Term

    writer = search_index.writer()
    try:
        writer.delete_by_query(Or([Term("path", path) for path in paths]))
        for entry in entries:
            writer.add_document(**entry)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=full or commits % MERGE_EVERY == 0)


class IndexingFailed(RuntimeError):
    """The writer process could not index a batch (the message says why)."""


class WriterProcess:
    """whoosh's writing in a child process of its own.

    whoosh is pure Python: in the server, its indexing would take turns under one GIL
    with the threads answering requests, and under a steady search load the indexer
    thread would get few turns. In a child process it has a core to itself; the server
    only reads the queue, works out each document's fields and waits (without the GIL)
    for the child's answer.
    """

    def __init__(self, folder: str | Path) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # (no fork of a threaded server)
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_write_forever, args=(str(folder), child),
                                       name="profilerepo index writer", daemon=True)
        self.process.start()
        child.close()
        self.lock = threading.Lock()

    def write(self, paths: list[str], entries: list[dict], commits: int, full: bool) -> None:
        with self.lock:
            self.connection.send((paths, entries, commits, full))
            problem = self.connection.recv()
        if problem:
            raise IndexingFailed(problem)

    def close(self) -> None:
        with self.lock:
            try:
                self.connection.send(None)
            except OSError:
                pass
            self.process.join(timeout=30)
            if self.process.is_alive():
                self.process.terminate()
            self.connection.close()


def _write_forever(folder: str, connection) -> None:
    index = SearchIndex(folder)
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        try:
            write_batch(index, *message)
        except Exception as error:
            connection.send(f"{type(error).__name__}: {error}")
        else:
            connection.send("")
