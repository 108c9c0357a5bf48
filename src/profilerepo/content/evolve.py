"""The content package's evolve steps (run by ``profilerepo.evolution``, once per
database): dated logs instead of tuples, and the review cycles' folder."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from profilerepo.content.dated_log import log_of
from profilerepo.evolution import BATCH, each_student


def _plans(student) -> Iterator:
    """The student's plan and the past plans filed under it."""
    yield student["plan"]
    if "past-plans" in student:
        yield from student["past-plans"].values()


def dated_logs(site, engine) -> Iterator[int]:
    """Measurements, sessions and reflections move from a tuple on their goal, plan or
    profile (rewritten, and so in conflict, on every save) into a log of their own that
    merges saves made at the same moment."""
    for done, student in each_student(site):
        log_of(student["profile"], "reflection_log", "reflections")
        for plan in _plans(student):
            log_of(plan, "service_log", "sessions")
            for goal in plan.goals.values():
                log_of(goal, "measurements", "data_points")
        if done % BATCH == 0:
            yield done


def cycles_folder(site, engine) -> Iterator[int]:
    """Sites from before review cycles get the folder cycles are kept in."""
    from profilerepo.content.cycles import Cycles

    if "cycles" not in site:
        site.add("cycles", Cycles())
    yield from ()


STEPS: list[tuple[str, Callable]] = [
    ("2026-12-dated-logs", dated_logs),
    ("2026-12-cycles-folder", cycles_folder),
]
