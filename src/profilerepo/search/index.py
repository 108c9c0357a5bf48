"""The full-text index on disk: the only module that speaks whoosh.

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

from whoosh import fields, sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import Query

from profilerepo.search.merging import merge_tiers
from profilerepo.search.storage import PatientStorage

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


def _has_column_remembered(reader, fieldname: str) -> bool:
    """Whether a segment has a column, asked of the disk once per reader.

    whoosh 2.7 asks the disk every time (a stat call) whether a field keeps lengths, and
    asks it for every posting when merging segments and for every hit when scoring; a
    written segment never gains a column, so the first answer holds. (Measured on a
    10,000-student index: 1.7 million stat calls, about a sixth of an indexer's time.)
    """
    known = reader.__dict__.setdefault("_profilerepo_columns", {})
    if fieldname not in known:
        known[fieldname] = _has_column_on_disk(reader, fieldname)
    return known[fieldname]


_has_column_on_disk = W3PerDocReader.has_column
W3PerDocReader.has_column = _has_column_remembered


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
        return len(self.ix._read_toc().segments)

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
            toc, opened, readers = self.ix._read_toc(), [], []
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


FACET_FIELDS = ("type", "state", "school", "grade")
TEXT_FIELDS = ("title", "body", "student_name", "tags")  # what a query's words search
# A term in at least this share of a segment's documents (and at least WARM_LEAST of
# them) is read ahead: reading a term's postings takes about a microsecond each, so
# the common ones would cost a search tens of milliseconds.
WARM_SHARE = 0.04
SMALL_SEGMENT = 5000  # documents: a segment whose paths are read whole when first asked
WARM_LEAST = 200


class SegmentCache:
    """What searches read again and again from segments that never change once written:
    each document's facet values (as lists and as bitsets), term postings (``terms``),
    field lengths, the paths a segment holds (as a set, and each document's by its
    number) and which document numbers a path has, and which documents are not
    deleted (the one thing that changes: kept with the deletion count it was read
    at). Shared by the threads of one process; a segment's entries go when a thread's
    searcher is reopened without it."""

    def __init__(self) -> None:
        from profilerepo.search.bitsets import TermCache

        self._values: dict[tuple[str, str], list] = {}
        self._facet_bits: dict[tuple[str, str], dict[str, int]] = {}
        self._lengths: dict[tuple[str, str], bytes] = {}
        self._live: dict[str, tuple[int, int]] = {}
        self._paths: dict[str, dict[str, tuple[int, ...]]] = {}
        self._warmed: set[str] = set()
        self._warming: dict[str, tuple] = {}  # segment id -> (reader, steps left)
        # segment id -> the paths it holds: a save queues a new path at every search
        # under writes, and asking each segment's term table for it costs 30 us
        self._path_sets: dict[str, frozenset[bytes]] = {}
        # segment id -> each document's path, by number: a result's path without a
        # read of the stored fields on disk (a read of its own for every result shown)
        self._path_lists: dict[str, list[bytes | None]] = {}
        self.terms = TermCache()

    def keep_only(self, searcher) -> None:
        live = {reader.segment().segment_id() for reader, _ in searcher.reader().leaf_readers()
                if reader.segment() is not None}
        for kept in (self._values, self._facet_bits, self._lengths):
            for key in [key for key in list(kept) if key[0] not in live]:
                kept.pop(key, None)
        for kept in (self._paths, self._live, self._path_sets, self._path_lists):
            for key in [key for key in list(kept) if key not in live]:
                kept.pop(key, None)
        self._warmed &= live
        for key in [key for key in list(self._warming) if key not in live]:
            self._warming.pop(key, None)
        self.terms.keep_only(live)

    def values(self, reader, fieldname: str) -> list:
        """The value of ``fieldname`` for each document of the reader's segment, read
        from the field's terms and postings (faster than its column, document by
        document) the first time."""
        segment = reader.segment()
        if segment is None:
            return []
        key = (segment.segment_id(), fieldname)
        found = self._values.get(key)
        if found is None:
            found = [None] * reader.doc_count_all()
            for value, numbers in self._postings_by_value(reader, fieldname):
                for number in numbers:
                    found[number] = value
            self._values[key] = found
        return found

    def facet_bits(self, reader, fieldname: str) -> dict[str, int]:
        """For each value of ``fieldname`` in the reader's segment, its documents as a
        bitset (deleted ones too)."""
        from profilerepo.search.bitsets import bits_of

        key = (reader.segment().segment_id(), fieldname)
        found = self._facet_bits.get(key)
        if found is None:
            size = reader.doc_count_all()
            found = self._facet_bits[key] = {
                value: bits_of(numbers, size)
                for value, numbers in self._postings_by_value(reader, fieldname)}
        return found

    def warm_terms(self, reader, until: float | None = None) -> bool:
        """Read the postings of the segment's common terms (those of the searched text
        fields and the viewers), and its field lengths, into memory; once a segment,
        and no more than half the term cache's budget in all. Stops at ``until`` (a
        ``time.monotonic()``) and returns False if the segment is not done yet: the
        next call goes on from there."""
        segment_id = reader.segment().segment_id()
        if segment_id in self._warmed:
            return True
        steps = self._warming.get(segment_id)
        if steps is None or steps[0] is not reader:
            steps = self._warming[segment_id] = (reader, self._warm_steps(reader))
        try:
            for _ in steps[1]:
                if until is not None and time.monotonic() >= until:
                    return False
        except Exception:  # (the reader closed under it, say: start again next time)
            self._warming.pop(segment_id, None)
            raise
        self._warming.pop(segment_id, None)
        self._warmed.add(segment_id)
        return True

    def path_set(self, reader) -> frozenset[bytes]:
        """The paths the reader's segment holds (deleted entries' too)."""
        for _ in self._read_paths(reader):
            pass
        return self._path_sets[reader.segment().segment_id()]

    def path_of(self, reader, number: int) -> str:
        """The path of document ``number`` of the reader's segment: from memory once
        the segment's paths are read (ahead, by the indexer), else from its stored
        fields."""
        paths = self._path_lists.get(reader.segment().segment_id())
        path = paths[number] if paths is not None else None
        if path is None:
            return reader.stored_fields(number)["path"]
        return path.decode("utf-8")

    def _read_paths(self, reader):
        """Read the segment's paths unless kept; yields every 1,000 paths (for
        reading ahead a slice at a time)."""
        segment_id = reader.segment().segment_id()
        if segment_id in self._path_sets:
            return
        paths, by_number = set(), [None] * reader.doc_count_all()
        for at, (path, info) in enumerate(reader.iter_field("path")):
            paths.add(path)
            if info.doc_frequency() == 1:  # (as good as always: a path is unique)
                by_number[info.min_id()] = path
            else:
                for number in reader.postings("path", path).all_ids():
                    by_number[number] = path
            if at % 1000 == 999:
                yield
        self._path_lists[segment_id] = by_number
        self._path_sets[segment_id] = frozenset(paths)

    def forget_path_sets(self, live: set[str]) -> None:
        for key in set(self._path_sets) - live:
            self._path_sets.pop(key, None)
            self._path_lists.pop(key, None)

    def _warm_steps(self, reader):
        yield from self._read_paths(reader)
        least = max(WARM_LEAST, WARM_SHARE * reader.doc_count_all())
        for fieldname in (*TEXT_FIELDS, "viewers"):
            scored = fieldname != "viewers"
            for text, info in reader.iter_field(fieldname):
                if info.doc_frequency() >= least and \
                        self.terms.used <= self.terms.budget // 2:
                    self.terms.get(reader, fieldname, text, scored=scored)
                yield
            if scored:
                self.lengths(reader, fieldname)

    def lengths(self, reader, fieldname: str) -> bytes:
        """Each document's length of a text field, as whoosh keeps it: a byte each."""
        from profilerepo.search.bitsets import field_lengths

        key = (reader.segment().segment_id(), fieldname)
        found = self._lengths.get(key)
        if found is None:
            found = self._lengths[key] = field_lengths(reader, fieldname)
        return found

    @staticmethod
    def _postings_by_value(reader, fieldname: str):
        from profilerepo.search.bitsets import read_postings

        for term in reader.lexicon(fieldname):
            yield term.decode("utf-8"), read_postings(reader, fieldname, term)[0]

    def live(self, reader) -> int:
        """The reader's documents not deleted, as a bitset."""
        segment = reader.segment()
        deleted = segment.deleted_count()
        kept = self._live.get(segment.segment_id())
        if kept is None or kept[0] != deleted:
            from profilerepo.search.bitsets import bits_of

            size = reader.doc_count_all()
            bits = ((1 << size) - 1) & ~bits_of(segment.deleted_docs(), size)
            kept = self._live[segment.segment_id()] = (deleted, bits)
        return kept[1]

    def numbers(self, reader, paths: list[str]) -> list[int]:
        """The live document numbers of ``paths`` in the reader's segment, in order."""
        segment_id = reader.segment().segment_id()
        known = self._paths.setdefault(segment_id, {})
        if len(known) > 4 * len(paths) + 1000:  # (paths long since indexed: forget them)
            known.clear()
        present = self._path_sets.get(segment_id)  # (once read ahead)
        if present is None and reader.doc_count_all() <= SMALL_SEGMENT:
            present = self.path_set(reader)  # (one pass, not a lookup a path)
        found = []
        for path in paths:
            numbers = known.get(path)
            if numbers is None:
                if present is not None and path.encode("utf-8") not in present:
                    numbers = known[path] = ()
                else:
                    numbers = known[path] = (tuple(reader.postings("path", path).all_ids())
                                             if ("path", path) in reader else ())
            found.extend(n for n in numbers if not reader.is_deleted(n))
        return sorted(found)


