"""Searches answered with bitsets give what whoosh's own matching gives: the same
documents, the same total and facet counts, the same scores in the same order,
over several segments with deleted documents, for whatever words and operators
someone types."""
from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import sorting
from whoosh.query import Or, Require, Term

from profilerepo.search.bitsets import bits_of, numbers_of, plan, rank
from profilerepo.search.index import SearchIndex
from profilerepo.search.query import QueryProblem, parse
from profilerepo.search.schema import FACET_FIELDS, SCHEMA
from profilerepo.search.writing import write_batch

WORDS = ["river", "stone", "reading", "reads", "math", "cloud", "garden", "robot",
         "progress", "goal"]
PRINCIPALS = ["user:ann", "user:ben", "group:admins-1", "user:cy"]


def entry(rng: random.Random, n: int) -> dict:
    def words(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    return {"path": f"/doc-{n}", "type": rng.choice(["Narrative", "Plan", "Goal"]),
            "title": words(rng.randint(1, 4)), "body": words(rng.randint(0, 40)),
            "student": f"s-{n % 7}", "student_name": rng.choice(["Ada Reads", "Bo Stone"]),
            "school": rng.choice(["sch-1", "sch-2"]), "grade": rng.choice(["4", "5", "6"]),
            "state": rng.choice(["Draft", "Shared", "Final"]),
            "tags": ",".join(rng.sample(WORDS, rng.randint(0, 2))),
            "viewers": " ".join(rng.sample(PRINCIPALS, rng.randint(1, 3)))}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """Four segments, the later ones rewriting or deleting some earlier documents."""
    made = SearchIndex(tmp_path_factory.mktemp("ix"))
    rng = random.Random(4)
    for batch in range(4):
        numbers = range(batch * 60, batch * 60 + 80)  # (20 of each batch rewrite others)
        entries = [entry(rng, n) for n in numbers]
        write_batch(made, [e["path"] for e in entries] + [f"/doc-{batch * 7}"], entries,
                    merge=False)
    yield made
    made.close()


def whoosh_answer(index, query, viewers, wanted):
    searcher = index.searcher()
    facets = sorting.Facets()
    for name in FACET_FIELDS:
        facets.add_facet(name, index.facet(name))
    results = searcher.search(Require(query, Or([Term("viewers", p) for p in viewers])),
                              limit=wanted, groupedby=facets)
    counts = {name: Counter(results.groups(name)) for name in FACET_FIELDS}
    return len(results), counts, [(hit["path"], hit.score) for hit in results[:wanted]]


def bitset_answer(index, query, viewers, wanted):
    ranked = rank(index.searcher(), plan(query, SCHEMA), index.segments, viewers=viewers,
                  filters=[], hidden={}, facets=FACET_FIELDS, wanted=wanted)
    return ranked.total, ranked.counts, [(f.path, f.score) for f in ranked.top]


def same(index, text: str, viewers: list[str], wanted: int = 15) -> None:
    query = parse(text)
    assert plan(query, SCHEMA) is not None, text
    total, counts, top = bitset_answer(index, query, viewers, wanted)
    w_total, w_counts, w_top = whoosh_answer(index, query, viewers, wanted)
    assert total == w_total, text
    assert {n: +c for n, c in counts.items()} == {n: +c for n, c in w_counts.items()}, text
    assert [round(score, 9) for _, score in top] == [round(s, 9) for _, s in w_top], text
    assert [path for path, _ in top] == [path for path, _ in w_top], text


@pytest.mark.parametrize("text", [
    "reading", "river stone", "river OR cloud", "river NOT stone", "math -garden",
    "reads", "ada", "(river OR stone) AND (garden OR robot)", "river ANDMAYBE cloud",
    "the", "zebra", "progress goal robot",
])
def test_typical_searches_match_whoosh(index, text):
    same(index, text, ["user:ann", "group:admins-1"])
    same(index, text, ["user:cy"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS + ["AND", "OR", "NOT", "zebra"]),
                      min_size=1, max_size=5),
       viewers=st.lists(st.sampled_from(PRINCIPALS), min_size=1, max_size=3, unique=True))
