"""The index on disk, below the application: what a searcher kept between requests
sees after other commits (updates, deletions, merges)."""
from __future__ import annotations

import pytest
from whoosh import sorting
from whoosh.query import Term

from profilerepo.search.index import SearchIndex
from profilerepo.search.writing import write_batch


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
def index(tmp_path, monkeypatch):
    from profilerepo.search import storage

    monkeypatch.setattr(storage, "WHOLE", 0)  # (every file on a descriptor, to count them)
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


# --- One searcher for every thread ----------------------------------------------------------

def open_files_in(folder) -> set[str]:
    """The files in ``folder`` this process holds open (Linux: /proc)."""
    import os

    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(f"{folder}/"):
            found.add(target)
    return found


def test_every_thread_searches_through_one_searcher_so_open_files_do_not_grow(index):
    import threading

    for number in range(6):
        write_batch(index, [f"/d{number}"], [entry(f"/d{number}", "river")], merge=False)
    assert found(index, "river") == [f"/d{n}" for n in range(6)]
    one_thread = open_files_in(index.folder)
    seen, answers = set(), []
    start = threading.Barrier(8)

    def search() -> None:
        start.wait(timeout=10)
        with index.searching() as searcher:
            seen.add(id(searcher))
            answers.append(len(searcher.search(Term("body", "river"), limit=None)))

    threads = [threading.Thread(target=search) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == [6] * 8
    assert len(seen) == 1
    assert open_files_in(index.folder) == one_thread


def test_searches_on_many_threads_read_right_while_commits_go_on(index):
    """Readers shared by threads read each its own place in a file (a wrong read would
    give a wrong answer or an error, not a slow one)."""
    import threading

    errors, counts = [], {n: [] for n in range(4)}
    done = threading.Event()

    def search(number: int) -> None:
        try:
            while not done.is_set():
                with index.searching() as searcher:
                    hits = searcher.search(Term("body", "river"), limit=None)
                    paths = {hit["path"] for hit in hits}
                    assert all(path.startswith("/w") for path in paths), paths
                    counts[number].append(len(paths))
        except Exception as error:  # (reported below, with the thread's number)
            errors.append(f"{number}: {error!r}")

    threads = [threading.Thread(target=search, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        for number in range(80):
            write_batch(index, [f"/w{number}"], [entry(f"/w{number}", f"river w{number}")])
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=30)
    assert errors == []
    for seen in counts.values():  # each thread saw the index grow, never shrink
        assert seen == sorted(seen) and seen
    assert found(index, "river") == sorted(f"/w{n}" for n in range(80))


def test_a_replaced_searcher_is_closed_once_its_last_search_ends(index):
    for number in range(3):
        write_batch(index, [f"/d{number}"], [entry(f"/d{number}", "river")], merge=False)
    found(index, "river")
    with index.searching() as old:
        before = open_files_in(index.folder)
        write_batch(index, ["/d0", "/d1", "/d2"], [entry("/d0", "river")])  # merged away
        assert found(index, "river") == ["/d0"]  # a new searcher, for new searches
        assert len(old.search(Term("body", "river"), limit=None)) == 3  # still readable
    after = open_files_in(index.folder)
    assert before - after  # the old segments' files closed as the old search ended
    assert not any(path in after for path in before - after)


def test_open_files_stay_few_over_hundreds_of_commits(index):
    most = 0
    for number in range(200):
        write_batch(index, [f"/d{number}"], [entry(f"/d{number}", f"river d{number}")])
        assert len(found(index, "river")) == number + 1
        most = max(most, len(open_files_in(index.folder)))
    assert most <= 12 * 8  # a few files each of a handful of segments


def _search_while_another_thread_reopens(index) -> tuple[list[str], float]:
    """A search started while another thread is in the middle of reopening the index
    (held there for 2 s): what it found, and how long it took."""
    import threading
    import time

    write_batch(index, ["/a"], [entry("/a", "river")])
    found(index, "river")
    write_batch(index, ["/b"], [entry("/b", "river")])
    reopening, release = threading.Event(), threading.Event()
    slow = index._reopen

    def held_reopen(old):
        reopening.set()
        release.wait(2)
        return slow(old)

    index._reopen = held_reopen
    other = threading.Thread(target=index.refresh)
    other.start()
    reopening.wait(5)
    index._reopen = slow
    started = time.monotonic()
    with index.searching() as searcher:
        paths = sorted(hit["path"] for hit in searcher.search(Term("body", "river"), limit=None))
    took = time.monotonic() - started
    release.set()
    other.join()
    return paths, took


def test_with_the_indexer_here_a_search_goes_on_while_the_index_is_reopened(index):
    """The indexer in this process reopens the index before the database hears a batch
    is indexed: meanwhile searches use the generation before, and never queue up."""
    index.reopened_by_indexer = True
    paths, took = _search_while_another_thread_reopens(index)
    assert took < 1 and paths == ["/a"]
    assert found(index, "river") == ["/a", "/b"]  # (and the next search has the new one)


def test_with_the_indexer_elsewhere_a_search_waits_for_the_reopened_index(index):
    """Indexed by another process, the database may already say a document is indexed:
    a search then waits for the generation that has it."""
    paths, took = _search_while_another_thread_reopens(index)
    assert took >= 1 and paths == ["/a", "/b"]
