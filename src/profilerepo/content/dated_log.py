"""A record that only grows, in date order: a goal's measurements, a plan's sessions,
a student's reflections; people adding to one at the same moment do not conflict.

The conflicts are resolved where the database resolves them: in the application's
process for FileStorage and RelStorage, in the server's for ZEO (which then needs this
package installed; without it, saves conflict and are retried, as before).
"""
from __future__ import annotations

import datetime
import secrets
import time
from collections.abc import Iterable

from BTrees.OOBTree import OOBTree

# Each entry gets a key of its own: its date (the log's order), the time it was added
# (entries of one day in the order they came) and a random part, so two saves never
# add the same key. The BTree merges concurrent inserts of different keys into one
# bucket (its _p_resolveConflict); what it cannot merge is two saves that both split a
# bucket. Buckets this large split once every few hundred entries, not every 15.
LEAF_SIZE = 500


class Entry(dict):
    """An entry as kept in a log: a dict that the BTree's conflict resolution can compare.

    Merging two saves, the BTree compares each entry they both left alone, first with
    ``<`` (which a plain dict refuses: no merge) then with ``==`` (never true of a copy
    of a NaN). Entries are compared by what they hold, as written out, so an entry is
    always equal to a copy of itself.
    """

    def __eq__(self, other) -> bool:
        return isinstance(other, dict) and repr(self) == repr(other)

    def __ne__(self, other) -> bool:
        return not self == other

    def __lt__(self, other) -> bool:
        return repr(self) < repr(other)


class DatedLog(OOBTree):
    """Entries (dicts with a "date") by (date, time added, random part)."""

    max_leaf_size = LEAF_SIZE

    def append(self, entry: dict) -> None:
        """Add ``entry`` in its date's place; the object holding the log is not written."""
        self[_key(entry["date"], time.time_ns())] = Entry(entry)

    def extend(self, entries: Iterable[dict]) -> None:
        """Add entries in the order given (the order they were made, within a day)."""
        stamp = time.time_ns()
        for offset, entry in enumerate(entries):
            self[_key(entry["date"], stamp + offset)] = Entry(entry)

    def entries(self) -> tuple[dict, ...]:
        """Every entry, in date order."""
        return tuple(self.values())


def _key(day: datetime.date, stamp: int) -> tuple:
    return (day, stamp, secrets.token_hex(4))


def entries_of(holder, name: str, legacy: str) -> tuple[dict, ...]:
    """The entries of ``holder``'s log in the attribute ``name`` (or, not made yet, of the
    tuple an earlier version kept in ``legacy``). Reading never writes."""
    log = getattr(holder, name, None)
    return log.entries() if log is not None else tuple(holder.__dict__.get(legacy, ()))


def logged(name: str, legacy: str, doc: str) -> property:
    """A read-only attribute: the entries of the log kept in ``name`` (``entries_of``)."""
    return property(lambda holder: entries_of(holder, name, legacy), doc=doc)


def log_of(holder, name: str, legacy: str) -> DatedLog:
    """``holder``'s log in the attribute ``name``, to add to; made on first use from the
    tuple an earlier version kept in ``legacy``. (The evolve step makes every log at
    start-up, so adding an entry never writes the holder itself.)"""
    log = getattr(holder, name, None)
    if log is None:
        log = DatedLog()
        log.extend(holder.__dict__.pop(legacy, ()))
        setattr(holder, name, log)
    return log