class Documents(Query):
    """The index entries of some paths (say, the documents still queued), matched by
    number: whoosh turns an ``Or`` of more than a few dozen terms into arrays as long
    as each segment, at every search. Scores nothing; use it as the second half of a
    ``Require``."""

    def __init__(self, searcher, paths, cache: SegmentCache) -> None:
        self.by_segment: dict[str, list[int]] = {}
        self.numbers: set[int] = set()  # in the searcher's numbering, for a mask
        paths = list(paths)
        if not paths:
            return
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue
            found = cache.numbers(reader, paths)
            if found:
                self.by_segment[reader.segment().segment_id()] = found
                self.numbers.update(offset + number for number in found)

    def __bool__(self) -> bool:
        return bool(self.numbers)

    def __eq__(self, other) -> bool:
        return isinstance(other, Documents) and other.by_segment == self.by_segment

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<Documents {len(self.numbers)}>"

    def estimate_size(self, ixreader) -> int:
        return len(self.numbers)

    def normalize(self):
        return self

    def docs(self, searcher):
        segment = searcher.reader().segment()
        return iter(self.by_segment.get(segment.segment_id(), ()) if segment else ())

    def matcher(self, searcher, context=None):
        segment = searcher.reader().segment()
        numbers = self.by_segment.get(segment.segment_id()) if segment is not None else None
        return ListMatcher(numbers) if numbers else NullMatcher()


