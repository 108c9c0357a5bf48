"""What searches read again and again from an index's segments, kept in memory while the
segment lives (a written segment never changes; only its deletions grow): facet values,
term postings, field lengths and paths; and the queries and facets that use them."""
from __future__ import annotations

import time

from whoosh import sorting
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import Query

from profilerepo.search.bitsets import TermCache, bits_of, read_postings
from profilerepo.search.schema import TEXT_FIELDS
from profilerepo.search.whoosh_compat import field_lengths

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
        key = (reader.segment().segment_id(), fieldname)
        found = self._lengths.get(key)
        if found is None:
            found = self._lengths[key] = field_lengths(reader, fieldname)
        return found

    @staticmethod
    def _postings_by_value(reader, fieldname: str):
        for term in reader.lexicon(fieldname):
            yield term.decode("utf-8"), read_postings(reader, fieldname, term)[0]

    def live(self, reader) -> int:
        """The reader's documents not deleted, as a bitset."""
        segment = reader.segment()
        deleted = segment.deleted_count()
        kept = self._live.get(segment.segment_id())
        if kept is None or kept[0] != deleted:
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
