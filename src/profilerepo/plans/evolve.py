"""The plans package's evolve steps (run by ``profilerepo.evolution``, once per
database): plans from before progress reports get their reports folder."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from profilerepo.evolution import BATCH, each_student
from profilerepo.plans.reports import ProgressReports


def plan_reports(site, engine) -> Iterator[int]:
    """Each plan gets the (empty) folder its progress reports are kept in, if it has
    none: plans written before reports existed."""
    for done, student in each_student(site):
        plan = student["plan"]
        plan._p_activate()  # (a ghost's __dict__ is empty until loaded)
        if "reports" not in plan.__dict__:
            plan.reports = ProgressReports()
            plan.reports.__name__, plan.reports.__parent__ = "reports", plan
        if done % BATCH == 0:
            yield done


# (Named to run before the workflow and search steps, which look inside the reports.)
STEPS: list[tuple[str, Callable]] = [("2026-11-plan-reports", plan_reports)]