def test_any_words_and_operators_match_whoosh(index, words, viewers):
    try:
        query = parse(" ".join(words))
    except QueryProblem:  # (the page says so; nothing to compare)
        return
    if plan(query, SCHEMA) is None:  # (left to whoosh, as it should be)
        return
    same(index, " ".join(words), viewers)


def test_read_ahead_a_results_path_comes_from_memory_and_is_the_stored_one(index):
    """(Once read ahead, each segment's paths are kept by document number, deleted
    entries' too, so a result shown needs no read of its stored fields on disk.)"""
    while not index.warm(terms=True):
        pass
    for reader, _ in index.searcher().reader().leaf_readers():
        numbers = range(reader.doc_count_all())
        assert reader.segment().segment_id() in index.segments._path_lists
        assert [index.segments.path_of(reader, n) for n in numbers] == \
            [reader.stored_fields(n)["path"] for n in numbers]
    for text in ("reading", "river OR cloud", "ada", "progress goal robot"):
        same(index, text, ["user:ann", "group:admins-1"])


def test_phrases_and_wildcards_are_left_to_whoosh():
    assert plan(parse('"river stone"'), SCHEMA) is None
    assert plan(parse("riv*"), SCHEMA) is None
    assert plan(parse("river"), SCHEMA) is not None


@given(st.sets(st.integers(min_value=0, max_value=5000)))
def test_bitsets_keep_exactly_their_numbers(numbers):
    assert numbers_of(bits_of(numbers, 5001)) == sorted(numbers)


def test_reading_ahead_keeps_the_common_terms_and_leaves_the_rare(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    entries = [{"path": f"/d{n}", "body": "river " + ("stone" if n == 7 else "cloud"),
                "viewers": "user:ann"} for n in range(300)]
    write_batch(index, [e["path"] for e in entries], entries, merge=False)
    # a little at a time (as the indexer does between looks at the queue), until done
    rounds = 1
    while not index.warm(terms=True, seconds=0.0):
        rounds += 1
    assert rounds > 1
    kept = {(field, text) for _segment, field, text in index.segments.terms._kept}
    assert ("body", b"river") in kept and ("viewers", b"user:ann") in kept
    assert ("body", b"stone") not in kept  # (one document: quick to read when asked)
    index.close()


@pytest.mark.parametrize("text", ["reading", "river -stone", "cloud OR garden"])
def test_queued_documents_are_set_aside_and_matched_as_whoosh_matches_them(index, text):
    from profilerepo.search.segments import Documents

    query, viewers = parse(text), ["user:ann"]
    searcher = index.searcher()
    queued = Documents(searcher, [f"/doc-{n}" for n in range(0, 300, 7)], index.segments)
    ranked = rank(searcher, plan(query, SCHEMA), index.segments, viewers=viewers,
                  filters=[], hidden=queued.by_segment, facets=FACET_FIELDS, wanted=500)
    shown = searcher.search(Require(query, Or([Term("viewers", p) for p in viewers])),
                            mask=queued.numbers, limit=500)
    assert ranked.total == len(shown)
    assert [f.path for f in ranked.top] == [hit["path"] for hit in shown]
    matched = searcher.search(Require(query, queued), limit=None)
    assert sorted((f.path, round(f.score, 9)) for f in ranked.hidden) == \
        sorted((hit["path"], round(hit.score, 9)) for hit in matched)
    assert ranked.hidden  # (the case is not empty)


def test_a_rare_terms_deleted_documents_are_counted_as_whoosh_counts_them(tmp_path):
    """(A term in one document is kept with the term itself; its deleted documents
    still count towards the term's frequency, as in whoosh's scores.)"""
    from profilerepo.search.bitsets import read_postings

    index = SearchIndex(tmp_path / "ix")
    write_batch(index, ["/a", "/b"], [{"path": "/a", "body": "quokka river"},
                                      {"path": "/b", "body": "river"}], merge=False)
    write_batch(index, ["/a"], [{"path": "/a", "body": "river"}], merge=False)
    reader = index.searcher().reader().leaf_readers()[0][0]
    assert reader.is_deleted(0) and reader.doc_frequency("body", b"quokka") == 1
    assert list(read_postings(reader, "body", b"quokka")[0]) == [0]
    index.close()
