"""Evolve steps: what brings a database written by an earlier version up to date.

Each step has a name and runs once per database, at start-up, committing in
batches; the site records the names of the steps it has had (a new site has
them all). Steps only add what is missing, so one cut off half way is simply
run again.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from BTrees.OOBTree import OOTreeSet

log = logging.getLogger(__name__)
BATCH = 200


def _students(site) -> Iterator:
    for student_id in site["students"].keys():
        yield site["students"][student_id]


def _workflowed(student) -> Iterator:
    """Every document in a student's folder that takes part in workflows."""
    from profilerepo.plans.plan import ProgressReports

    plan = student["plan"]
    plan._p_activate()
    if "reports" not in plan.__dict__:
        plan.reports = ProgressReports()
        plan.reports.__name__, plan.reports.__parent__ = "reports", plan
    yield student["profile"]
    yield plan
    yield from plan.goals.values()
    yield from plan.reports.values()
    yield from student["narratives"].values()
    yield from student["portfolio"].values()


# Where documents written before workflows governed them are put: what they were,
# in the new words. Families read profiles, plans and portfolios before, so those are
# shared with the family (sharing with contributors is now the family's decision);
# plans and goals were in force.
_WAS = {"sharing": "family", "plan-lifecycle": "active", "goal-lifecycle": "active"}


def workflow_chains(site, engine) -> Iterator[int]:
    """Documents from before workflow chains get their states; the state index is
    rebuilt with one entry per workflow."""
    from profilerepo.workflow.index import StateIndex

    site.state_index = index = StateIndex()
    for done, student in enumerate(_students(site), start=1):
        for document in _workflowed(student):
            document._p_activate()  # (a ghost's __dict__ is empty until loaded)
            if "workflow_states" not in document.__dict__:
                chain = document.workflow_chain
                states = {name: _WAS.get(name, engine.workflows[name].initial)
                          for name in chain}
                legacy = document.__dict__.pop("workflow_state", None)  # one workflow then
                if legacy:
                    states[chain[0]] = legacy
                document.workflow_states = states
            index.record(document)
        if done % BATCH == 0:
            yield done


def search_queue(site, engine) -> Iterator[int]:
    """A queue for the search index, holding every document: the indexer builds the
    index from it (``profilerepo-reindex`` does the same at once)."""
    from profilerepo.search.queue import IndexQueue, touch

    site.search_queue = IndexQueue()
    for done, student in enumerate(_students(site), start=1):
        touch(student)
        if done % BATCH == 0:
            yield done


def _plans(student) -> Iterator:
    """The student's plan and the past plans filed under it."""
    yield student["plan"]
    if "past-plans" in student:
        yield from student["past-plans"].values()


def dated_logs(site, engine) -> Iterator[int]:
    """Measurements, sessions and reflections move from a tuple on their goal, plan or
    profile (rewritten, and so in conflict, on every save) into a log of their own that
    merges saves made at the same moment."""
    from profilerepo.content.dated_log import log_of

    for done, student in enumerate(_students(site), start=1):
        log_of(student["profile"], "reflection_log", "reflections")
        for plan in _plans(student):
            log_of(plan, "service_log", "sessions")
            for goal in plan.goals.values():
                log_of(goal, "measurements", "data_points")
        if done % BATCH == 0:
            yield done


def student_entries(site, engine) -> Iterator[int]:
    """Students are found by name: each student folder gets an index entry of its own
    (queued; the indexer writes them), beside its documents' entries."""
    from profilerepo.search.queue import path_and_site, queue_of

    queue = queue_of(site)
    if queue is None:
        return
    for done, student in enumerate(_students(site), start=1):
        queue.add(path_and_site(student)[0])
        if done % BATCH == 0:
            yield done


STEPS: list[tuple[str, Callable]] = [
    ("2026-11-workflow-chains", workflow_chains),
    ("2026-11-search-queue", search_queue),
    ("2026-12-dated-logs", dated_logs),
    ("2026-12-student-entries", student_entries),
]


def mark_current(site) -> None:
    """A new site needs no evolving: it has had every step."""
    site.evolved = OOTreeSet(name for name, _ in STEPS)


def evolve(db, engine, root_key: str) -> list[str]:
    """Run the steps this database has not had, committing every ``BATCH`` students.
    Returns the names of the steps run."""
    import transaction

    manager = transaction.TransactionManager()
    conn = db.open(manager)
    ran = []
    try:
        site = conn.root()[root_key]
        if getattr(site, "evolved", None) is None:
            site.evolved = OOTreeSet()
        for name, step in STEPS:
            if name in site.evolved:
                continue
            log.info("evolving the database: %s", name)
            for done in step(site, engine):
                manager.commit()
                conn.cacheGC()
                log.info("  %s: %d students", name, done)
            site.evolved.add(name)
            manager.commit()
            ran.append(name)
    finally:
        manager.abort()
        conn.close()
    return ran
