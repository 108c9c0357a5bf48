"""A goal told plainly to a family or a student: where it started, where it is now, the
goal, how it is going and what the school is doing about it, with its chart.

Families and students never read staff terms ("aim line"); a student reads a next step
where staff read "at risk"."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo import progress
from profilerepo.content.plan import Goal
from profilerepo.views.chart import goal_chart
from profilerepo.views.display import person

# The status as a family reads it (staff read the rule's own names).
FAMILY_LABELS = {progress.ON_TRACK: "On track", progress.AT_RISK: "Behind the pace needed",
                 progress.NOT_ENOUGH_DATA: "Too early to tell"}


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
        return FAMILY_LABELS.get(self.status.name, self.status.name.capitalize())


def _amount_on(value, unit: str, day) -> str:
    text = progress.amount(value, unit) if progress.usable_value(value) else "not set"
    return f"{text} on {progress.day(day)}" if progress.usable_day(day) else text


def _going(facts: progress.Goal, points: list, status: progress.Status, name: str,
           today: datetime.date) -> str:
    """The status in a family's words: the rule's reason, but for "at risk" (whose reason
    speaks of the aim line) a sentence about the pace."""
    if status.name != progress.AT_RISK or facts.target_date < today:
        return status.reason
    target = progress.amount(facts.target, facts.unit)
    by = progress.day(facts.target_date)
    side = "below" if facts.higher_is_better else "above"
    behind = f"The last measurements are {side} the steady path to {target} by {by}."
    trend = progress.forecast_trend(points)
    if trend is None:
        going = behind
    else:
        forecast = facts.within(trend.at(facts.target_date), [v for _, v in points])
        pace = (f"at the pace so far, {name} would be at about "
                f"{progress.amount(forecast, facts.unit)} by {by}")
        going = (f"{pace[0].upper()}{pace[1:]}, short of the goal of {target}."
                 if facts.short_of(forecast, facts.target) else f"{behind[:-1]}, though {pace}.")
    return going + " The team uses these measurements to decide what to change."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def school_doing(site, goal: Goal) -> str:
    """The supports and services of the goal's plan, and who measures the goal and how."""
    plan = goal.__parent__.__parent__ if goal.__parent__ is not None else None
    supports = [f"{_capital(s['kind'])} ({s['frequency']}, {person(site, s['provider'])})"
                for s in getattr(plan, "supports", ())]
    people = " and ".join(person(site, login) for login in goal.responsible) or "The team"
    checks = "check" if len(goal.responsible) > 1 else "checks"
    said = f"{people} {checks} progress {goal.schedule or 'regularly'}"
    measure = goal.measure.strip().rstrip(".")
    said += f" ({measure[:1].lower() + measure[1:]})." if measure else "."
    if supports:
        said = "Supports in the plan: " + "; ".join(supports) + ". " + said
    return said


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
    going = _going(facts, points, status, name, today) if points else status.reason
    student = goal.student.__name__ if goal.student is not None else "student"
    chart = (goal_chart(facts, stored, status, title=f"Progress toward: {goal.title}",
                        ident=f"chart-{student}-{goal.__name__}") if facts.usable else "")
    return GoalInWords(goal, status, started, now, target, going, school_doing(site, goal),
                       _next_step(goal, status, site, now, target), chart)
