"""The home page of each person who follows goals: the counselor's caseload with goals at
risk first, the teacher's goals with measurements due, the family's charts and report."""
from __future__ import annotations

import datetime

import transaction
from bs4 import BeautifulSoup

from profilerepo.plans.goals import Goal
from profilerepo.plans.reports import ProgressReport
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, take

TODAY = datetime.date.today()


def goal(site, student_id: str, name: str, title: str, values: list, *, responsible=("theo",),
         schedule="weekly", step: int = 7) -> None:
    """An active goal from 10 (60 days ago) to 40 (in 100 days), measured ``values`` every
    ``step`` days, the last one ``step`` days ago at the latest."""
    start = TODAY - datetime.timedelta(60)
    item = Goal({"title": title, "area": "academic", "measure": "Probe", "unit": "points",
                 "baseline_value": 10.0, "baseline_date": start, "target_value": 40.0,
                 "target_date": TODAY + datetime.timedelta(100), "schedule": schedule,
                 "responsible": responsible}, by="cora")
    site["students"][student_id]["plan"].goals.add(name, item)
    enter_workflows(ENGINE, item)
    ENGINE.perform(item, "activate", actor="cora", roles={"counselor"})
    item.data_points = tuple({"date": start + datetime.timedelta(step * n), "value": float(v),
                              "by": "theo", "note": ""} for n, v in enumerate(values))


def setup(world) -> None:
    site = world.site()
    goal(site, "s1", "goal-1", "Reads aloud", [10, 16, 22, 28])  # far ahead: on track
    goal(site, "s1", "goal-2", "Asks for help", [10])  # not enough data
    goal(site, "s2", "goal-1", "Arrives on time", [10, 10, 10, 10, 10],
         responsible=("tess",))  # flat: at risk
    site["students"]["s1"]["plan"].review_due = TODAY + datetime.timedelta(10)
    site["students"]["s2"]["plan"].review_due = TODAY + datetime.timedelta(200)
    transaction.commit()
    world.close()


def soup(app) -> BeautifulSoup:
    return BeautifulSoup(app.get("/").text, "html.parser")


def cells(row) -> list[str]:
    return [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("th, td")]


def test_the_counselor_sees_goals_at_risk_first_and_reviews_due(world, as_role):
    setup(world)
    rows = [cells(row) for row in soup(as_role("counselor")).select("table.caseload tbody tr")]
    # Reed before Lopez: an at-risk goal outranks the alphabet
    assert rows == [
        ["Reed, Jonah", "1 at risk : Arrives on time", "0", "0",
         f"{TODAY + datetime.timedelta(200):%-d %B %Y}", "Draft", "8"],
        ["Lopez, Maya", "0", "1", "1",
         f"{TODAY + datetime.timedelta(10):%-d %B %Y} due soon", "Draft", "7"],
    ]


def test_the_teacher_sees_the_goals_they_measure_with_what_is_due(world, as_role):
    setup(world)
    page = soup(as_role("teacher"))
    rows = [cells(row) for row in page.select("table.my-goals tbody tr")]
    last = TODAY - datetime.timedelta(60 - 21)
    # only the goals naming theo (not s2's, which is tess's); next one a week after the last
    assert [row[:4] for row in rows] == [
        ["Lopez, Maya", "Asks for help", "Not enough data",
         f"{TODAY - datetime.timedelta(60):%-d %B %Y}"],
        ["Lopez, Maya", "Reads aloud", "On track", f"{last:%-d %B %Y}"],
    ]
    assert rows[0][4].startswith(f"{TODAY - datetime.timedelta(53):%-d %B %Y} due now")
    assert rows[1][4].startswith(f"{last + datetime.timedelta(7):%-d %B %Y} due now")
    record = page.select("table.my-goals a.record")[0]
    assert record["href"].endswith("/students/s1/plan/goals/goal-2/record")


def test_the_family_sees_charts_and_only_a_shared_report(world, as_role):
    setup(world)
    site = world.site()
    plan = site["students"]["s1"]["plan"]
    report = ProgressReport({"period": "Fall", "body": "Maya is reading more."}, "cora")
    plan.reports.add("report-1", report)
    enter_workflows(ENGINE, report)
    transaction.commit()
    world.close()
    page = soup(as_role("guardian"))
    child = page.select_one("section.child")
    assert child.h3.get_text(strip=True) == "Maya Lopez"
    assert [g.h4.get_text(strip=True) for g in child.select("div.goal")] == [
        "Reads aloud", "Asks for help"]
    assert len(child.select("figure.chart svg[role=img]")) == 2
    assert "No progress report has been shared with you yet." in child.get_text()

    counselor = as_role("counselor")
    url = "/students/s1/plan/reports/report-1/"
    take(counselor, url, "review")
    take(counselor, url, "share")
    child = soup(as_role("guardian")).select_one("section.child")
    assert "Latest progress report: Fall" in " ".join(child.get_text().split())
