"""The bitsets and whoosh's own matching, asked through the one interface a search uses,
give the same answer: the same total, facet counts and best hits among what the index
recorded, and the same queued documents set aside for the database to decide."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profilerepo.search.bitsets import plan
from profilerepo.search.index import SearchIndex
from profilerepo.search.matching import BitsetMatching, WhooshMatching, matching_for
from profilerepo.search.patterns import Slots
from profilerepo.search.query import QueryProblem, parse
from profilerepo.search.schema import FACET_FIELDS, SCHEMA
from profilerepo.search.segments import Documents
from profilerepo.search.writing import write_batch
from tests.search.test_bitsets import PRINCIPALS, WORDS, entry


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """Three segments, the later ones rewriting or deleting some earlier documents."""
    made = SearchIndex(tmp_path_factory.mktemp("ix"))
    rng = random.Random(11)
    for batch in range(3):
        entries = [entry(rng, n) for n in range(batch * 50, batch * 50 + 70)]
        write_batch(made, [e["path"] for e in entries] + [f"/doc-{batch * 5}"], entries,
                    merge=False)
    yield made
    made.close()


def answers(index, text, viewers, chosen=None, queued_paths=(), wanted=12):
    query = parse(text)
    found = []
    with index.searching() as searcher:
        queued = Documents(searcher, list(queued_paths), index.segments) or None
        for matching in (BitsetMatching(plan(query, SCHEMA), index), WhooshMatching(index)):
            ranked = matching.rank(searcher, query, viewers=viewers, chosen=chosen or {},
                                   queued=queued, facets=FACET_FIELDS, wanted=wanted)
            found.append(ranked)
    return found


def assert_same(fast, slow, scored: bool = True) -> None:
    assert fast.total == slow.total
    assert {n: +c for n, c in fast.counts.items()} == {n: +c for n, c in slow.counts.items()}
    if scored:
        assert [(f.path, round(f.score, 9), f.words) for f in fast.top] == \
            [(f.path, round(f.score, 9), f.words) for f in slow.top]
    assert sorted((f.path, round(f.score, 9)) for f in fast.hidden) == \
        sorted((f.path, round(f.score, 9)) for f in slow.hidden)


@pytest.mark.parametrize("text", ["reading", "river OR cloud", "math -garden", "ada",
                                  "(river OR stone) AND (garden OR robot)"])
def test_both_matchings_agree_with_documents_queued(index, text):
    fast, slow = answers(index, text, ["user:ann", "group:admins-1"],
                         queued_paths=[f"/doc-{n}" for n in range(0, 170, 6)])
    assert_same(fast, slow)
    assert fast.hidden or not fast.total  # (the case is not empty)


@pytest.mark.parametrize("chosen", [{"school": "sch-1"}, {"grade": "5", "type": "Goal"}])
def test_both_matchings_agree_on_what_a_chosen_facet_leaves(index, chosen):
    """(whoosh scores a chosen value as a word too; which documents, how many and the
    queued ones are the same.)"""
    fast, slow = answers(index, "river OR stone", ["user:ben"], chosen=chosen,
                         queued_paths=["/doc-3", "/doc-40", "/doc-77"], wanted=500)
    assert_same(fast, slow, scored=False)
    assert {f.path for f in fast.top} == {f.path for f in slow.top}


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS + ["AND", "OR", "NOT"]), min_size=1, max_size=4),
       viewers=st.lists(st.sampled_from(PRINCIPALS), min_size=1, max_size=3, unique=True),
       queued=st.sets(st.integers(min_value=0, max_value=170), max_size=20))
def test_any_plain_words_agree_through_the_one_interface(index, words, viewers, queued):
    text = " ".join(words)
    try:
        query = parse(text)
    except QueryProblem:
        return
    if plan(query, SCHEMA) is None:
        return
    fast, slow = answers(index, text, viewers, queued_paths=[f"/doc-{n}" for n in queued])
    assert_same(fast, slow)


def test_phrases_and_patterns_go_to_whoosh_and_plain_words_to_the_bitsets(index):
    slots = Slots()
    assert isinstance(matching_for(parse("river"), index, slots, "user:ann"), BitsetMatching)
    assert isinstance(matching_for(parse('"river stone"'), index, slots, "user:ann"),
                      WhooshMatching)
    assert isinstance(matching_for(parse("riv*"), index, slots, "user:ann"), WhooshMatching)
