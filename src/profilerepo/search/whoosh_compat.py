"""Every use of whoosh's private names, and the one patch of whoosh, in one module.

Search reads whoosh's postings blocks, length columns and table of contents directly
(see ``bitsets`` and ``index`` for why: whoosh's own iteration costs several calls a
posting). Those names are not whoosh's public API, so they live here alone:
``PRIVATE_NAMES`` lists each one, ``install()`` checks them against the installed whoosh
at start-up and then patches it, and tests/search/test_whoosh_compat.py checks each one.
A whoosh upgrade means reading this file and running that test.
"""
from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

import whoosh
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.scoring import BM25F, WeightLengthScorer

TESTED_VERSIONS = frozenset({(2, 7, 5)})  # whoosh-reloaded, as setup.cfg pins it


class WhooshMismatch(RuntimeError):
    """The installed whoosh is not one search was written against (the message says
    which version, or which private name is missing, and what to do)."""


@dataclass(frozen=True)
class PrivateName:
    """One private name of whoosh's that search relies on: where it is and why."""
    owner: str  # what has it: a class or module of whoosh, or an object made by one
    name: str
    why: str


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    PrivateName("whoosh.index.FileIndex", "_read_toc",
                "the last commit's segments, read without opening a searcher"),
    PrivateName("whoosh.reading.SegmentReader", "_terms",
                "a term's postings with deleted documents too (postings() skips them)"),
    PrivateName("whoosh.reading.SegmentReader", "_perdoc",
                "the segment's per-document columns, for the field lengths"),
    PrivateName("whoosh.codec.whoosh3.W3LeafMatcher", "_data",
                "the current postings block's ids, read a block at a time"),
    PrivateName("whoosh.codec.whoosh3.W3LeafMatcher", "_read_data",
                "reads the current block's ids"),
    PrivateName("whoosh.codec.whoosh3.W3LeafMatcher", "_byteids",
                "whether a block's ids are kept whole or as gaps"),
    PrivateName("whoosh.codec.whoosh3.W3LeafMatcher", "_read_weights",
                "reads the current block's weights"),
    PrivateName("whoosh.codec.whoosh3.W3LeafMatcher", "_weights",
                "the current block's weights"),
    PrivateName("whoosh.codec.whoosh3.W3LeafMatcher", "_next_block",
                "moves on a whole block at a time"),
    PrivateName("whoosh.codec.whoosh3", "_lenfield",
                "the name of a field's lengths column"),
    PrivateName("whoosh.codec.whoosh3.W3PerDocReader", "_cached_reader",
                "a field's lengths column, opened once"),
    PrivateName("whoosh.columns.FixedBytesColumn.Reader", "_dbfile",
                "the lengths column's file, read in one piece"),
    PrivateName("whoosh.columns.FixedBytesColumn.Reader", "_basepos",
                "where the lengths column starts in its file"),
    PrivateName("whoosh.columns.FixedBytesColumn.Reader", "_count",
                "how many documents the lengths column holds"),
    PrivateName("whoosh.scoring.WeightLengthScorer", "_score",
                "a term's score from its weight and the field's length"),
    PrivateName("whoosh.scoring.BM25F", "_field_B",
                "BM25F's B for each field (B by default)"),
    PrivateName("whoosh.filedb.filestore.FileStorage", "_fpath",
                "the path of an index file, to open it for every thread at once"),
    PrivateName("whoosh.codec.whoosh3.W3PerDocReader", "has_column",
                "patched (install()): remembered per reader, not asked of the disk"),
)


# -- the start-up check and the patch -------------------------------------------------------

_installed = False
_installing = threading.Lock()


def install() -> None:
    """Check the installed whoosh against ``PRIVATE_NAMES`` and patch it (once per
    process; called by ``search.includeme``, the indexer and the index writer process)."""
    global _installed
    with _installing:
        if _installed:
            return
        check()
        if whoosh3.W3PerDocReader.has_column is not _has_column_remembered:
            _on_disk.append(whoosh3.W3PerDocReader.has_column)
            whoosh3.W3PerDocReader.has_column = _has_column_remembered
        _installed = True


def check() -> None:
    """Raise ``WhooshMismatch`` if the installed whoosh is another version than the ones
    tested, or lacks a private name search uses."""
    version = tuple(whoosh.__version__[:3])
    if version not in TESTED_VERSIONS:
        tested = ", ".join(".".join(map(str, v)) for v in sorted(TESTED_VERSIONS))
        raise WhooshMismatch(
            f"search was written against whoosh {tested}, not the installed "
            f"{'.'.join(map(str, version))}: read profilerepo/search/whoosh_compat.py and "
            "run tests/search/test_whoosh_compat.py, then add the version to "
            "TESTED_VERSIONS")
    missing = missing_names()
    if missing:
        raise WhooshMismatch(
            "the installed whoosh lacks what search relies on: "
            + "; ".join(f"{p.owner}.{p.name} ({p.why})" for p in missing)
            + ". Read profilerepo/search/whoosh_compat.py and run "
            "tests/search/test_whoosh_compat.py.")


