"""The chart's drawing on its own: well-formed for any goal, however odd its numbers."""
from __future__ import annotations

import datetime
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profilerepo.plans import progress
from profilerepo.plans.chart import (
    NARROWEST,
    WIDTH,
    goal_chart,
    nice_step,
    ticks,
    value_range,
)

START = datetime.date(2026, 9, 1)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("baseline", "target", "values"), [
    (1e16, 1e16 + 2, [1e16, 1e16 + 1, 1e16 + 2]),  # a step too small to add (no endless loop)
    (5.0, 5.0, [5.0, 5.0, 5.0]),  # nothing to rise
    (0.001, 0.002, [0.001, 0.0015]),
    (-40.0, 10.0, [-40.0, -20.0, 0.0]),
    (100.0, 0.0, []),
])
def test_any_goal_draws_a_well_formed_chart_with_its_points(baseline, target, values):
    goal = progress.Goal(START, baseline, START + datetime.timedelta(200), target)
    points = [(START + datetime.timedelta(10 * n), v) for n, v in enumerate(values)]
    status = progress.assess(goal, points, START + datetime.timedelta(30))
    svg = ET.fromstring(goal_chart(goal, points, status, title="A <goal> & more", ident="c"))
    assert svg.find(f"{SVG}title").text == "A <goal> & more"
    assert svg.find(f"{SVG}desc").text.endswith(status.reason)
    assert len(svg.findall(f"{SVG}circle")) == len(values)
    assert len(svg.findall(f".//{SVG}text[@class='tick']")) <= 40


NUMBERS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [1.7e308, -1.7e308, 5e-324, 0.0, 1e100, -1e100, 1e16])
DAYS = st.dates() | st.sampled_from([datetime.date(9999, 12, 31), datetime.date(1, 1, 1)])


@settings(max_examples=150, deadline=None)
@given(baseline=NUMBERS, target=NUMBERS, start=DAYS, end=DAYS,
       points=st.lists(st.tuples(DAYS, NUMBERS), max_size=6))
def test_no_stored_value_breaks_the_rule_or_the_chart(baseline, target, start, end, points):
    goal = progress.Goal(start, baseline, end, target, True, "points")
    status = progress.assess(goal, points, START)  # never raises
    chart = goal_chart(goal, points, status, title="A goal", ident="c")
    if not goal.usable:
        assert chart == ""
        return
    svg = ET.fromstring(chart)  # well-formed
    assert len(svg.findall(f"{SVG}circle")) == len(progress.usable_points(points))
    assert not any(word in chart for word in ("nan", "inf"))


def test_measurements_that_cannot_be_drawn_are_counted_in_the_description():
    goal = progress.Goal(START, 10.0, START + datetime.timedelta(200), 40.0)
    points = [(START, 10.0), (START + datetime.timedelta(7), math.nan),
              (datetime.date(9999, 1, 1), 12.0)]
    status = progress.assess(goal, points, START + datetime.timedelta(30))
    svg = ET.fromstring(goal_chart(goal, points, status, title="A goal", ident="c"))
    assert len(svg.findall(f"{SVG}circle")) == 1
    assert "2 measurements could not be drawn" in svg.find(f"{SVG}desc").text


@pytest.mark.parametrize("values", [
    [5e-324, 0.0], [1e100, 1e100], [1.0, 1.0 + 2e-16], [-1e100, 1e100], [0.0, 0.0],
])
def test_the_value_range_is_never_empty(values):
    low, high, step = value_range(values)
    assert low <= min(values) and high >= max(values) and high > low
    assert 0 < step < math.inf


def test_a_step_for_a_span_too_small_to_divide():
    assert nice_step(5e-324) == 1.0 and nice_step(0.0) == 1.0
    assert nice_step(100) == 20


def axis_of(goal: progress.Goal, points: list) -> tuple[list[float], list]:
    """The value axis's tick values and the trend's segments of the goal's chart."""
    status = progress.assess(goal, points, START + datetime.timedelta(40))
    svg = ET.fromstring(goal_chart(goal, points, status, title="A goal", ident="c"))
    values = [float(t.text) for t in svg.iter(f"{SVG}text")
              if t.get("class") == "tick" and t.get("text-anchor") == "end"]
    return values, svg.findall(f".//{SVG}line[@class='trend']")


def weekly(*values) -> list:
    return [(START + datetime.timedelta(7 * n), float(v)) for n, v in enumerate(values)]


MISSING = progress.Goal(START, 6, datetime.date(2027, 6, 11), 1, False, "missing assignments")


def test_the_axis_of_a_count_stops_at_zero_where_the_trend_would_go_below():
    # the trend (-8/35 a day) would reach -58.8 by the target date; the axis ran to -80
    values, trend = axis_of(MISSING, weekly(6, 4, 3, 1))
    assert min(values) == 0 and max(values) <= 10
    assert trend  # drawn down to 0, then along it
    assert all(float(line.get(end)) <= 16 + 240 for line in trend for end in ("y1", "y2"))


def test_the_axis_of_a_percent_stops_at_100():
    goal = progress.Goal(START, 40, START + datetime.timedelta(200), 80, True,
                         "percent correct")
    values, trend = axis_of(goal, weekly(40, 50, 60, 70))  # trend: 40 + 10/7 a day
    assert max(values) == 100 and min(values) >= 0 and trend


def test_a_goal_s_own_range_bounds_its_axis():
    goal = progress.Goal(START, 6, START + datetime.timedelta(200), 20, True, "rubric points",
                         4, 24)
    values, _ = axis_of(goal, weekly(6, 10, 14, 18))
    assert min(values) >= 4 and max(values) <= 24


def test_a_trend_over_days_is_not_drawn_nor_stretches_the_axis():
    values, trend = axis_of(MISSING, [(START, 6.0), (START + datetime.timedelta(5), 4.0),
                                      (START + datetime.timedelta(9), 3.0)])
    assert trend == [] and min(values) >= 0 and max(values) <= 10


def test_the_value_range_keeps_within_the_possible_range():
    assert value_range([0.0, 6.0, 97.0], (0.0, 100.0)) == (0.0, 100.0, 20.0)
    assert value_range([3.0, 24.0], (0.0, 24.0)) == (0.0, 24.0, 5.0)  # not 25
    assert value_range([-2.0, 30.0], (0.0, 24.0))[:2] == (-2.0, 30.0)  # (data stay in)
    assert value_range([0.0, 0.0], (0.0, math.inf))[:2] == (0.0, 1.0)
    assert value_range([5.0, 5.0], (5.0, 5.0))[:2] == (4.0, 6.0)  # (no empty range)
    assert ticks(4.0, 24.0, 5.0) == [5.0, 10.0, 15.0, 20.0]


def test_the_chart_s_text_is_sized_to_stay_readable_at_its_narrowest():
    """Shown no narrower than NARROWEST px (the stylesheet's floor), its text is 12 px or
    more; no text sets a size of its own (a phone once showed them at 6 to 8 px)."""
    goal = progress.Goal(START, 10.0, START + datetime.timedelta(200), 1200.0, True, "points")
    points = weekly(10, 200, 420)
    svg = ET.fromstring(goal_chart(goal, points, progress.assess(goal, points, START),
                                   title="A goal", ident="c"))
    assert float(svg.get("font-size")) * NARROWEST / WIDTH >= 12
    assert not [t for t in svg.iter(f"{SVG}text") if t.get("font-size") or t.get("style")]
    stylesheet = (Path(__file__).parents[2] / "static" / "profilerepo.css").read_text()
    assert f"min-width: {NARROWEST}px" in stylesheet.split("svg.chart {", 1)[1].split("}")[0]
