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

from ZODB.POSException import ConflictError

from profilerepo.content.lineage import student_of
from profilerepo.database import site_connection
from profilerepo.search.documents import fields_of
from profilerepo.search.queue import indexed, queue_of
from profilerepo.search.whoosh_compat import install
from profilerepo.search.writing import WriterProcess, tidy, write_batch
from profilerepo.workflow.index import resolve

log = logging.getLogger(__name__)


READ_AHEAD_SLICE = 0.1  # seconds of reading ahead at a time, when idle
# Documents per batch while catching up with a backlog, after a first batch of the
# usual size. Each batch is a segment, and whoosh's merges rewrite small segments:
# draining 87,000 documents in batches of 2,000 spent 40% of the writer's time
# merging and ran at 250 documents a second; in batches of 20,000 nothing needed
# merging and it ran at about 500, leaving as few segments as before (6), so
# searches have no more segments to visit. (The first batch stays small, so the
# first documents become searchable within seconds.)
CATCH_UP_BATCH = 20_000
GC_EVERY = 1000  # documents read for a batch between trims of the object cache


class Indexer:
    def __init__(self, db, engine, search_index, root_key: str, batch: int = 2000,
                 interval: float = 0.1, writer_process: bool = True,
                 read_ahead: bool = True, catch_up_batch: int = CATCH_UP_BATCH) -> None:
        install()  # (an indexer of its own, started without the app, too)
        self.db, self.engine, self.index = db, engine, search_index
        self.root_key, self.size, self.interval = root_key, batch, interval
        self.catch_up_size = max(batch, catch_up_batch)
        self.catching_up = False  # (the last batch was full: more is waiting)
        self._stop = threading.Event()
        self.thread: threading.Thread | None = None
        # called as listener(items, time) once a batch is searchable: (path, stamp) pairs
        self.listeners: list = []
        self.commits = 0
        self.writer_process = writer_process
        # read each new segment's facet values after a batch (for a server's searches;
        # pointless in an indexer process of its own)
        self.read_ahead = read_ahead
        self._child: WriterProcess | None = None
        self._in_flight: tuple = ()  # (items, paths) sent, not yet confirmed
        # set once the thread has first caught up with the queue and read ahead
        self.caught_up = threading.Event()

    def run_once(self) -> int:
        """Index one batch; returns how many queue entries it took (0: nothing queued).

        Catching up (a full batch), the batch goes to the writer process and this
        returns while it is written: the next call reads the next batch from the
        database meanwhile, and only then waits for this one's commit. A batch in
        flight is never read again (its paths are skipped) and stays queued until
        its commit is confirmed. After a full batch the next one may be bigger
        (``catch_up_size``).
        """
        with site_connection(self.db, root_key=self.root_key, commit=False) as opened:
            site, manager = opened.site, opened.manager
            queue = queue_of(site)
            flying = set(self._in_flight[1]) if self._in_flight else frozenset()
            limit = self.catch_up_size if self.catching_up else self.size
            items = queue.batch(limit, skip=flying) if queue is not None else []
            self.catching_up = len(items) >= limit
            entries = self._fields(site, items)
            self._land(queue, manager)  # the batch before this one, if it is in flight
            if not items:
                return 0
            self.commits += 1
            paths = [path for path, _ in items]
            if self.catching_up and (child := self._writer_process()) is not None:
                try:
                    child.send(paths, entries, True)
                except (OSError, EOFError):
                    self._no_child()
                else:
                    self._in_flight = (items, paths)  # (its entries are not kept)
                    return len(items)
            self.write(paths, entries)
            self._indexed(queue, manager, items)
            return len(items)

    def _fields(self, site, items) -> list[dict]:
        entries = []
        for number, (path, _stamp) in enumerate(items, 1):
            if number % GC_EVERY == 0:  # (a batch's documents need not all stay loaded)
                site._p_jar.cacheGC()
            document = resolve(site, path)
            if document is None or not indexed(document) or student_of(document) is None:
                continue
            try:
                entries.append(fields_of(self.engine, document))
            except Exception:  # one broken record must not hold up the queue
                log.exception("not indexed (left out of search): %s", path)
        return entries

    def _land(self, queue, manager) -> None:
        """Wait for the batch in flight, if any, and forget its queue entries. (If the
        writer process is gone, the batch stays queued and is read again next time.)"""
        if not self._in_flight:
            return
        (items, _paths), self._in_flight = self._in_flight, ()
        try:
            self._child.wait()  # (raises if whoosh failed: its entries stay queued)
        except (OSError, EOFError):  # the writer process is gone: index here from now on
            self._no_child()
            return
        self._indexed(queue, manager, items)

    def _indexed(self, queue, manager, items) -> None:
        if self.read_ahead:  # (a server's indexer: its searches need not wait for this)
            self.index.refresh()
        searchable = time.time()
        for listener in self.listeners:
            listener(items, searchable)
        try:
            queue.done(items)
            manager.commit()
        except ConflictError:  # someone queued one of them again: next round
            manager.abort()
        self._read_ahead()

    def _read_ahead(self, terms: bool = False) -> bool:
        """The new segments' facet values read here, not in someone's search; with
        ``terms``, their common terms too, for up to ``READ_AHEAD_SLICE`` seconds (a
        change queued meanwhile waits no longer). Returns whether all is read."""
        if not self.read_ahead:
            return True
        try:
            return self.index.warm(terms=terms,
                                   seconds=READ_AHEAD_SLICE if terms else None)
        except Exception:  # (searches read what they need themselves: nothing is lost)
            log.warning("could not read ahead the index segments", exc_info=True)
            return True

    def _writer_process(self) -> WriterProcess | None:
        """The writer process, started if need be (None: indexing in this process)."""
        if not self.writer_process:
            return None
        if self._child is None or not self._child.process.is_alive():
            self.close()
            try:
                self._child = WriterProcess(self.index.folder)
            except (OSError, EOFError):
                self._no_child()
        return self._child

    def _no_child(self) -> None:
        # No writer process here (it could not start: e.g. a script whose main module
        # cannot be imported again). Index in this process from now on.
        log.warning("no index writer process; indexing in this process instead",
                    exc_info=True)
        self.close()
        self.writer_process = False

    def write(self, paths: list[str], entries: list[dict]) -> None:
        """One batch, written and committed before this returns (segments merged as
        ``merging`` says)."""
        child = self._writer_process()
        if child is not None:
            try:
                child.write(paths, entries, True)
                return
            except (OSError, EOFError):
                self._no_child()
        write_batch(self.index, paths, entries)

    def tidy(self) -> None:
        """Merge the index's segments if there are too many: a server started on an
        index left fragmented serves it as it is meanwhile, and faster after."""
        child = self._writer_process()
        if child is not None:
            try:
                child.tidy()
                return
            except (OSError, EOFError):
                self._no_child()
        tidy(self.index)

    def close(self) -> None:
        """End the writer process, if one was started (a batch in flight stays queued)."""
        self._in_flight = ()
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
        try:
            self._run()
        finally:
            self.index.close()  # (the server is stopping: the searchers' files)

    def _run(self) -> None:
        self._read_ahead()  # (what is on disk already, for the first searches)
        try:  # (started now, not in the first save's wait: a child takes a second to start)
            self._writer_process()
            self.tidy()
        except Exception:
            log.warning("could not start the index writer process or merge its segments",
                        exc_info=True)
        while not self._stop.is_set():
            began = time.monotonic()
            try:
                self.run_once()
            except Exception:
                if self._stop.is_set():
                    break
                log.exception("indexing a batch failed; it stays queued and is retried")
                self._stop.wait(5)
                continue
            if self.catching_up:
                continue
            # caught up: read ahead a little (the interval's wait is counted from the look)
            if self._read_ahead(terms=True):
                self.caught_up.set()
            # look again one interval after the last look
            self._stop.wait(max(0.0, self.interval - (time.monotonic() - began)))

    def start(self) -> threading.Thread:
        # (this thread reopens the index after each batch, before the batch leaves the
        # queue: the server's searches go on with the generation before meanwhile)
        self.index.reopened_by_indexer = self.read_ahead
        self.thread = threading.Thread(target=self.run, name="profilerepo indexer",
                                       daemon=True)
        self.thread.start()
        return self.thread

    def stop(self) -> None:
        self.index.reopened_by_indexer = False
        self._stop.set()
        if self.thread is not None:
            self.thread.join(timeout=30)
        self.close()
