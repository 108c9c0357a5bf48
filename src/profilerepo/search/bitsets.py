"""Plain-word searches answered a segment at a time, with sets of document numbers.

whoosh matches a query document by document in Python, stepping the words'
postings and the searcher's visibility terms along each other; for a school
administrator who may see thousands of documents, a common word costs tens of
milliseconds before a single result is shown. Here each term's documents in a
segment are a bitset (a Python int, bit n for document n), read once and kept
while the segment lives, so that matching, visibility, the facet counts and the
total are a handful of ``&``, ``|`` and ``bit_count()`` over whole segments.
Only the documents left are scored, with whoosh's BM25F sums: the same scores
whoosh gives them, but for the last bit where sums are added in another order.

This handles what people type: words, ``AND``, ``OR``, ``NOT`` beside other words,
and the parser's spreading of each word over several fields. Anything else (a
quoted phrase, a wildcard, a range) is left to whoosh: ``plan()`` says which.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from heapq import nlargest
from math import log

from whoosh.query import And, AndMaybe, AndNot, Not, NullQuery, Or, Require, Term
from whoosh.scoring import BM25F, WeightLengthScorer
from whoosh.util.numeric import byte_to_length

from profilerepo.search.whoosh_compat import field_b, length_score, read_postings

_NONZERO = re.compile(rb"[^\x00]")
_BITS_OF = [tuple(i for i in range(8) if byte >> i & 1) for byte in range(256)]
_LENGTH_OF = [byte_to_length(byte) for byte in range(256)]


def bits_of(numbers, size: int) -> int:
    """A bitset of document numbers below ``size``."""
    flags = bytearray((size >> 3) + 1)
    for number in numbers:
        flags[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(flags, "little")


def numbers_of(bits: int) -> list[int]:
    """The document numbers in a bitset, in order."""
    raw = bits.to_bytes((bits.bit_length() >> 3) + 1, "little")
    found = []
    for match in _NONZERO.finditer(raw):
        at = match.start()
        base = at << 3
        found.extend(base + i for i in _BITS_OF[raw[at]])
    return found


# -- what a query is made of ------------------------------------------------------------

@dataclass(frozen=True)
class Leaf:
    """One term of one field (its text as the index keeps it)."""
    fieldname: str
    text: bytes
    boost: float = 1.0


@dataclass(frozen=True)
class Node:
    kind: str  # "or", "and", "not", "andnot", "require", "andmaybe", "none"
    parts: tuple = ()
    boost: float = 1.0


def plan(query, schema) -> Leaf | Node | None:
    """The query as leaves and nodes this module evaluates, or None if whoosh must."""
    if query is NullQuery or isinstance(query, type(NullQuery)):
        return Node("none")
    if type(query) is Term:
        if query.minquality:
            return None
        if query.fieldname not in schema:  # (whoosh matches nothing for it)
            return Node("none")
        try:
            text = schema[query.fieldname].to_bytes(query.text)
        except ValueError:
            return Node("none")
        return Leaf(query.fieldname, text, query.boost)
    if type(query) in (And, Or):
        if type(query) is Or and (query.minmatch or query.scale):
            return None
        parts = tuple(plan(sub, schema) for sub in query.subqueries)
        if any(part is None for part in parts):
            return None
        return Node("and" if type(query) is And else "or", parts, query.boost)
    if type(query) is Not:  # (whoosh scores each document it matches 1.0)
        inner = plan(query.query, schema)
        return None if inner is None else Node("not", (inner,))
    binary = {AndNot: "andnot", Require: "require", AndMaybe: "andmaybe"}
    if type(query) in binary:
        a, b = plan(query.a, schema), plan(query.b, schema)
        if a is None or b is None:
            return None
        return Node(binary[type(query)], (a, b))
    return None


# -- what is kept per segment -------------------------------------------------------------

class Postings:
    """A term's documents in one segment: a bitset, and (read when first scored) the
    numbers in order with their weights."""

    __slots__ = ("bits", "count", "numbers", "weights")

    def __init__(self, bits: int, count: int, numbers=None, weights=None) -> None:
        self.bits, self.count, self.numbers, self.weights = bits, count, numbers, weights


class TermCache:
    """Postings of the terms searched for lately, per segment, up to ``budget`` bytes
    in all (a bitset takes an eighth of a byte per document of its segment, a scored
    posting 8 bytes); the least recently used go first."""

    def __init__(self, budget: int = 48 * 1024 * 1024) -> None:
        self.budget = budget
        self._kept: OrderedDict[tuple, Postings] = OrderedDict()
        self._sizes: dict[tuple, int] = {}
        self.used = 0
        self._lock = threading.Lock()

    def get(self, reader, fieldname: str, text: bytes, scored: bool) -> Postings:
        key = (reader.segment().segment_id(), fieldname, text)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
        if found is not None and (found.numbers is not None or not scored):
            return found
        numbers, weights = read_postings(reader, fieldname, text)
        bits = bits_of(numbers, reader.doc_count_all())
        found = (Postings(bits, len(numbers), numbers, weights) if scored
                 else Postings(bits, len(numbers)))
        size = reader.doc_count_all() // 8 + 100 + (8 * len(numbers) if scored else 0)
        with self._lock:
            self.used += size - self._sizes.get(key, 0)
            self._kept[key], self._sizes[key] = found, size
            self._kept.move_to_end(key)
            while self.used > self.budget and len(self._kept) > 1:
                old, _ = self._kept.popitem(last=False)
                self.used -= self._sizes.pop(old)
        return found

    def keep_only(self, live: set[str]) -> None:
        with self._lock:
            for key in [key for key in self._kept if key[0] not in live]:
                del self._kept[key]
                self.used -= self._sizes.pop(key)


# -- evaluating a plan on one segment -----------------------------------------------------

@dataclass
class Segment:
    """One segment of a searcher, with the caches that know it."""
    reader: object
    searcher: object  # whoosh's searcher for this segment alone
    offset: int
    cache: object  # the index's SegmentCache
    bm25: dict = field(default_factory=dict)  # Leaf -> its BM25F figures (see rank())
    lengths: dict = field(default_factory=dict)
    scorers: dict = field(default_factory=dict)

    def postings(self, leaf: Leaf, scored: bool = False) -> Postings:
        return self.cache.terms.get(self.reader, leaf.fieldname, leaf.text, scored)

    def bits(self, part) -> int:
        """The documents (deleted ones too) that ``part`` matches."""
        if isinstance(part, Leaf):
            return self.postings(part).bits
        kind, parts = part.kind, part.parts
        if kind == "none":
            return 0
        if kind == "or":
            bits = 0
            for sub in parts:
                bits |= self.bits(sub)
            return bits
        if kind == "and":
            bits = self.bits(parts[0])
            for sub in parts[1:]:
                if not bits:
                    break
                bits &= self.bits(sub)
            return bits
        first = self.bits(parts[0])
        if kind == "not":
            return ((1 << self.reader.doc_count_all()) - 1) & ~first
        if kind == "andnot":
            return first & ~self.bits(parts[1]) if first else 0
        if kind == "require":
            return first & self.bits(parts[1]) if first else 0
        return first  # andmaybe

    def add_scores(self, part, among: int, scores: dict, factor: float = 1.0) -> None:
        """Add ``part``'s share of the score of each document in ``among`` it matches,
        as whoosh's matchers add them up: an OR or AND sums its matching parts, ANDNOT
        and Require score their first half only, AND MAYBE adds the second where it
        matches, and a NOT inside an AND or OR gives 1 to each document it matches."""
        among &= self.bits(part)
        if not among:
            return
        if isinstance(part, Leaf):
            self._score_leaf(part, among, scores, factor * part.boost)
            return
        factor *= part.boost
        if part.kind in ("or", "and"):
            for sub in part.parts:
                self.add_scores(sub, among, scores, factor)
        elif part.kind in ("andnot", "require"):
            self.add_scores(part.parts[0], among, scores, factor)
        elif part.kind == "not":
            for number in numbers_of(among):
                scores[self.offset + number] = scores.get(self.offset + number, 0.0) + factor
        elif part.kind == "andmaybe":
            self.add_scores(part.parts[0], among, scores, factor)
            self.add_scores(part.parts[1], among, scores, factor)

    def _score_leaf(self, leaf: Leaf, among: int, scores: dict, factor: float) -> None:
        postings = self.postings(leaf, scored=True)
        numbers, weights, offset = postings.numbers, postings.weights, self.offset
        get = scores.get
        figures = self.bm25.get(leaf)
        scorer = self._scorer(leaf) if figures is None else None
        if figures is None and scorer is None:  # no lengths kept: the weight is the score
            for number in numbers_of(among):
                tf = weights[bisect_left(numbers, number)]
                scores[offset + number] = get(offset + number, 0.0) + factor * tf
            return
        lengths = self._lengths(leaf.fieldname)
        if figures is not None:  # (whoosh's bm25(), written out: the same sums)
            idf, avgfl, b, k1 = figures
            for number in numbers_of(among):
                tf = weights[bisect_left(numbers, number)]
                fl = _LENGTH_OF[lengths[number]] or 1
                score = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
                scores[offset + number] = get(offset + number, 0.0) + factor * score
            return
        for number in numbers_of(among):
            tf = weights[bisect_left(numbers, number)]
            score = length_score(scorer, tf, _LENGTH_OF[lengths[number]] or 1)
            scores[offset + number] = get(offset + number, 0.0) + factor * score

    def _scorer(self, leaf: Leaf):
        key = (leaf.fieldname, leaf.text)
        if key not in self.scorers:
            if type(self.searcher.weighting) is BM25F and \
                    not self.searcher.schema[leaf.fieldname].scorable:
                # (BM25F weighs a field that keeps no lengths by the term's weight
                # alone; whoosh would read the term's entry on disk to say so)
                scorer = None
            else:
                scorer = self.searcher.weighting.scorer(self.searcher, leaf.fieldname,
                                                        leaf.text)
            self.scorers[key] = scorer if isinstance(scorer, WeightLengthScorer) else None
        return self.scorers[key]

    def _lengths(self, fieldname: str) -> bytes:
        """Each document's length of the field, as whoosh keeps it (a byte each)."""
        found = self.lengths.get(fieldname)
        if found is None:
            found = self.lengths[fieldname] = self.cache.lengths(self.reader, fieldname)
        return found

    def words(self, part, number: int, fieldname: str, found: set) -> None:
        """The words of ``fieldname`` that matched document ``number`` (for the
        snippet's highlighting)."""
        if isinstance(part, Leaf):
            if part.fieldname == fieldname and self.postings(part).bits >> number & 1:
                found.add(part.text.decode("utf-8"))
            return
        if part.kind == "not":
            return
        parts = part.parts[:1] if part.kind in ("andnot", "require") else part.parts
        for sub in parts:
            self.words(sub, number, fieldname, found)


