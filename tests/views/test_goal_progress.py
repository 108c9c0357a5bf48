"""A goal's progress through HTTP: the responsible staff record measurements, the status
and the chart follow; bad values are refused with a message and nothing saved."""
from __future__ import annotations

import datetime
import html
import xml.etree.ElementTree as ET

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE

GOAL = "/students/s1/plan/goals/goal-1/"
SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date.today()
BASELINE_DATE = TODAY - datetime.timedelta(70)


def add_goal(world, *, responsible=("theo",), active=True) -> None:
    """60 words a minute 70 days ago, 100 by 200 days from now (the aim line rises
    40 / 270 = 0.15 a day); possible values 0 to 250."""
    site = world.site()
    goal = Goal({"title": "Reads 100 words a minute", "area": "academic",
                 "measure": "Fluency probe", "unit": "words a minute",
                 "baseline_value": 60.0, "baseline_date": BASELINE_DATE,
                 "target_value": 100.0, "target_date": TODAY + datetime.timedelta(200),
                 "lowest": 0.0, "highest": 250.0,
                 "schedule": "every two weeks", "responsible": responsible}, by="cora")
    site["students"]["s1"]["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    if active:
        ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    transaction.commit()
    world.close()


def record(app, when: datetime.date | str, value: str, note: str = "", status: int = 303):
    form = app.get(GOAL + "record").forms["document-form"]
    form["date"] = when.isoformat() if isinstance(when, datetime.date) else when
    form["value"], form["note"] = value, note
    return form.submit("save", status=status)


def read_goal(app) -> dict:
    """What the goal page shows: status, reason, the chart's parts and the data table."""
    page = app.get(GOAL)
    soup = BeautifulSoup(page.text, "html.parser")
    svg = ET.fromstring(str(soup.select_one("figure.chart svg")))  # well-formed, or raises
    labelled = [svg.get("aria-labelledby"), svg.get("aria-describedby")]
    ids = {element.get("id"): element for element in svg.iter() if element.get("id")}
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")][:2]
            for row in soup.select("table.data-points tbody tr")]
    return {
        "status": soup.select_one("strong.status").get_text(strip=True),
        "reason": soup.select_one(".goal-status p").get_text(" ", strip=True),
        "svg": svg, "title": ids[labelled[0]].text, "desc": ids[labelled[1]].text,
        "points": [c.find(f"{SVG}title").text for c in svg.iter(f"{SVG}circle")],
        "trend": svg.find(f".//{SVG}line[@class='trend']") is not None,
        "aim": svg.find(f".//{SVG}line[@class='aim']") is not None,
        "target": svg.find(f".//{SVG}path[@class='target']") is not None,
        "rows": rows, "can_record": soup.find("a", string="Record a measurement") is not None,
    }


def day(offset: int) -> datetime.date:
    return BASELINE_DATE + datetime.timedelta(offset)


def plain(when: datetime.date) -> str:
    return f"{when.day} {when:%B %Y}"


def test_measurements_move_the_status_and_the_chart(world, as_role):
    add_goal(world)
    app = as_role("teacher")
    shown = read_goal(app)
    assert shown["status"] == "Not enough data" and "No measurements yet" in shown["reason"]
    assert shown["svg"].get("role") == "img"
    assert shown["title"] == "Progress toward: Reads 100 words a minute"
    assert "Status: not enough data" in shown["desc"]
    assert (shown["points"], shown["rows"], shown["trend"]) == ([], [], False)
    assert shown["aim"] and shown["target"] and shown["can_record"]

    for offset, value in ((0, "60"), (14, "70"), (28, "80")):
        page = record(app, day(offset), value).follow()
    assert "Recorded 80 words a minute on" in page.text
    shown = read_goal(app)
    assert shown["status"] == "On track"
    assert "reaching the target of 100 words a minute" in shown["reason"]
    assert shown["trend"]
    expected = [(plain(day(o)), v) for o, v in ((0, "60"), (14, "70"), (28, "80"))]
    assert shown["rows"] == [[d, v] for d, v in expected]  # the table beside the chart
    assert shown["points"] == [f"{v} words a minute on {d}" for d, v in expected]
    assert "3 measurements, from 60 words a minute on" in shown["desc"]
    assert "Status: on track" in shown["desc"]


def test_flat_measurements_put_the_goal_at_risk_and_say_why(world, as_role):
    add_goal(world)
    app = as_role("teacher")
    for offset in (14, 28, 42, 56):
        record(app, day(offset), "60")
    shown = read_goal(app)
    assert shown["status"] == "At risk"
    assert "last 4 measurements were all below the aim line" in shown["reason"]
    assert "short of the target of 100 words a minute" in shown["reason"]
    assert len(shown["points"]) == 4


@pytest.mark.parametrize(("when", "value", "message"), [
    (day(7), "sixty", "Enter a number, like 45 or 2.5"),
    (day(7), "", "Required"),
    (TODAY + datetime.timedelta(1), "70", "That date is after today ("),
    (BASELINE_DATE - datetime.timedelta(1), "70", "before the goal's starting date"),
    (day(7), "251", "The highest possible value is 250"),
    (day(7), "-3", "The lowest possible value is 0"),
    ("next tuesday", "70", "Enter a date as year-month-day"),
])
def test_a_bad_measurement_is_refused_with_a_message_and_nothing_saved(
        world, as_role, when, value, message):
    add_goal(world)
    app = as_role("teacher")
    page = record(app, when, value, status=400)
    shown = html.unescape(page.text)
    assert message in shown and "Nothing was saved" in shown
    assert "${" not in page.text  # every message with its values filled in
    assert world.site()["students"]["s1"]["plan"].goals["goal-1"].data_points == ()


@pytest.mark.parametrize("role", ["counselor", "administrator", "guardian", "student",
                                  "contributor"])
def test_only_the_responsible_staff_record_measurements(world, as_role, role):
    add_goal(world)
    app = as_role(role)
    # (the contributor reads the goal by the family's grant, but records nothing)
    page = app.get(GOAL + "record", status=403)
    if role in ("counselor", "administrator"):  # they see the goal, not the form
        assert "recorded by the staff responsible for this goal" in page.text
    if role in ("counselor", "administrator"):
        assert not read_goal(app)["can_record"]


def test_a_goal_not_yet_active_takes_no_measurements(world, as_role):
    add_goal(world, responsible=("cora",), active=False)  # (proposed: the team sees it)
    app = as_role("counselor")
    page = app.get(GOAL + "record", status=403)
    assert "only while the goal is active" in page.text
    assert not read_goal(app)["can_record"]


def test_a_goal_without_its_dates_shows_no_chart_and_no_error(world, as_role):
    """(Goals kept from before dates were asked for: the page says why it cannot judge.)"""
    site = world.site()
    goal = Goal({"title": "Joins a club", "responsible": ("theo",)}, by="cora")
    site["students"]["s1"]["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    transaction.commit()
    world.close()
    for role in ("teacher", "guardian", "counselor"):
        app = as_role(role)
        page = app.get(GOAL)
        assert "no starting date or no target date" in page.text
        assert "<svg" not in page.text
        assert app.get("/").status_int == 200 and app.get("/students/s1/plan/").status_int == 200


def test_chart_ids_name_the_student_and_the_goal(world, as_role):
    add_goal(world)
    svg = read_goal(as_role("teacher"))["svg"]
    assert svg.get("aria-labelledby") == "chart-s1-goal-1-title"
    assert svg.get("aria-describedby") == "chart-s1-goal-1-desc"
