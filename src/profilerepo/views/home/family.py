"""A guardian's home panel: each child's goals, charts and latest report."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo import progress
from profilerepo.security.policy import PageAccess
from profilerepo.views.home.goals import active_goals


@dataclass(frozen=True)
class ChildGoals:
    """A guardian's child: the goals they may see, with charts, and the latest report."""

    student: object
    goals: list  # (goal, status, chart)
    report: object | None


def children(request, access: PageAccess, students: list, day: datetime.date) -> list[ChildGoals]:
    from profilerepo.views.goals import chart_of

    found, can_view = [], access.can_view
    for student in students:
        plan, goals = active_goals(can_view, student)
        reports = ([r for r in plan.reports.values() if can_view(r)]
                   if plan is not None else [])
        latest = max(reports, key=lambda r: r.created, default=None)
        shown = []
        for goal in goals:
            status = progress.goal_status(goal, day)
            shown.append((goal, status, chart_of(request, goal, status)))
        found.append(ChildGoals(student, shown, latest))
    return found
