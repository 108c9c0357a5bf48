"""Folders whose items live in a BTree, so a folder scales to millions of items."""
from __future__ import annotations

from collections.abc import Iterator

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from profilerepo.content.events import ObjectAdded, ObjectMoved, ObjectRemoved, notify
from profilerepo.content.lineage import path_of


class FolderError(ValueError):
    """A name cannot be used in this folder (taken, empty or reserved)."""


class Folder(Persistent):
    """An ordered-by-name container for content, keyed in an OOBTree.

    A folder that grows large (``counted = True``) keeps its item count in a
    conflict-resolving ``Length``, so ``len`` is cheap and concurrent adds of
    different items do not conflict on it; a small folder just counts its tree.
    """

    __name__: str | None = None
    __parent__: Folder | None = None
    title = ""
    counted = False
    _count: Length | None = None

    def __init__(self, title: str = "") -> None:
        if title:
            self.title = title
        self.data = OOBTree()
        if self.counted:
            self._count = Length()

    def __getitem__(self, name: str):
        return self.data[name]

    def get(self, name: str, default=None):
        return self.data.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self.data

    def __len__(self) -> int:
        return self._count() if self._count is not None else len(self.data)

    def __iter__(self) -> Iterator[str]:
        return iter(self.data.keys())

    def keys(self, min: str | None = None, max: str | None = None, **range_flags):
        """Names in order; ``excludemin``/``excludemax`` as for BTrees."""
        return self.data.keys(min, max, **range_flags)

    def values(self, min: str | None = None, max: str | None = None, **range_flags):
        return self.data.values(min, max, **range_flags)

    def items(self, min: str | None = None, max: str | None = None, **range_flags):
        return self.data.items(min, max, **range_flags)

    def add(self, name: str, item) -> None:
        """Store ``item`` under ``name``, refusing a taken or unsafe name; tells
        ``ObjectAdded``."""
        self._put(name, item)
        notify(ObjectAdded(item, self, name))

    def remove(self, name: str):
        """Take the item ``name`` out and return it; tells ``ObjectRemoved`` first, while
        it still has its path."""
        notify(ObjectRemoved(self.data[name], self, name))
        return self._take(name)

    def move(self, name: str, to: Folder, new_name: str | None = None):
        """Move the item ``name`` into the folder ``to`` (as ``new_name``) and return it:
        the same document with its history, so it tells ``ObjectMoved``, not a removal
        and an addition."""
        new_name = new_name or name
        item = self.data[name]
        old_path = path_of(item)
        check_name(new_name)
        if new_name in to.data:
            raise FolderError(f"the name {new_name!r} is already taken here")
        self._take(name)
        to._put(new_name, item)
        notify(ObjectMoved(item, old_path, to, new_name))
        return item

    def _put(self, name: str, item) -> None:
        check_name(name)
        if name in self.data:
            raise FolderError(f"the name {name!r} is already taken here")
        item.__name__ = name
        item.__parent__ = self
        self.data[name] = item
        if self._count is not None:
            self._count.change(1)

    def _take(self, name: str):
        item = self.data.pop(name)
        if self._count is not None:
            self._count.change(-1)
        return item


def check_name(name: str) -> None:
    """Refuse names that would clash with views or traversal."""
    if not isinstance(name, str) or not name.strip():
        raise FolderError("a name cannot be empty")
    if name.startswith(("@", "+", ".", "_")) or "/" in name:
        raise FolderError(f"the name {name!r} may not start with @ + . _ or contain /")


def new_name(folder, prefix: str) -> str:
    """The next free name like ``narrative-7`` in ``folder``."""
    number = len(folder) + 1
    while f"{prefix}-{number}" in folder:
        number += 1
    return f"{prefix}-{number}"
