"""A guardian's home panel: each child's strengths and dream and recent good news first,
then their goals in plain words, and the latest progress report."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo.family.rights import rights_notice
from profilerepo.plans.report_replies import has_read, new_answer
from profilerepo.security.access import Access
from profilerepo.views.display import person
from profilerepo.views.goal_words import GoalInWords, in_words, plan_supports
from profilerepo.views.home.goals import active_goals
from profilerepo.views.home.news import News, good_news


@dataclass(frozen=True)
class Child:
    """A guardian's child as their home page tells it, strengths first."""

    student: object
    profile: object | None  # None: not shared with the family yet
    news: list[News]
    goals: list[GoalInWords]
    supports: list[str]  # the plan's supports, for all its goals
    report: object | None  # the latest progress report shared with the family
    report_read: bool  # whether this guardian has acknowledged it
    answers: list[tuple[object, dict]]  # (report, answer): answers to them not seen yet
    notice: str = ""  # the rights passing at 18: what will change and when, or did
    opens: bool = True  # whether the record opens to this guardian (not after 18, ungranted)


def children(request, access: Access, students: list, day: datetime.date) -> list[Child]:
    site, login, can_view = request.site, request.user.login, access.can_view
    found = []
    for student in students:
        plan, goals = active_goals(can_view, student)
        reports = access.visible(plan.reports.values()) if plan is not None else []
        latest = max(reports, key=lambda r: r.created, default=None)
        answers = [(r, a) for r in sorted(reports, key=lambda r: r.created)
                   if (a := new_answer(r, login)) is not None]
        profile = student.get("profile")
        found.append(Child(
            student, profile if profile is not None and can_view(profile) else None,
            good_news(can_view, student, goals, day, lambda p: person(site, p)),
            [in_words(site, goal, day) for goal in goals],
            plan_supports(site, plan), latest,
            latest is not None and has_read(latest, login), answers,
            rights_notice(student, request.user, day), can_view(student)))
    return found
