"""Goals and their data: the on-track / at-risk mix and plausible values."""
from __future__ import annotations

import datetime
from collections import Counter

import pytest

from profilerepo.demo import progress
from profilerepo.demo.specs import GoalSpec

PERCENT_UNITS = ("percent", "(%)")


def progress_status(goal: GoalSpec) -> str:
    """The product's rule, computed here independently: OLS trend and aim line."""
    points = [((point.date - goal.baseline_date).days, point.value) for point in goal.data_points]
    if len(points) < 3:
        return "not enough data"
    span = (goal.target_date - goal.baseline_date).days
    rise = goal.target_value - goal.baseline_value
    sign = 1 if goal.higher_is_better else -1

    def aim(day):
        return goal.baseline_value + rise * day / span

    behind = len(points) >= 4 and all(sign * (value - aim(day)) < 0 for day, value in points[-4:])
    n = len(points)
    mean_x = sum(day for day, _ in points) / n
    mean_y = sum(value for _, value in points) / n
    slope = (sum((day - mean_x) * (value - mean_y) for day, value in points)
             / sum((day - mean_x) ** 2 for day, _ in points))
    projected = mean_y + slope * (span - mean_x)
    misses = sign * (projected - goal.target_value) < 0
    return "at risk" if behind or misses else "on track"


def test_goal_mix_matches_progress_monitoring_reality(students):
    goals = [goal for student in students for goal in student.plan.goals]
    mix = Counter(progress_status(goal) for goal in goals)
    assert abs(mix["on track"] / len(goals) - 0.55) < 0.04
    assert abs(mix["at risk"] / len(goals) - 0.25) < 0.04
    assert abs(mix["not enough data"] / len(goals) - 0.20) < 0.04
    falling = [goal for goal in goals if not goal.higher_is_better]
    assert len(falling) > 0.05 * len(goals)
    for goal in falling:
        assert goal.target_value < goal.baseline_value
        if progress_status(goal) == "on track":
            assert goal.data_points[-1].value <= goal.baseline_value


def test_goal_values_are_plausible(students):
    for goal in (goal for student in students for goal in student.plan.goals):
        values = [point.value for point in goal.data_points]
        assert min(values) >= 0 and goal.target_value >= 0
        if any(mark in goal.unit for mark in PERCENT_UNITS):
            assert max(values + [goal.target_value]) <= 100
        assert goal.higher_is_better == (goal.target_value > goal.baseline_value)
        assert goal.title.startswith("By ") and goal.title.endswith(".")


@pytest.mark.parametrize(("values", "higher", "expected"), [
    ((10, 12), True, "not enough data"),
    ((10, 14, 18, 22, 26), True, "on track"),
    ((10, 10, 11, 10, 10), True, "at risk"),
    ((50, 46, 42, 38, 34), False, "on track"),
    ((50, 50, 51, 50, 50), False, "at risk"),
])
def test_decision_rule_compares_the_trend_with_the_aim_line(values, higher, expected):
    start = datetime.date(2026, 9, 1)
    points = [(start + datetime.timedelta(7 * week), value) for week, value in enumerate(values)]
    target, target_date = (40 if higher else 20), start + datetime.timedelta(100)
    status = progress.progress_status(points, start, values[0], target_date, target, higher)
    assert status == expected
