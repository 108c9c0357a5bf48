"""A goal told plainly to a family or a student: where it started, where it is now, the
goal, how it is going and what the school is doing about it, with its chart.

Families and students never read staff terms ("aim line"); a student reads a next step
where staff read "at risk"."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo.plans import progress
from profilerepo.plans.chart import goal_chart
from profilerepo.plans.goals import Goal
from profilerepo.plans.reports import FAMILY_LABELS, family_going
from profilerepo.views.display import person


@dataclass(frozen=True)
class GoalInWords:
    goal: Goal
    status: progress.Status
    started: str  # "80 words a minute on 10 September 2024"
    now: str  # the latest measurement, or that there is none yet
    target: str  # "120 words a minute by 10 June 2025"
    going: str  # how it is going, in a sentence with no staff terms
    school: str  # what the school is doing about it
    next_step: str  # the same, said to the student as what to do next
    chart: str  # SVG markup ("" when the goal cannot be drawn)

    @property
    def label(self) -> str:
        return family_label(self.status)


def family_label(status: progress.Status) -> str:
    """A status as families and students read it ("Too early to tell")."""
    return FAMILY_LABELS.get(status.name, status.name.capitalize())


def _amount_on(value, unit: str, day) -> str:
    text = progress.amount(value, unit) if progress.usable_value(value) else "not set"
    return f"{text} on {progress.day(day)}" if progress.usable_day(day) else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def school_doing(site, goal: Goal) -> str:
    """Who works on the goal, and how and how often they check progress. (The plan's
    supports are for all its goals: ``plan_supports`` tells them once.)"""
    people = " and ".join(person(site, login) for login in goal.responsible) or "The team"
    verbs = "work on this goal and check" if len(goal.responsible) > 1 else \
        "works on this goal and checks"
    said = f"{people} {verbs} progress {goal.schedule or 'regularly'}"
    measure = goal.measure.strip().rstrip(".")
    return said + (f" ({measure[:1].lower() + measure[1:]})." if measure else ".")


def plan_supports(site, plan) -> list[str]:
    """The plan's supports and services, one sentence each ("Reading group: 3 times a
    week, with Theo Example"); they serve the whole plan, not one goal."""
    return [f"{_capital(s['kind'])}: {s['frequency']}, with {person(site, s['provider'])}"
            for s in getattr(plan, "supports", ()) or ()]


def _next_step(goal: Goal, status: progress.Status, site, now: str, target: str) -> str:
    """What the student does next, said to them (never a red label)."""
    who = person(site, goal.responsible[0]) if goal.responsible else "your counselor"
    if status.name == progress.ON_TRACK:
        return "You are on track. Keep going!"
    if status.name == progress.AT_RISK:
        return (f"Next step: ask {who} what to try differently this week. You are at {now}; "
                f"your goal is {target}.")
    return (f"Next step: keep practising. {who} checks your progress "
            f"{goal.schedule or 'regularly'}.")


def in_words(site, goal: Goal, today: datetime.date, *, name: str = "",
             until: datetime.date | None = None) -> GoalInWords:
    """``goal`` told plainly, judged on ``today``; with ``until``, only the measurements
    taken by then count (a report shows the goal as it stood when it was written)."""
    facts, stored = progress.Goal.of(goal), progress.points_of(goal)
    if until is not None:
        stored = [(d, v) for d, v in stored if progress.usable_day(d) and d <= until]
        today = min(today, until)
    status = progress.assess(facts, stored, today)
    points = progress.usable_points(stored)
    name = name or (goal.student.first_name if goal.student is not None else "The student")
    started = _amount_on(goal.baseline_value, goal.unit, goal.baseline_date)
    now = (_amount_on(points[-1][1], goal.unit, points[-1][0]) if points
           else "no measurements yet")
    target = progress.amount(goal.target_value, goal.unit)
    if progress.usable_day(goal.target_date):
        target += f" by {progress.day(goal.target_date)}"
    going = family_going(facts, points, status, name, today)
    student = goal.student.__name__ if goal.student is not None else "student"
    chart = (goal_chart(facts, stored, status, title=f"Progress toward: {goal.title}",
                        ident=f"chart-{student}-{goal.__name__}") if facts.usable else "")
    return GoalInWords(goal, status, started, now, target, going, school_doing(site, goal),
                       _next_step(goal, status, site, now, target), chart)
