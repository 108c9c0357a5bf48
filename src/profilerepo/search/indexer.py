"""The indexer: drains the queue into the index, a batch at a time, through one writer.

Each batch is one whoosh commit: the batch's old entries are deleted and the
documents as they are now (or nothing, if gone) added. The queue entries are
removed afterwards in a ZODB transaction of their own, and only if nobody
queued them again meanwhile; a batch that fails stays queued and is retried
(indexing a document twice is harmless). Runs as a thread in the server
(``profilerepo.indexer = thread``) or as ``profilerepo-indexer``.
"""
from __future__ import annotations

import logging
import threading
import time

import transaction
from ZODB.POSException import ConflictError

from profilerepo.search.documents import fields_of, student_of
from profilerepo.search.index import WriterProcess, write_batch
from profilerepo.search.queue import indexed, queue_of
from profilerepo.workflow.index import resolve

log = logging.getLogger(__name__)


class Indexer:
    def __init__(self, db, engine, search_index, root_key: str, batch: int = 500,
                 interval: float = 0.5, writer_process: bool = True) -> None:
        self.db, self.engine, self.index = db, engine, search_index
        self.root_key, self.size, self.interval = root_key, batch, interval
        self._stop = threading.Event()
        self.thread: threading.Thread | None = None
        # called as listener(items, time) once a batch is searchable: (path, stamp) pairs
        self.listeners: list = []
        self.commits = 0
        self.writer_process = writer_process
        self._child: WriterProcess | None = None

    def run_once(self) -> int:
        """Index one batch; returns how many queue entries it took (0: nothing queued)."""
        manager = transaction.TransactionManager()
        conn = self.db.open(manager)
        try:
            site = conn.root()[self.root_key]
            queue = queue_of(site)
            items = queue.batch(self.size) if queue is not None else []
            if not items:
                return 0
            entries = []
            for path, _stamp in items:
                document = resolve(site, path)
                if document is None or not indexed(document) or student_of(document) is None:
                    continue
                try:
                    entries.append(fields_of(self.engine, document))
                except Exception:  # one broken record must not hold up the queue
                    log.exception("not indexed (left out of search): %s", path)
            self.write(items, entries)
            searchable = time.time()
            for listener in self.listeners:
                listener(items, searchable)
            try:
                queue.done(items)
                manager.commit()
            except ConflictError:  # someone queued one of them again: next round
                manager.abort()
            return len(items)
        finally:
            manager.abort()
            conn.close()

    def write(self, items, entries: list[dict]) -> None:
        self.commits += 1
        paths, full = [path for path, _ in items], len(items) >= self.size
        if not self.writer_process or full:  # catching up: straight through, no hand-over
            write_batch(self.index, paths, entries, self.commits, full)
            return
        try:
            if self._child is None or not self._child.process.is_alive():
                self.close()
                self._child = WriterProcess(self.index.folder)
            self._child.write(paths, entries, self.commits, full)
        except (OSError, EOFError):
            # No writer process here (it could not start: e.g. a script whose main module
            # cannot be imported again). Index in this process from now on.
            log.warning("no index writer process; indexing in this process instead",
                        exc_info=True)
            self.close()
            self.writer_process = False
            write_batch(self.index, paths, entries, self.commits, full)

    def close(self) -> None:
        """End the writer process, if one was started."""
        if self._child is not None:
            self._child.close()
            self._child = None

    def drain(self) -> int:
        """Index until the queue is empty; returns how many entries were taken."""
        total = 0
        try:
            while done := self.run_once():
                total += done
        finally:
            if self.thread is None:
                self.close()  # (a running thread keeps its writer process)
        return total

    def run(self) -> None:
        """Drain, then poll; keep going after a failed batch (it stays queued)."""
        while not self._stop.is_set():
            try:
                done = self.run_once()
            except Exception:
                if self._stop.is_set():
                    break
                log.exception("indexing a batch failed; it stays queued and is retried")
                self._stop.wait(5)
                continue
            if done < self.size:
                self._stop.wait(self.interval)

    def start(self) -> threading.Thread:
        self.thread = threading.Thread(target=self.run, name="profilerepo indexer",
                                       daemon=True)
        self.thread.start()
        return self.thread

    def stop(self) -> None:
        self._stop.set()
        if self.thread is not None:
            self.thread.join(timeout=30)
        self.close()
