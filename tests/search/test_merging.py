"""Segments stay few whatever the rate of commits: the tier policy on its own, and on a
real index written one document a commit."""
from __future__ import annotations

import random

import pytest

from profilerepo.search import merging
from profilerepo.search.index import SearchIndex
from profilerepo.search.merging import FACTOR, LARGE, MOST_SEGMENTS, to_merge
from profilerepo.search.writing import tidy, write_batch

# the most segments the tiers allow below LARGE: FACTOR - 1 in each tier, plus one just made
TIERS = merging.tier(LARGE - 1) + 1
BOUND = TIERS * (FACTOR - 1) + 1


def commit(sizes: list[int], added: int) -> list[int]:
    """The sizes after a commit that adds a segment of ``added`` documents and merges
    as the policy says (merged segments join the new one, as whoosh's writer does)."""
    chosen = to_merge(sizes)
    kept = [size for at, size in enumerate(sizes) if at not in chosen]
    return [*kept, added + sum(sizes[at] for at in chosen)]


@pytest.mark.parametrize("per_commit", [1, 3, 40, 700])
def test_a_steady_trickle_of_commits_never_piles_up_segments(per_commit):
    sizes: list[int] = []
    for _ in range(3000):
        sizes = commit(sizes, per_commit)
        small = [size for size in sizes if size < LARGE]
        assert len(small) <= BOUND and len(sizes) <= MOST_SEGMENTS
    assert sum(sizes) == 3000 * per_commit  # nothing lost by merging


def test_large_catch_up_segments_are_left_alone_until_there_are_too_many():
    assert to_merge([20_000, 20_000, 20_000, 20_000, 5]) == set()
    many = [LARGE] * (MOST_SEGMENTS + 3)
    chosen = to_merge(many)
    assert len(many) - len(chosen) + 1 <= MOST_SEGMENTS


def test_segments_with_every_document_deleted_are_dropped():
    assert 1 in to_merge([500, 0, 900])


def test_a_lone_small_segment_is_not_rewritten_for_nothing():
    assert to_merge([1]) == set()
    assert to_merge([5, 50_000]) == set()


def test_random_commit_sizes_stay_bounded():
    rng = random.Random(7)
    sizes: list[int] = []
    for _ in range(2000):
        sizes = commit(sizes, rng.choice([1, 1, 1, 2, 5, 30, 300, 2000]))
        assert len(sizes) <= MOST_SEGMENTS


def entry(path: str) -> dict:
    return {"path": path, "type": "Narrative", "title": path, "body": "river stone",
            "state": "Draft", "school": "sch-1", "grade": "5", "viewers": "user:t"}


def test_one_document_a_commit_keeps_a_real_index_to_a_few_segments(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    try:
        most = 0
        for number in range(150):
            write_batch(index, [f"/d{number}"], [entry(f"/d{number}")])
            most = max(most, index.segment_count())
        assert most <= 2 * (FACTOR - 1) + 1  # two tiers at this size, and the new one
        with index.searching() as searcher:
            assert searcher.doc_count() == 150
    finally:
        index.close()


def test_a_fragmented_index_is_tidied_in_one_commit(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    try:
        for number in range(60):  # as an older version left it: a segment each
            write_batch(index, [f"/d{number}"], [entry(f"/d{number}")], merge=False)
        assert index.segment_count() == 60
        assert tidy(index)
        assert index.segment_count() == 1
        assert not tidy(index)  # nothing more to do
        with index.searching() as searcher:
            assert searcher.doc_count() == 60
    finally:
        index.close()


def test_big_segments_with_a_few_deletions_are_not_rewritten_together():
    """Saves delete a document here and there from the big catch-up segments; four of
    them just under the size must not become a tier to merge (80,000 documents
    rewritten while the indexer waits)."""
    live = [LARGE - 3, LARGE - 1, LARGE - 7, LARGE - 2, 2000, 5000]
    written = [LARGE, LARGE, LARGE, LARGE, 2000, 5000]
    assert to_merge(live, written) == set()


def test_a_big_segment_mostly_deleted_joins_the_tier_of_what_is_left():
    live, written = [5000, 6000, 6000, 5500], [LARGE, 6000, 6000, 5500]  # (one tier)
    assert to_merge(live, written) == {0, 1, 2, 3}