# -- a whole search ------------------------------------------------------------------------

@dataclass
class Found:
    score: float
    number: int  # in the searcher's numbering
    path: str
    words: frozenset  # the body's words that matched, for the snippet


@dataclass
class Ranked:
    total: int = 0
    counts: dict = field(default_factory=dict)  # facet name -> Counter of values
    top: list = field(default_factory=list)  # Found, best first
    hidden: list = field(default_factory=list)  # Found: every hidden document matched


def rank(searcher, part, cache, *, viewers: list[str], filters: list[Leaf],
         hidden: dict[str, list[int]], facets: tuple[str, ...], wanted: int) -> Ranked:
    """The documents ``part`` matches that name one of ``viewers``, match every
    filter and are not ``hidden`` (numbers per segment id): their number, the
    facet counts among them, and the best ``wanted`` of them, scored as whoosh
    would (ties: the earlier document first, as whoosh). Also every hidden document
    ``part`` matches, whoever its viewers and whatever the filters say (for the
    caller to decide from the database)."""
    from collections import Counter

    ranked = Ranked(counts={name: Counter() for name in facets})
    bm25 = bm25_figures(searcher, part, cache)
    visible = [Leaf("viewers", principal.encode("utf-8")) for principal in viewers]
    scores: dict[int, float] = {}
    hidden_scores: dict[int, float] = {}
    segments: list[Segment] = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if reader.segment() is None:
            continue
        segment = Segment(reader, sub, offset, cache, bm25)
        bits = segment.bits(part)
        if not bits:
            continue
        gone = hidden.get(reader.segment().segment_id())
        if gone:
            gone = bits_of(gone, reader.doc_count_all())
            if bits & gone & cache.live(reader):
                segment.add_scores(part, bits & gone & cache.live(reader), hidden_scores)
                segments.append(segment)
            bits &= ~gone
        for leaf in filters:
            if not bits:
                break
            bits &= segment.bits(leaf)
        if not bits:
            continue
        seen = 0
        for leaf in visible:
            seen |= segment.bits(leaf)
        bits &= seen & cache.live(reader)
        if not bits:
            continue
        ranked.total += bits.bit_count()
        for name in facets:
            counts = ranked.counts[name]
            for value, of_value in cache.facet_bits(reader, name).items():
                both = of_value & bits
                if both:
                    counts[value] += both.bit_count()
        segment.add_scores(part, bits, scores)
        if not segments or segments[-1] is not segment:
            segments.append(segment)
    best = nlargest(wanted, scores.items(), key=lambda item: (item[1], -item[0]))
    ranked.top = [_found(part, segments, number, score) for number, score in best]
    ranked.hidden = [_found(part, segments, number, score)
                     for number, score in hidden_scores.items()]
    return ranked


