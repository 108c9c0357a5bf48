"""Bounds on the searches whoosh must match itself: patterns (``read*``, ``gr?w``),
phrases and ranges.

A pattern stands for every word of the index it fits, and whoosh reads each of
those words' documents: ``?*`` read the whole index and took four seconds, and six
at once from one person slowed everyone's pages for eight. So a pattern needs a
few letters before its first ``*`` or ``?``, may stand for a bounded number of
words, and whoosh's matching has a time budget; and each person runs one such
search at a time, with only a few running in all, so that one person's searches
cannot take the threads everyone else's pages need.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from itertools import islice

from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.query import Every, MultiTerm, Prefix, Wildcard

LEAST_LETTERS = 2  # before the first * or ? of a pattern
MOST_WORDS = 2000  # words of the index one search's patterns may stand for, in all
TIME_BUDGET = 1.0  # seconds of whoosh's matching for one search
AT_ONCE = 2  # such searches running in one server at the same time


class TooBroad(ValueError):
    """A search that would cost too much; the message says what to do instead."""


def check_patterns(query) -> None:
    """Refuse a pattern with too few letters before its first ``*`` or ``?``."""
    for leaf in query.leaves():
        if isinstance(leaf, (Wildcard, Prefix, Every)):  # (a lone * is every document)
            text = getattr(leaf, "text", "") or ""
            letters = len(text) if isinstance(leaf, Prefix) else \
                min((at for at in (text.find("*"), text.find("?")) if at >= 0),
                    default=len(text))
            if letters < LEAST_LETTERS:
                raise TooBroad(f"Put at least {LEAST_LETTERS} letters before * or ? "
                               "(for example read*).")


def check_expansions(query, reader) -> None:
    """Refuse patterns that stand for more than ``MOST_WORDS`` words of the index."""
    counted = 0
    for leaf in query.leaves():
        if isinstance(leaf, MultiTerm):
            left = MOST_WORDS - counted + 1
            counted += sum(1 for _ in islice(leaf.expanded_terms(reader), left))
            if counted > MOST_WORDS:
                raise TooBroad("That pattern stands for too many words to search for at "
                               "once; add a letter or two before the * or ?.")


def within_budget(searcher, query, collector, mask=None) -> None:
    """Run ``query`` into ``collector``, leaving out the document numbers in ``mask``,
    stopping after ``TIME_BUDGET`` seconds."""
    limited = _Limited(collector, timelimit=TIME_BUDGET, use_alarm=False)
    limited.mask = mask
    try:
        searcher.search_with_collector(query, limited)
    except TimeLimit:
        raise TooBroad("That search is too broad to finish quickly; add words or "
                       "letters to narrow it.") from None


class _Limited(TimeLimitCollector):
    """whoosh's time limit, leaving out masked documents itself: whoosh's collector for a
    mask is stepped past by the time limit's, and a masked document would be counted."""

    mask = None

    def collect_matches(self) -> None:
        child, mask, offset = self.child, self.mask, self.offset
        for sub_docnum in child.matches():
            if self.timedout and not self.greedy:
                raise TimeLimit
            if not mask or offset + sub_docnum not in mask:
                child.collect(sub_docnum)
            if self.timedout:
                raise TimeLimit


class Slots:
    """Who is running a pattern or phrase search now: one at a time per person, and
    ``most`` at a time in one server."""

    def __init__(self, most: int = AT_ONCE) -> None:
        self.most = most
        self._lock = threading.Lock()
        self._people: set[str] = set()

    @contextmanager
    def taken(self, person: str):
        with self._lock:
            if person in self._people:
                raise TooBroad("Your last search is still running; try again in a moment.")
            if len(self._people) >= self.most:
                raise TooBroad("Many searches are running just now; try again in a "
                               "moment, or search for plain words.")
            self._people.add(person)
        try:
            yield
        finally:
            with self._lock:
                self._people.discard(person)
