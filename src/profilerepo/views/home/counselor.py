"""A counselor's home panel: the caseload, goals at risk first."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo import progress
from profilerepo.security.policy import PageAccess
from profilerepo.views.home.goals import active_goals

REVIEW_SOON = datetime.timedelta(days=30)  # a plan's review this close is "due"


@dataclass(frozen=True)
class CaseloadRow:
    """A counselor's student: goals at risk first, the plan's review date."""

    student: object
    at_risk: list  # (goal, status) of the goals at risk
    counts: dict  # status name -> how many active goals
    review_due: datetime.date | None
    review_soon: bool  # overdue or within REVIEW_SOON

    @property
    def order(self) -> tuple:
        return (-len(self.at_risk), not self.review_soon,
                self.review_due or datetime.date.max, self.student.sort_key)


def caseload(access: PageAccess, students: list, day: datetime.date) -> list[CaseloadRow]:
    rows, can_view = [], access.can_view
    for student in students:
        plan, goals = active_goals(can_view, student)
        statuses = [(goal, progress.goal_status(goal, day)) for goal in goals]
        counts = {name: sum(1 for _, s in statuses if s.name == name)
                  for name in (progress.AT_RISK, progress.ON_TRACK, progress.NOT_ENOUGH_DATA)}
        due = plan.review_due if plan is not None else None
        rows.append(CaseloadRow(student, [(g, s) for g, s in statuses
                                          if s.name == progress.AT_RISK],
                                counts, due, due is not None and due - day <= REVIEW_SOON))
    return sorted(rows, key=lambda row: row.order)