def bm25_figures(searcher, part, cache) -> dict:
    """For each scored leaf of ``part``, what whoosh's BM25F scorer would work out for
    it (idf, average field length, B, K1), from the postings counts kept: whoosh
    makes a scorer per term per segment, asking every segment's term table for the
    term's frequency again at each new searcher, 0.6 ms a time under writes. Empty
    if the searcher weighs with something else (each segment asks whoosh then)."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or not searcher.doc_count_all():
        return {}
    readers = [reader for reader, _ in searcher.reader().leaf_readers()
               if reader.segment() is not None]
    count = searcher.doc_count_all()
    figures = {}
    for leaf in _leaves(part):
        if leaf in figures or not searcher.schema[leaf.fieldname].scorable:
            continue
        frequency = sum(cache.terms.get(reader, leaf.fieldname, leaf.text, False).count
                        for reader in readers)
        figures[leaf] = (log(count / (frequency + 1)) + 1,
                         searcher.avg_field_length(leaf.fieldname) or 1,
                         field_b(weighting, leaf.fieldname), weighting.K1)
    return figures


def _leaves(part):
    if isinstance(part, Leaf):
        yield part
        return
    for sub in part.parts:
        yield from _leaves(sub)


def _found(part, segments: list[Segment], number: int, score: float) -> Found:
    segment = next(s for s in reversed(segments) if s.offset <= number)
    local = number - segment.offset
    words: set = set()
    segment.words(part, local, "body", words)
    return Found(score, number, segment.cache.path_of(segment.reader, local),
                 frozenset(words))
