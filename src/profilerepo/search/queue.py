"""The durable queue of documents whose index entries are out of date.

Written in the same ZODB transaction as the change itself: an aborted or
retried transaction leaves nothing queued, a crash loses nothing. Keyed by
the document's path (one entry however often it changes), so concurrent
saves of different students' documents insert different keys, which the
BTree merges instead of conflicting. The indexer removes an entry only if it
still holds the stamp it indexed. No whoosh here: content events reach
``touch`` through ``search.subscribers``.
"""
from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from itertools import islice

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import find_root

from profilerepo.content.lineage import path_of

_MARK = "\x00"  # ends every marker key; no path contains it
_SPREAD = 4096
# Keys start with a hash of the student's part of the path: different students' saves
# land all over the tree whatever their ids look like, while one student's documents
# stay together (a bulk load or a batch touches few buckets). A marker per hash value
# keeps the tree in hundreds of buckets that never empty. (A BTree small enough to be
# one bucket, or a bucket emptied, cannot merge concurrent changes: only buckets
# resolve conflicts.)
MARKERS = tuple(f"{n:03x}/{_MARK}" for n in range(_SPREAD))
_MARKER_SET = frozenset(MARKERS)


def _key(path: str) -> str:
    student = "/".join(path.split("/", 2)[:2])
    return f"{zlib.crc32(student.encode()) % _SPREAD:03x}/{path}"


class IndexQueue(Persistent):
    def __init__(self) -> None:
        self.pending = OOBTree()  # hash/path -> stamp (the time it was last queued)
        self.pending.update(dict.fromkeys(MARKERS, 0.0))

    def add(self, path: str) -> None:
        self.pending[_key(path)] = time.time()

    def __contains__(self, path: str) -> bool:
        return _key(path) in self.pending

    def items(self) -> Iterator[tuple[str, float]]:
        """(path, stamp) of every queued document."""
        return ((key.split("/", 1)[1], stamp) for key, stamp in self.pending.items()
                if not key.endswith(_MARK))

    def paths(self) -> list[str]:
        """Every queued path, in no particular order. (Asked at every search: the
        markers are set aside by a set difference, not one by one; and an empty queue,
        which holds the markers only, is told by its length.)"""
        if len(self.pending) <= _SPREAD:
            return []
        return [key.split("/", 1)[1] for key in set(self.pending.keys()) - _MARKER_SET]

    def __len__(self) -> int:
        return sum(1 for _ in self.items())

    def batch(self, size: int, skip=frozenset()) -> list[tuple[str, float]]:
        """Up to ``size`` queued (path, stamp) pairs, leaving out the paths in ``skip``."""
        return list(islice(((path, stamp) for path, stamp in self.items()
                            if path not in skip), size))

    def done(self, items: list[tuple[str, float]]) -> None:
        """Forget entries that were indexed, unless queued again since."""
        for path, stamp in items:
            key = _key(path)
            if self.pending.get(key) == stamp:
                del self.pending[key]


def queue_of(site) -> IndexQueue | None:
    return getattr(site, "search_queue", None)


def indexed(node) -> bool:
    """Whether ``node`` is a document search keeps (a document in a student's folder)."""
    return getattr(node, "searchable", False)


def contents(node) -> Iterator:
    """``node`` and everything inside it."""
    yield node
    for child in getattr(node, "subfolders", ()):
        yield from contents(child)
    values = getattr(node, "values", None)
    if values is not None and not indexed(node):
        for child in values():
            yield from contents(child)


def path_and_site(node) -> tuple[str, object] | None:
    """``node``'s path and the site it is in, if that site keeps a search queue (None
    for a site's root, or a tree with no queue: nothing to index there)."""
    if getattr(node, "__parent__", None) is None:
        return None
    site = find_root(node)
    if queue_of(site) is None:
        return None
    return path_of(node), site


def touch(node) -> None:
    """Queue ``node`` and every document inside it for (re)indexing, or for removal from
    the index if it is being removed. Nothing happens outside a site with a queue."""
    _queue_inside(node)


def touch_moved(node, old_path: str) -> None:
    """Queue ``node`` and every document inside it both where it was (``old_path``: its
    entries leave the index) and where it is now (indexed afresh)."""
    _queue_inside(node, old_path)


def _queue_inside(node, old_path: str | None = None) -> None:
    found = path_and_site(node)
    if found is None:
        return
    path, site = found
    queue = queue_of(site)
    seen = _queued_in_this_transaction(site, queue)
    for item in contents(node):
        if indexed(item):
            item_path = path if item is node else path_and_site(item)[0]
            was = () if old_path is None else (old_path + item_path[len(path):],)
            for each in (*was, item_path):
                if each not in seen:  # (a document saved and moved on in one go: once)
                    seen.add(each)
                    queue.add(each)


def _queued_in_this_transaction(site, queue) -> set[str]:
    """The paths already queued in the transaction under way (an empty set outside one)."""
    jar = getattr(site, "_p_jar", None)
    if jar is None:
        return set()
    current = jar.transaction_manager.get()
    try:
        return current.data(queue)
    except KeyError:
        seen: set[str] = set()
        current.set_data(queue, seen)
        return seen
