"""Breadcrumbs lead somewhere: every step of the trail opens a page; a folder with no page
of its own (a plan's progress reports) is left out rather than linked to a 404."""
from __future__ import annotations

import pytest
import transaction

from profilerepo.plans.reports import ProgressReport
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE

S1 = "/students/s1/"
REPORT = S1 + "plan/reports/report-1/"


@pytest.fixture
def report(world):
    """A progress report on Maya's plan, shared with her family."""
    plan = world.site()["students"]["s1"]["plan"]
    plan.reports.add("report-1", ProgressReport(
        {"period": "Fall", "body": "Maya reads 96 words a minute, up from 80."}, by="cora"))
    enter_workflows(ENGINE, plan.reports["report-1"])
    transaction.commit()
    world.close()
    return REPORT


def crumbs(page) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"])
            for a in page.html.select("nav.breadcrumbs a")]


def test_a_reports_breadcrumbs_lead_to_the_plan_not_to_a_missing_page(world, as_role, report):
    app = as_role("counselor")
    trail = crumbs(app.get(report))
    assert [title for title, _ in trail] == ["Home", "Maya Lopez", "Success plan"]
    assert "Progress reports" not in app.get(report).html.select_one("nav.breadcrumbs").text
    for _, url in trail:
        assert app.get(url, status="*").status_int == 200, url


@pytest.mark.parametrize("path", [
    "plan/goals/add", "plan/edit", "profile/edit", "narratives/add", "portfolio/add",
    "transcript/", "profile/versions", "plan/goals/",
])
def test_every_breadcrumb_opens_a_page(world, as_role, report, path):
    app = as_role("counselor")
    for title, url in crumbs(app.get(S1 + path, status="*")):
        assert app.get(url, status="*").status_int == 200, f"{title} ({url}) on {path}"


def test_a_report_read_by_its_edit_page_still_leads_back_to_the_report(world, as_role, report):
    app = as_role("counselor")
    page = app.get(report + "edit")  # a draft: its counselor edits it
    assert [title for title, _ in crumbs(page)] == [
        "Home", "Maya Lopez", "Success plan", "Progress report: Fall"]
    assert crumbs(page)[-1][1].endswith(report)
