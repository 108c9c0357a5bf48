"""The index on disk, below the application: what a searcher kept between requests
sees after other commits (updates, deletions, merges)."""
from __future__ import annotations

import pytest
from whoosh import sorting
from whoosh.query import Term

from profilerepo.search.index import SearchIndex, write_batch


def entry(path: str, words: str, state: str = "Draft") -> dict:
    return {"path": path, "type": "Narrative", "title": path, "body": words,
            "state": state, "school": "sch-1", "grade": "5", "viewers": "user:t"}


def found(index: SearchIndex, word: str) -> list[str]:
    searcher = index.searcher()
    return sorted(hit["path"] for hit in searcher.search(Term("body", word), limit=None))


def states(index: SearchIndex, word: str) -> dict:
    facets = sorting.Facets()
    facets.add_facet("state", index.facet("state"))
    results = index.searcher().search(Term("body", word), limit=None, groupedby=facets)
    return dict(results.groups("state"))


@pytest.fixture
def index(tmp_path):
    made = SearchIndex(tmp_path / "ix")
    yield made
    made.close()


def test_a_kept_searcher_sees_updates_deletions_and_merges(index):
    write_batch(index, ["/a", "/b"], [entry("/a", "river stone"), entry("/b", "river")],
                merge=False)
    assert found(index, "river") == ["/a", "/b"]
    first = index.searcher()

    # /a rewritten in a second segment: found once, with its new words and state
    write_batch(index, ["/a"], [entry("/a", "river cloud", "Shared")], merge=False)
    assert index.searcher() is not first
    assert found(index, "river") == ["/a", "/b"]
    assert found(index, "stone") == [] and found(index, "cloud") == ["/a"]
    assert states(index, "river") == {"Draft": 1, "Shared": 1}

    # /b deleted with nothing added: gone from the answer and from the counts
    write_batch(index, ["/b"], [], merge=False)
    assert found(index, "river") == ["/a"]
    assert states(index, "river") == {"Shared": 1}

    # merging rewrites the segments; the kept searcher follows
    write_batch(index, ["/c"], [entry("/c", "river")], merge=True)
    assert found(index, "river") == ["/a", "/c"]
    assert states(index, "river") == {"Draft": 1, "Shared": 1}
    assert index.searcher().doc_count() == 2


def test_an_unchanged_index_keeps_its_searcher(index):
    write_batch(index, ["/a"], [entry("/a", "river")], merge=False)
    assert index.searcher() is index.searcher()


def test_a_kept_searcher_sees_each_commit_however_soon_after_the_last(index):
    import time

    for round_ in range(6):  # (commits a moment apart, and long after the last look)
        write_batch(index, [f"/r{round_}"], [entry(f"/r{round_}", "river")], merge=False)
        assert found(index, "river") == [f"/r{n}" for n in range(round_ + 1)]
        assert found(index, "river") == [f"/r{n}" for n in range(round_ + 1)]
        time.sleep(0.06 if round_ % 2 else 0.0)
