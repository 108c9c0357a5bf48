"""The search package's evolve steps (run by ``profilerepo.evolution``, once per
database): the queue the indexer builds the index from, and students' own entries."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from profilerepo.evolution import BATCH, each_student
from profilerepo.search.queue import IndexQueue, path_and_site, queue_of, touch


def search_queue(site, engine) -> Iterator[int]:
    """A queue for the search index, holding every document: the indexer builds the
    index from it (``profilerepo-reindex`` does the same at once)."""
    site.search_queue = IndexQueue()
    for done, student in each_student(site):
        touch(student)
        if done % BATCH == 0:
            yield done


def student_entries(site, engine) -> Iterator[int]:
    """Students are found by name: each student folder gets an index entry of its own
    (queued; the indexer writes them), beside its documents' entries."""
    queue = queue_of(site)
    if queue is None:
        return
    for done, student in each_student(site):
        queue.add(path_and_site(student)[0])
        if done % BATCH == 0:
            yield done


def grant_viewers(site, engine) -> Iterator[int]:
    """Every document again: the index names, among each document's viewers, whoever a
    live grant of the family opens its section to (``security.access.indexed_viewers``)."""
    queue = queue_of(site)
    if queue is None:
        return
    for done, student in each_student(site):
        touch(student)
        if done % BATCH == 0:
            yield done


STEPS: list[tuple[str, Callable]] = [
    ("2026-11-search-queue", search_queue),
    ("2026-12-student-entries", student_entries),
    ("2026-12-grant-viewers", grant_viewers),
]
