"""Progress monitoring for synthetic goals: levels, schedules, data values and the decision rule.

A goal's data are drawn to land in a chosen status (on track, at risk, not enough data), and
``progress_status`` is the rule that says which status a series of measurements is in.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from profilerepo.demo.school_calendar import school_day
from profilerepo.plans.progress import Goal, assess

INTERVALS = {"weekly": 7, "every two weeks": 14, "every three weeks": 21, "monthly": 30}


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def goal_levels(rng: random.Random, kind: dict, grade: int, decimals: int) -> tuple[float, float]:
    """Baseline (the present level for this grade) and a target on the kind's side of it."""
    start, per_grade, spread = kind["base"]
    floor, cap = kind["floor"], kind["cap"]
    step = 10.0 ** -decimals
    baseline = start + per_grade * grade + rng.uniform(-spread, spread)
    baseline = round(_clamp(baseline, floor, cap), decimals)
    change = rng.uniform(*kind["change"])
    target = round(_clamp(baseline + change, floor, cap))  # targets are whole numbers
    if change > 0 and target <= baseline:
        baseline = round(max(0.0, target - max(step, change / 2)), decimals)
    elif change < 0 and target >= baseline:
        baseline = round(target - change / 2 + step, decimals)
    return float(baseline), float(target)


def goal_target_date(rng: random.Random, today: date, year_end: date) -> date:
    """A school day in the last week or so of the school year, or 120 days out in summer."""
    end = year_end
    if (end - today).days < 30:  # summer: the next checkpoint, not the past June
        end = today + timedelta(120)
    return school_day(end - timedelta(rng.randrange(8)))


def goal_schedule(rng: random.Random, kind: dict, status: str, today: date,
                  year_start: date) -> tuple[str, list[date]]:
    """Measurement dates ending by today; new goals have one or two, the others four+."""
    schedule = rng.choice(kind["schedules"])
    interval = INTERVALS[schedule]
    if status == "not enough data":
        count = rng.choice((1, 2))
        first = today - timedelta((count - 1) * interval + rng.randrange(interval))
    else:
        room = (today - year_start).days + 14
        if room // interval + 1 < 4:
            schedule, interval = "weekly", 7
        count = rng.randint(4, max(4, min(room // interval + 1, 14)))
        first = today - timedelta((count - 1) * interval + rng.randrange(3))
    first = school_day(first)
    dates = [first]
    for step in range(1, count):
        day = first + timedelta(step * interval + rng.choice((-1, 0, 0, 1)))
        dates.append(school_day(min(day, today)))
    return schedule, dates


def goal_values(rng: random.Random, status: str, dates: list[date], baseline: float,
                target: float, target_date: date, limit: float, decimals: int) -> list[float]:
    """Noisy values along a trend steeper (on track) or flatter (at risk) than the aim line;
    redrawn with less noise until the decision rule agrees with the chosen status."""
    span, delta = (target_date - dates[0]).days, target - baseline
    values: list[float] = []
    for noise in (0.08, 0.05, 0.025, 0.0):
        factor = rng.uniform(-0.25, 0.5) if status == "at risk" else rng.uniform(1.1, 1.5)
        if not noise:  # last try: a trend clear enough that rounding cannot flip it
            reach = abs(delta) * (dates[-1] - dates[0]).days / span or 1.0
            factor = 0.0 if status == "at risk" else max(2.0, 3 * 10.0 ** -decimals / reach)
        values = [baseline]
        for day in dates[1:]:
            expected = baseline + factor * delta * (day - dates[0]).days / span
            value = _clamp(expected + rng.gauss(0, noise * abs(delta)), 0, limit)
            values.append(float(round(value, decimals)))
        points = list(zip(dates, values, strict=True))
        if status == "not enough data" or status == progress_status(
                points, dates[0], baseline, target_date, target, target > baseline):
            break
    return values


def progress_status(points: Sequence[tuple[date, float]], baseline_date: date,
                    baseline: float, target_date: date, target: float, higher: bool) -> str:
    """The product's decision rule (``profilerepo.plans.progress``), as of the last measurement."""
    goal = Goal(baseline_date, baseline, target_date, target, higher)
    return assess(goal, points, points[-1][0] if points else baseline_date).name
