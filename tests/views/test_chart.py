"""The chart's drawing on its own: well-formed for any goal, however odd its numbers."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest

from profilerepo import progress
from profilerepo.views.chart import goal_chart

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
