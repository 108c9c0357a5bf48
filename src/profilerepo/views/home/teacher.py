"""A teacher's home panel: the goals they measure, their drafts and returned narratives."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo.plans import progress
from profilerepo.security.access import Access
from profilerepo.workflow.index import resolve, state_index


@dataclass(frozen=True)
class GoalRow:
    """A goal a teacher is responsible for, and when its next measurement is due."""

    student: object
    goal: object
    status: progress.Status
    last: datetime.date | None
    due: datetime.date | None
    overdue: bool


@dataclass(frozen=True)
class NarrativeRow:
    """A narrative the teacher wrote that is still theirs to work on."""

    student: object
    narrative: object
    changed: datetime.date  # last saved, or moved to its state, whichever came later


@dataclass(frozen=True)
class TeacherRows:
    """A teacher's panel: the goals they measure, their drafts and returned narratives."""

    goals: list  # GoalRow
    drafts: list  # NarrativeRow
    returned: list  # NarrativeRow


def responsible_goals(access: Access, students: list, login: str,
                      day: datetime.date) -> list[GoalRow]:
    rows, can_view = [], access.can_view
    for student in students:
        plan = student.get("plan")
        mine = [goal for goal in plan.goals.values()
                if login in goal.responsible and goal.in_force] \
            if plan is not None else []
        if not mine or not can_view(plan):
            continue  # (most of a teacher's students: no permission check needed)
        for goal in mine:
            if not can_view(goal):
                continue
            points = progress.points_of(goal)
            due = progress.next_measurement(progress.Goal.of(goal), goal.schedule, points)
            rows.append(GoalRow(student, goal, progress.goal_status(goal, day),
                                points[-1][0] if points else None, due,
                                due is not None and due <= day))
    return sorted(rows, key=lambda r: (r.due or datetime.date.max, r.student.sort_key))


NARRATIVE_REVIEW = "narrative-review"


def my_narratives(request, access: Access, students: list, state: str) -> list[NarrativeRow]:
    """The narratives the user wrote about ``students`` that are in ``state`` of the review,
    most recently changed first (found in the state index: no folder is walked)."""
    site, login, zone = request.site, request.user.login, request.registry.timezone
    index, rows = state_index(site), []
    for student in students:
        for path in index.paths(NARRATIVE_REVIEW, state, student.__name__):
            narrative = resolve(site, path)
            if narrative is None or narrative.creator != login or not access.can_view(narrative):
                continue
            moved = [h.time for h in narrative.workflow_history if h.target == state
                     and (h.workflow or NARRATIVE_REVIEW) == NARRATIVE_REVIEW]
            changed = max(filter(None, (narrative.modified, *moved[-1:])))
            rows.append(NarrativeRow(student, narrative, changed.astimezone(zone).date()))
    return sorted(rows, key=lambda r: r.changed, reverse=True)
