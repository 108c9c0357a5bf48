"""The student's own home: their dream and goals in their own words, the plan's goals with
a next step each (never a red label), their latest feedback and what to do next."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from profilerepo.family.rights import rights_notice
from profilerepo.plans import progress
from profilerepo.security.access import Access
from profilerepo.views.goal_words import GoalInWords, in_words
from profilerepo.views.home.goals import active_goals
from profilerepo.views.home.news import shared_narratives
from profilerepo.views.students import privacy_links

REFLECT_EVERY_DAYS = 30  # a reflection a month keeps the record in the student's voice


@dataclass(frozen=True)
class Step:
    text: str
    url: str


@dataclass(frozen=True)
class MyHome:
    student: object
    profile: object | None  # None: not shared with the student yet
    goals: list[GoalInWords]
    feedback: object | None  # the newest narrative shared with the student
    report: object | None  # the newest progress report shared with the student
    steps: list[Step]  # what to do next
    rights_notice: str = ""  # from 17: the rights passing at 18; from 18: they are yours
    privacy: list = field(default_factory=list)  # (address, title, what)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _steps(request, profile, goals: list[GoalInWords], day: datetime.date) -> list[Step]:
    url = request.resource_url
    steps = [Step(_sentence(g.next_step.removeprefix("Next step: ")), url(g.goal))
             for g in goals if g.status.name == progress.AT_RISK]
    if profile is None:
        return steps
    if not profile.my_dream:
        steps.append(Step("Write your dream: what do you hope to do or become?",
                          url(profile, "my-dream")))
    if not profile.my_goals:
        steps.append(Step("Write your goals in your own words.", url(profile, "my-goals")))
    latest = profile.reflections[-1]["date"] if profile.reflections else None
    if latest is None or (day - latest).days > REFLECT_EVERY_DAYS:
        steps.append(Step("Add a reflection: what went well, what was hard, what you want "
                          "to try next.", url(profile, "reflect")))
    return steps


def my_home(request, access: Access, student, day: datetime.date) -> MyHome:
    can_view, site = access.can_view, request.site
    plan, goals = active_goals(can_view, student)
    told = [in_words(site, goal, day) for goal in goals]
    reports = access.visible(plan.reports.values()) if plan is not None else []
    profile = student.get("profile")
    profile = profile if profile is not None and can_view(profile) else None
    narratives = shared_narratives(can_view, student)
    notice = rights_notice(student, request.user, day)
    return MyHome(student, profile, told, narratives[0] if narratives else None,
                  max(reports, key=lambda r: r.created, default=None),
                  _steps(request, profile, told, day), notice,
                  privacy_links(request, student) if notice else [])