class SegmentFacet(sorting.FacetType):
    """Groups hits by a sortable field's value, read once per segment (segments do not
    change once written; a deletion only hides documents, which never reach here)."""

    def __init__(self, fieldname: str, cache: SegmentCache) -> None:
        self.fieldname, self.cache = fieldname, cache
        self.maptype = sorting.Count

    def categorizer(self, global_searcher):
        return _SegmentValues(self.fieldname, self.cache)


class _SegmentValues(sorting.Categorizer):
    def __init__(self, fieldname: str, cache: SegmentCache) -> None:
        self.fieldname, self.cache, self.values = fieldname, cache, []

    def set_searcher(self, segment_searcher, docoffset):
        self.values = self.cache.values(segment_searcher.reader(), self.fieldname)

    def key_for(self, matcher, segment_docnum):
        return self.values[segment_docnum]


def write_batch(search_index: SearchIndex, paths: list[str], entries: list[dict],
                merge: bool = True) -> None:
    """One batch in one commit: the paths' old entries deleted in one query, ``entries``
    added, and (unless ``merge`` is false) segments merged as ``merging`` says, so
    that their number stays bounded whatever the rate of commits."""
    writer = search_index.writer()
    try:
        _delete_paths(writer, paths, search_index.segments)
        for entry in entries:
            writer.add_document(**entry)
    except BaseException:
        writer.cancel()
        raise
    if merge:
        writer.commit(mergetype=merge_tiers)
    else:
        writer.commit(merge=False)


def tidy(search_index: SearchIndex) -> bool:
    """Merge segments if ``merging`` says they are too many (an index left fragmented
    by an older version, say), in a commit of its own; returns whether it merged."""
    from profilerepo.search.merging import needs_merging

    if not needs_merging(search_index.ix._read_toc().segments):
        return False
    writer = search_index.writer()
    writer.commit(mergetype=merge_tiers)
    return True


def _delete_paths(writer, paths: list[str], cache: SegmentCache) -> None:
    """Delete the live entries of ``paths``, asking only the segments that hold them.
    (whoosh's delete_by_query looks every path up in every segment's term table: 0.8 s
    for a batch of 2,000 new documents over 28 segments.)"""
    wanted = {path.encode("utf-8") for path in paths}
    searcher = writer.searcher()
    try:
        live = set()
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue
            live.add(reader.segment().segment_id())
            for path in cache.path_set(reader) & wanted:
                for number in reader.postings("path", path).all_ids():
                    if not reader.is_deleted(number):
                        writer.delete_document(offset + number)
        cache.forget_path_sets(live)
    finally:
        searcher.close()


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

    def write(self, paths: list[str], entries: list[dict], merge: bool) -> None:
        with self.lock:
            self.send(paths, entries, merge)
            self.wait()

    def send(self, paths: list[str], entries: list[dict], merge: bool) -> None:
        """Hand a batch over and return at once; ``wait()`` for its answer before the
        next one. (The caller holds ``lock`` across the two, or is the only caller.)"""
        self.connection.send((paths, entries, merge))

    def tidy(self) -> None:
        """Merge segments if there are too many (``tidy``), and wait for it."""
        with self.lock:
            self.connection.send("tidy")
            self.wait()

    def wait(self) -> None:
        """Block until the batch sent last is committed (or raise why it was not)."""
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
            if message == "tidy":
                tidy(index)
            else:
                write_batch(index, *message)
        except Exception as error:
            connection.send(f"{type(error).__name__}: {error}")
        else:
            connection.send("")
