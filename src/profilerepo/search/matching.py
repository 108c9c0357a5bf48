"""The two ways a search is matched against the index, behind one interface.

``BitsetMatching`` answers plain words a segment at a time (``bitsets``); anything
else (a phrase, a pattern) is ``WhooshMatching``, whoosh's own matching, which is
also the reference the differential tests hold the bitsets to. Both take the same
query, viewers, chosen facet values and queued documents, and give the same
``Ranked``: the total, the facet counts and the best hits among what the index
recorded, and every queued document the words match, for the caller to decide from
the database.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from whoosh import sorting
from whoosh.query import And, Or, Require, Term

from profilerepo.search.bitsets import Found, Ranked, plan, rank
from profilerepo.search.index import SearchIndex
from profilerepo.search.patterns import Slots, check_expansions, within_budget
from profilerepo.search.schema import SCHEMA
from profilerepo.search.segments import Documents


class Matching(Protocol):
    def rank(self, searcher, query, *, viewers: list[str], chosen: dict[str, str],
             queued: Documents | None, facets: tuple[str, ...], wanted: int) -> Ranked:
        """The documents ``query`` matches that name one of ``viewers``, have every
        ``chosen`` facet value and are not ``queued``: their number, facet counts and
        the best ``wanted``; and every queued document ``query`` matches (unnarrowed:
        the database says what those are now)."""


def matching_for(query, index: SearchIndex, slots: Slots, person: str) -> Matching:
    """The bitsets for plain words; whoosh's own matching, one at a time for ``person``
    (see ``patterns``), for anything else."""
    fast = plan(query, SCHEMA)
    if fast is not None:
        return BitsetMatching(fast, index)
    return WhooshMatching(index, slots, person)


@dataclass
class BitsetMatching:
    plan: object  # the query as ``bitsets.plan`` gives it
    index: SearchIndex

    def rank(self, searcher, query, *, viewers, chosen, queued, facets, wanted) -> Ranked:
        filters = [plan(Term(name, value), SCHEMA) for name, value in chosen.items()]
        return rank(searcher, self.plan, self.index.segments, viewers=viewers,
                    filters=filters, hidden=queued.by_segment if queued else {},
                    facets=facets, wanted=wanted)


@dataclass
class WhooshMatching:
    index: SearchIndex
    slots: Slots | None = None  # (None: no limit on searches at once, for the tests)
    person: str = ""

    def rank(self, searcher, query, *, viewers, chosen, queued, facets, wanted) -> Ranked:
        if self.slots is None:
            return self._rank(searcher, query, viewers, chosen, queued, facets, wanted)
        with self.slots.taken(self.person):
            return self._rank(searcher, query, viewers, chosen, queued, facets, wanted)

    def _rank(self, searcher, query, viewers, chosen, queued, facets, wanted) -> Ranked:
        narrowed = (And([query, *(Term(n, v) for n, v in chosen.items())]) if chosen
                    else query)
        grouped = sorting.Facets()
        for name in facets:
            grouped.add_facet(name, self.index.facet(name))
        # (Require, not filter=: whoosh steps through every match of the words and tests
        # each against a filter, while Require skips along the smaller side; only the
        # words score.)
        check_expansions(narrowed, searcher.reader())
        collector = searcher.collector(limit=wanted, groupedby=grouped, terms=True)
        visible = Or([Term("viewers", principal) for principal in viewers])
        within_budget(searcher, Require(narrowed, visible), collector,
                      mask=queued.numbers if queued else None)
        main = collector.results()
        ranked = Ranked(total=len(main),
                        counts={name: Counter(main.groups(name)) for name in facets})
        ranked.top = [_found(hit) for hit in main[:wanted]]  # (only these can show)
        if queued:
            ranked.hidden = [_found(hit) for hit in searcher.search(
                Require(query, queued), limit=None, terms=True)]
        return ranked


def _found(hit) -> Found:
    words = frozenset(text.decode("utf-8") for fieldname, text in hit.matched_terms()
                      if fieldname == "body")
    return Found(hit.score, hit.docnum, hit["path"], words)
