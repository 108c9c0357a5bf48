"""The full-text index on disk: opening it, and searching it from every thread at once.

One writer at a time, under whoosh's lock with a timeout (never an
AsyncWriter or BufferedWriter, so nobody sees a LockError); segments written
uncompounded, so opening or refreshing a searcher does not copy every segment
into memory. One searcher is shared by a server's threads and refreshed, not
reopened; segments are merged by size tier (``merging``), so there are never many.
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from profilerepo.search.schema import FACET_FIELDS, SCHEMA
from profilerepo.search.segments import SegmentCache, SegmentFacet
from profilerepo.search.storage import PatientStorage
from profilerepo.search.whoosh_compat import table_of_contents

WRITE_TIMEOUT = 30.0  # seconds to wait for the writer lock (another indexer's batch)

SETTLED_NS = 50_000_000  # see SearchIndex._stamp
REBUILDING = ".rebuilding"  # beside the index folder: a rebuild under way
REPLACED = ".replaced"  # beside it: the index a rebuild is replacing, for a moment


class Generation:
    """One commit's searcher, shared by every thread, and how many searches use it now.
    Its segment readers are shared with the generations before and after it where the
    segment is unchanged; a reader is closed once no generation in use holds it."""

    def __init__(self, searcher, readers: list) -> None:
        self.searcher, self.readers, self.users = searcher, readers, 0


class SearchIndex:
    """The index in ``folder`` (made on first use).

    A server holds one searcher, shared by all its threads (``searching()``), reopened
    when a commit changes the index; the one it replaces is closed as soon as the
    searches still using it end. So a server's open files are the segments' files
    once over, however many threads it has."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        replaced = self.folder.with_name(self.folder.name + REPLACED)
        if not self.folder.exists() and replaced.exists():  # (stopped mid-swap: put it back)
            replaced.rename(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        storage = PatientStorage(str(self.folder))
        if storage.index_exists():
            self.ix = storage.open_index()
        else:
            self.ix = storage.create_index(SCHEMA)
        self._lock = threading.RLock()  # (held only to swap or count generations)
        self._reopening = threading.Lock()
        # set by an indexer in this process, which reopens the index after each commit
        # before it marks the batch indexed: searches then never wait for a reopen
        self.reopened_by_indexer = False
        self._current: Generation | None = None
        self._stamp_seen: int | None = None
        self._retired: list[Generation] = []  # replaced, still used by a search
        self.segments = SegmentCache()

    def writer(self, procs: int = 1):
        """The one writer (waits for the lock; segments uncompounded)."""
        if procs > 1:
            return self.ix.writer(procs=procs, timeout=WRITE_TIMEOUT, compound=False,
                                  subargs={"compound": False})
        return self.ix.writer(timeout=WRITE_TIMEOUT, compound=False)

    @contextmanager
    def searching(self):
        """The current searcher, kept open until the ``with`` block ends."""
        generation = self._taken()
        try:
            yield generation.searcher
        finally:
            with self._lock:
                generation.users -= 1
                self._close_unused()

    def _taken(self) -> Generation:
        """The current generation, counted as in use. A commit seen since it was opened
        reopens the index first, outside the lock every search takes: while one thread
        reopens, the others search the generation before (when an indexer in this
        process reopens before it marks a batch indexed, see ``reopened_by_indexer``)
        or wait for the new one (when another process indexes: the database may already
        say that a document is indexed, and only the new generation has it)."""
        while True:  # (again if the index was closed meanwhile)
            stamp = self._stamp()
            if self._current is None or stamp is None or stamp != self._stamp_seen:
                self._refresh(stamp,
                              wait=self._current is None or not self.reopened_by_indexer)
            with self._lock:
                generation = self._current
                if generation is not None:
                    generation.users += 1
                    return generation

    def searcher(self):
        """The current searcher, for a quick look on this thread (a search that takes
        longer than a commit's interval uses ``searching()``)."""
        self.refresh()
        return self._current.searcher

    def refresh(self) -> None:
        """Reopen the index now if a commit has changed it (the indexer calls this after
        each commit, before the database hears that the batch is indexed)."""
        self._refresh(self._stamp(), wait=True)

    def _refresh(self, stamp: int | None, wait: bool) -> None:
        """Reopen on the latest commit's segments if it is not the current generation's,
        reusing the readers of the segments that are unchanged, deletions included. One
        thread reopens at a time; without ``wait``, a thread that finds another reopening
        goes on with the current generation. (Not whoosh's ``refresh()``: in 2.7 it puts
        the old searcher's segments back beside the new ones, so a reindexed document
        would be found twice and a merged-away segment searched again.)"""
        if not self._reopening.acquire(blocking=wait):
            return
        try:
            current = self._current
            if current is not None and (
                    (stamp is not None and stamp == self._stamp_seen)
                    or current.searcher.up_to_date()):
                self._stamp_seen = stamp
                return
            fresh = self._reopen(current)
            with self._lock:
                self._current, self._stamp_seen = fresh, stamp
                if current is not None:
                    self._retired.append(current)
                    self._close_unused()
                self.segments.keep_only(fresh.searcher)
        finally:
            self._reopening.release()

    def _close_unused(self) -> None:
        """Close the readers that only replaced generations no search uses any more
        hold. (Called with the lock held.)"""
        if not self._retired:
            return
        in_use = [g for g in self._retired if g.users]
        held = {id(reader) for g in (*in_use, self._current) if g is not None
                for reader in g.readers}
        for generation in self._retired:
            if generation.users:
                continue
            for reader in generation.readers:
                if id(reader) not in held:
                    held.add(id(reader))  # (once: two generations may share it)
                    reader.close()
        self._retired = in_use

    def open_files(self) -> int:
        """How many segment readers this index holds open now (for the soak figures)."""
        with self._lock:
            return len({id(r) for g in (*self._retired, self._current) if g is not None
                        for r in g.readers})

    def segment_count(self) -> int:
        """How many segments the index's last commit has."""
        return len(table_of_contents(self.ix).segments)

    def _stamp(self) -> int | None:
        """When the index folder last changed (a commit adds its TOC file), if the file
        system says so finer than a second and it was over ``SETTLED_NS`` ago; None if
        not (then whoosh lists the folder to find the newest TOC, which takes
        milliseconds with hundreds of segment files). Taken before looking at the index,
        so a later commit changes it. (A file system's clock ticks every few
        milliseconds: two changes within one tick share a stamp, so a stamp is only
        trusted once its tick is long past.)"""
        stamp = os.stat(self.folder).st_mtime_ns
        if not stamp % 1_000_000_000 or time.time_ns() - stamp < SETTLED_NS:
            return None
        return stamp

    def warm(self, terms: bool = False, seconds: float | None = None) -> bool:
        """Read what word searches need of the segments not read yet, so that no one's
        search pays for a segment just written: the facet values (the indexer calls this after
        each batch) and, with ``terms`` (when the indexer has nothing to do), the
        postings of the terms common enough to be slow to read. With ``seconds``, stops
        after about that long; returns whether everything was read."""
        until = None if seconds is None else time.monotonic() + seconds
        with self.searching() as searcher:
            for reader, _offset in searcher.reader().leaf_readers():
                if reader.segment() is None:
                    continue
                for fieldname in FACET_FIELDS:
                    self.segments.facet_bits(reader, fieldname)
                if terms and not self.segments.warm_terms(reader, until):
                    return False
        return True

    def _reopen(self, old: Generation | None) -> Generation:
        from whoosh.reading import EmptyReader, MultiReader, SegmentReader
        from whoosh.searching import Searcher

        reusable = {}
        if old is not None:
            reusable = {_state(reader.segment()): reader for reader in old.readers}
        for attempt in range(10):
            toc, opened, readers = table_of_contents(self.ix), [], []
            try:
                for segment in toc.segments:
                    reader = reusable.get(_state(segment))
                    if reader is None:
                        reader = SegmentReader(self.ix.storage, toc.schema, segment,
                                               generation=toc.generation)
                        opened.append(reader)
                    readers.append(reader)
            except OSError:  # a file gone under us: a newer commit; read its TOC
                for reader in opened:
                    reader.close()
                if attempt == 9:
                    raise
                time.sleep(0.05)
                continue
            break
        if not readers:
            return Generation(Searcher(EmptyReader(toc.schema), fromindex=self.ix), [])
        # (a MultiReader even over one segment: it carries the generation that
        # up_to_date() compares, where a reused segment reader has its first one)
        return Generation(Searcher(MultiReader(readers, generation=toc.generation),
                                   fromindex=self.ix), readers)

    def facet(self, fieldname: str) -> SegmentFacet:
        """A facet over the sortable field ``fieldname`` whose values are read once per
        segment, not once per search (whoosh reads a column's offsets for every
        segment at every search, which grows with the index)."""
        return SegmentFacet(fieldname, self.segments)

    def replace_with(self, folder: Path) -> None:
        """Put the complete index in ``folder`` in this one's place (renamed in; the old
        one removed after) and search it from now on."""
        import shutil

        self.close()
        replaced = self.folder.with_name(self.folder.name + REPLACED)
        if replaced.exists():
            shutil.rmtree(replaced)
        self.folder.rename(replaced)
        Path(folder).rename(self.folder)
        shutil.rmtree(replaced, ignore_errors=True)
        self.ix = PatientStorage(str(self.folder)).open_index()
        self.segments = SegmentCache()

    def close(self) -> None:
        """Close every searcher (the next search opens a new one). For a server's end
        or a test's: a search still running would find its files closed."""
        with self._lock:
            generations = [*self._retired, self._current]
            self._current, self._retired, self._stamp_seen = None, [], None
            closed = set()
            for generation in generations:
                for reader in generation.readers if generation is not None else ():
                    if id(reader) not in closed:
                        closed.add(id(reader))
                        reader.close()

    def doc_count(self) -> int:
        with self.searching() as searcher:
            return searcher.doc_count()


def _state(segment) -> tuple[str, int]:
    """A segment as a reader sees it: which one, and how many of its documents are
    deleted (deletions only ever grow, so the count tells one state from another)."""
    return segment.segment_id(), segment.deleted_count()