def missing_names() -> list[PrivateName]:
    """The entries of ``PRIVATE_NAMES`` the installed whoosh lacks, found on the objects
    of a one-document index in memory (some are only set on an object as it is made)."""
    found = _probe()
    return [p for p in PRIVATE_NAMES if not any(hasattr(thing, p.name)
                                                for thing in found.get(p.owner, ()))]


def _probe() -> dict[str, list]:
    """The objects that should hold each private name, taken from a tiny index."""
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage

    ix = RamStorage().create_index(fields.Schema(
        path=fields.ID(stored=True), body=fields.TEXT()))
    writer = ix.writer()
    writer.add_document(path="/a", body="river stone")
    writer.commit()
    found: dict[str, list] = {
        "whoosh.index.FileIndex": [ix],
        "whoosh.codec.whoosh3": [whoosh3],
        "whoosh.codec.whoosh3.W3PerDocReader": [whoosh3.W3PerDocReader],
        "whoosh.scoring.WeightLengthScorer": [WeightLengthScorer],
        "whoosh.scoring.BM25F": [BM25F()],
        "whoosh.filedb.filestore.FileStorage": [FileStorage],
    }
    with ix.searcher() as searcher:
        reader = searcher.reader()
        found["whoosh.reading.SegmentReader"] = [reader]
        leaf = reader.postings("body", "river")
        found["whoosh.codec.whoosh3.W3LeafMatcher"] = [leaf]
        perdoc = getattr(reader, "_perdoc", None)
        column = None
        if perdoc is not None and hasattr(whoosh3, "_lenfield") and \
                hasattr(perdoc, "_cached_reader"):
            column = perdoc._cached_reader(whoosh3._lenfield("body"),
                                           whoosh3.LENGTHS_COLUMN)
        found["whoosh.columns.FixedBytesColumn.Reader"] = [column] if column else []
    return found


def _has_column_remembered(reader, fieldname: str) -> bool:
    """Whether a segment has a column, asked of the disk once per reader.

    whoosh 2.7 asks the disk every time (a stat call) whether a field keeps lengths, and
    asks it for every posting when merging segments and for every hit when scoring; a
    written segment never gains a column, so the first answer holds. (Measured on a
    10,000-student index: 1.7 million stat calls, about a sixth of an indexer's time.)
    """
    known = reader.__dict__.setdefault("_profilerepo_columns", {})
    if fieldname not in known:
        known[fieldname] = _on_disk[0](reader, fieldname)
    return known[fieldname]


_on_disk: list = []  # whoosh's own has_column, once install() has replaced it


# -- what the rest of search calls ------------------------------------------------------------

def table_of_contents(ix):
    """The index's last commit (its ``segments``, ``schema`` and ``generation``), read
    from disk without opening a searcher."""
    return ix._read_toc()


def read_postings(reader, fieldname: str, text: bytes) -> tuple[array, array]:
    """All of a term's document numbers and weights in a segment, deleted documents
    too, a block at a time (whoosh's own iteration takes three method calls a posting,
    and its ``postings()`` steps over deleted documents)."""
    numbers, weights = array("i"), array("f")
    if (fieldname, text) not in reader:
        return numbers, weights
    terms = getattr(reader, "_terms", None)
    leaf = (terms.matcher(fieldname, text, reader.schema[fieldname].format)
            if terms is not None else reader.postings(fieldname, text))
    if isinstance(leaf, whoosh3.W3LeafMatcher):
        for ids, block_weights in _blocks(leaf):
            _extend(numbers, ids)
            _extend(weights, block_weights)
        return numbers, weights
    while leaf.is_active():  # (another codec, or a short list kept with the term)
        numbers.append(leaf.id())
        weights.append(leaf.weight())
        leaf.next()
    return numbers, weights


def _blocks(leaf) -> Iterator[tuple]:
    """Each postings block's document numbers and weights."""
    while leaf.is_active():
        if leaf._data is None:
            leaf._read_data()
        ids = leaf._data[0]
        leaf._read_weights()
        yield (ids if leaf._byteids else accumulate(ids)), leaf._weights
        leaf._next_block()


def _extend(kept: array, more) -> None:
    if isinstance(more, array) and more.typecode != kept.typecode:
        more = more.tolist()
    kept.extend(more)


def field_lengths(reader, fieldname: str) -> bytes:
    """The length byte of ``fieldname`` for every document of a segment (0: none),
    read in one piece from whoosh's lengths column (one byte a document)."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = (perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
              if perdoc is not None else None)
    if column is None:
        return bytes(count)
    try:
        raw = column._dbfile.get(column._basepos, column._count)
    except AttributeError:  # (another column layout: ask document by document)
        return bytes(column[n] for n in range(count))
    return bytes(raw) + bytes(max(0, count - len(raw)))


def length_score(scorer, weight: float, length: float) -> float:
    """What a weight-and-length scorer gives a posting of ``weight`` in a field of
    ``length`` (whoosh asks a matcher for both; here there is none)."""
    return scorer._score(weight, length)


def field_b(weighting, fieldname: str) -> float:
    """BM25F's B for ``fieldname`` (its own if one was given, else the default)."""
    return weighting._field_B.get(fieldname, weighting.B)


def file_path(storage, name: str) -> str:
    """Where the index file ``name`` of a folder storage is on disk."""
    return storage._fpath(name)
