"""Absurd numbers and dates: refused at entry with a message naming the field and the
range allowed; and any already stored (from before the bounds, or by other means) never
break a page: the goal page, its chart, the family's and the staff's home pages."""
from __future__ import annotations

import datetime
import math

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE

TODAY = datetime.date.today()
START = TODAY - datetime.timedelta(70)
GOALS = "/students/s1/plan/goals/"
HUGE = 1.7e308


def goal_values(**changes) -> dict:
    return {"title": "Reads 100 words a minute", "area": "academic",
            "measure": "Fluency probe", "unit": "words a minute",
            "baseline_value": 60.0, "baseline_date": START,
            "target_value": 100.0, "target_date": TODAY + datetime.timedelta(200),
            "schedule": "every two weeks", "responsible": ("theo",), **changes}


def store_goal(world, values: dict, points: list[tuple[datetime.date, float]]) -> None:
    """An active goal written straight into the database, past every form's checks."""
    site = world.site()
    goal = Goal(values, by="cora")
    site["students"]["s1"]["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    goal.data_points = tuple({"date": when, "value": value, "by": "theo", "note": ""}
                             for when, value in points)
    transaction.commit()
    world.close()


def problems(page) -> list[str]:
    """The form's list of what to fix, one line per field: 'Field: message' (the summary
    names and links to the field; the field says what is wrong)."""
    soup = BeautifulSoup(page.text, "html.parser")
    found = []
    for link in soup.select(".error-summary li a"):
        message = soup.find(id="error-" + link["href"].lstrip("#"))
        found.append(" ".join(f"{link.get_text(' ', strip=True)}: "
                              f"{message.get_text(' ', strip=True)}".split()))
    return found


def stored_goals(world) -> list:
    goals = list(world.site()["students"]["s1"]["plan"].goals.values())
    world.close()
    return goals


def fill_goal(form, **fields) -> None:
    form["title"], form["area"] = "Reads 100 words a minute", "academic"
    form["measure"], form["unit"], form["schedule"] = "probe", "words a minute", "weekly"
    form["baseline_value"] = fields.get("baseline", "60")
    form["target_value"] = fields.get("target", "100")
    form["lowest"], form["highest"] = fields.get("lowest", ""), fields.get("highest", "")
    form.set("date", fields.get("baseline_date", START.isoformat()), index=0)
    form.set("date", fields.get("target_date", TODAY.isoformat()), index=1)


def ten_years_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 10)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 10, day=28)


@pytest.mark.parametrize(("fields", "expected"), [
    ({"target_date": "9999-12-31"},
     [f"Target date: Enter a date from {START:%-d %B %Y} to "
      f"{ten_years_after(START):%-d %B %Y} (a goal runs 10 years at most)"]),
    ({"baseline": "-1.7e308", "target": "1.7e308"},
     ["Baseline (present level): The lowest possible value is -1,000,000",
      "Target: The highest possible value is 1,000,000"]),
    ({"lowest": "-1e300", "highest": "1e300"},
     ["Lowest possible value: The lowest possible value is -1,000,000",
      "Highest possible value: The highest possible value is 1,000,000"]),
])
def test_a_goal_with_absurd_values_is_refused_naming_the_field_and_range(
        world, as_role, fields, expected):
    app = as_role("counselor")
    form = app.get(GOALS + "add").forms["document-form"]
    fill_goal(form, **fields)
    page = form.submit("save", status=400)
    assert problems(page) == expected
    assert "Nothing was saved" in page.text
    assert stored_goals(world) == []


def test_a_measurement_beyond_any_measure_is_refused_and_nothing_saved(world, as_role):
    store_goal(world, goal_values(), [])
    app = as_role("teacher")
    form = app.get(GOALS + "goal-1/record").forms["document-form"]
    form["date"], form["value"] = TODAY.isoformat(), "1.7e308"
    page = form.submit("save", status=400)
    assert problems(page) == ["Value: The highest possible value is 1,000,000, "
                              "in words a minute"]
    assert stored_goals(world)[0].data_points == ()


NOT_A_NUMBER = float("nan")
FAR = datetime.date(9999, 12, 31)
STORED = {
    "target date in the year 9999": (
        goal_values(target_date=FAR), [(START + datetime.timedelta(d), 70.0)
                                       for d in (7, 21, 35)]),
    "baseline and target at the ends of the floats": (
        goal_values(baseline_value=-HUGE, target_value=HUGE),
        [(START + datetime.timedelta(d), 70.0) for d in (7, 21, 35)]),
    "three measurements of 1.7e308": (
        goal_values(), [(START + datetime.timedelta(d), HUGE) for d in (7, 21, 35)]),
    "measurements that are not numbers": (
        goal_values(), [(START + datetime.timedelta(7), NOT_A_NUMBER),
                        (START + datetime.timedelta(21), math.inf),
                        (START + datetime.timedelta(35), -math.inf)]),
    "a baseline that is not a number": (
        goal_values(baseline_value=NOT_A_NUMBER, target_value=math.inf),
        [(START + datetime.timedelta(d), 70.0) for d in (7, 21, 35)]),
    "measurements dated in the year 9999": (
        goal_values(), [(FAR, 70.0), (FAR, 80.0), (FAR, 90.0)]),
    "dates at the ends of the calendar": (
        goal_values(baseline_date=datetime.date(1, 1, 1), target_date=FAR),
        [(datetime.date(1, 1, 1), 70.0), (datetime.date(5000, 6, 1), 80.0), (FAR, 90.0)]),
}


@pytest.mark.parametrize("case", list(STORED))
def test_stored_extreme_values_never_break_a_page(world, as_role, case):
    values, points = STORED[case]
    store_goal(world, values, points)
    for role in ("teacher", "guardian"):
        page = as_role(role).get(GOALS + "goal-1/")
        soup = BeautifulSoup(page.text, "html.parser")
        status = soup.select_one(".goal-status p").get_text(" ", strip=True)
        # (families read the status in their own words)
        said = "Too early to tell" if role == "guardian" else "Not enough data"
        assert status.startswith(said), (role, status)
        assert "usable" in status
        assert not {"nan", "inf", "e+308"} & set(status.replace(",", " ").split())
    assert "Not enough data" in as_role("teacher").get("/").text  # the goals I measure
    family = BeautifulSoup(as_role("guardian").get("/").text, "html.parser")
    assert family.select_one("section.child div.goal") is not None
    assert "at risk" in as_role("counselor").get("/").text.lower()  # the caseload table
    as_role("counselor").get("/students/s1/plan/")


def test_the_chart_leaves_out_unusable_measurements_and_says_so(world, as_role):
    store_goal(world, goal_values(), [(START + datetime.timedelta(7), 64.0),
                                      (START + datetime.timedelta(21), HUGE),
                                      (START + datetime.timedelta(35), 70.0)])
    page = BeautifulSoup(as_role("guardian").get(GOALS + "goal-1/").text, "html.parser")
    svg = page.select_one("figure.chart svg")
    assert len(svg.select("circle.point")) == 2
    description = svg.find("desc").get_text()
    assert "1 measurement could not be drawn" in description
