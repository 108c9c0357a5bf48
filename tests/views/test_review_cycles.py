"""Review cycles over a demo district, through HTTP: opened in batches by a background
job, each counselor's and teacher's part on their worklist, percent complete as work is
done, overdue items by counselor, and closing that lists what was left unfinished."""
from __future__ import annotations

import datetime
import re

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup

from profilerepo.app import ROOT_KEY, database
from profilerepo.console.demo import load_district
from profilerepo.content.cycles import PLAN_REVIEW, start_cycle
from profilerepo.demo.loader import DEMO_PASSWORD
from tests.conftest import file_uri, login, make_app, take

TODAY = datetime.date.today()
STUDENTS = 40


@pytest.fixture
def district(tmp_path):
    """A demo district of 40 students (every plan adopted and shared), committed; yields
    the app, its registry and the site's logins by role."""
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    manager = transaction.TransactionManager()
    conn = database(wsgi.registry).open(manager)
    site = conn.root()[ROOT_KEY]
    load_district(site, manager, STUDENTS, seed=11, progress=False, today=TODAY)
    logins = {role: login for role, login, _name in site.demo_logins}
    conn.close()
    yield webtest.TestApp(wsgi), wsgi.registry, logins
    finish_jobs(wsgi.registry)
    database(wsgi.registry).close()


def finish_jobs(registry) -> None:
    for thread in getattr(registry, "cycle_jobs", {}).values():
        thread.join(timeout=60)
        assert not thread.is_alive(), "the cycle's opening job did not finish"


def signed_in(app, login_name: str):
    assert login(app, login_name, DEMO_PASSWORD).status_int == 303
    return app


def open_cycle(app, registry, *, kind: str, scope: str, due: datetime.date,
               period: str = "", status: int = 303):
    form = app.get("/cycles/add").forms["document-form"]
    form["kind"], form["scope"], form["period"] = kind, scope, period
    form["date"] = due.isoformat()
    response = form.submit("save", status=status)
    if status == 303:
        finish_jobs(registry)
    return response


def text(page) -> str:
    """The main content's words, one space apart (cells and tags separated too)."""
    words = " ".join(BeautifulSoup(page.text, "html.parser").find("main").get_text(" ").split())
    return re.sub(r" ([:,.)])", r"\1", words)


def the_site(registry):
    manager = transaction.TransactionManager()
    conn = database(registry).open(manager)
    return conn, conn.root()[ROOT_KEY]


def worklist(app, title: str) -> list[str]:
    """The links listed under one worklist heading on /worklists."""
    soup = BeautifulSoup(app.get("/worklists").text, "html.parser")
    for section in soup.find_all("section"):
        heading = section.find("h2")
        if heading and heading.get_text().startswith(title):
            return sorted(a["href"] for a in section.find_all("a"))
    raise AssertionError(f"no worklist {title!r}")


def test_an_annual_review_over_the_district_from_opening_to_closing(district):
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    cycle_page = open_cycle(app, registry, kind=PLAN_REVIEW, scope="_district",
                            due=TODAY).follow()
    assert f"is opening for {STUDENTS} students" in text(cycle_page)
    page = text(app.get(cycle_page.request.url))
    assert f"0 of {STUDENTS} plans done (0%)" in page
    assert f"In review {STUDENTS} No" in page

    # Each counselor finds exactly their caseload's plans on their worklist.
    conn, site = the_site(registry)
    counselor = logins["counselor"]
    caseload = site["principals"].get_user(counselor).assignments["counselor"]
    site["cycles"]["cycle-1"].due = TODAY - datetime.timedelta(days=1)  # time passes
    conn.transaction_manager.commit()
    conn.close()
    signed_in(app, counselor)
    assert worklist(app, "Plans in review") == sorted(
        f"http://localhost/students/{sid}/plan/" for sid in caseload)

    # Three reviews finished: 3 of 40 is 7 percent; the rest are overdue, by counselor.
    for sid in caseload[:3]:
        take(app, f"/students/{sid}/plan/", "adopt", workflow="plan-lifecycle")
    assert len(worklist(app, "Plans in review")) == len(caseload) - 3
    signed_in(app, logins["district administrator"])
    page = text(app.get(cycle_page.request.url))
    assert f"3 of {STUDENTS} plans done (7%)" in page
    assert f"In review {STUDENTS - 3} No Active 3 Yes" in page
    overdue = BeautifulSoup(app.get(cycle_page.request.url).text, "html.parser").find(
        "h2", string="Overdue, by person").find_parent("section")
    rows = {row.th.get_text(strip=True): int(row.find_all("td")[1].get_text())
            for row in overdue.tbody.find_all("tr")}
    assert sum(rows.values()) == STUDENTS - 3
    conn, site = the_site(registry)
    assert rows[site["principals"].get_user(counselor).title] == len(caseload) - 3
    conn.close()

    # Closing lists the unfinished plans, and changes none of them.
    asked = app.get(cycle_page.request.url).click(href=r"/close$")
    assert f"{STUDENTS - 3} of {STUDENTS} plans are unfinished now." in text(asked)
    closed = asked.forms["confirm"].submit().follow()
    assert f"Closed. {STUDENTS - 3} of {STUDENTS} plans were left unfinished." in text(closed)
    table = BeautifulSoup(closed.text, "html.parser").find(
        "h2", id="unfinished-heading").find_parent("section").find("tbody")
    assert len(table.find_all("tr")) == STUDENTS - 3
    assert {row.find_all("td")[-1].get_text() for row in table.find_all("tr")} == {
        "In review"}
    signed_in(app, counselor)
    assert len(worklist(app, "Plans in review")) == len(caseload) - 3


def test_progress_reports_for_a_school_reach_the_family_only_once_shared(district):
    app, registry, logins = district
    conn, site = the_site(registry)
    guardian = site["principals"].get_user(logins["guardian"])
    student_id = guardian.assignments["guardian"][0]
    school = site["students"][student_id].school
    school_size = sum(n for _g, n in site["schools"][school].grade_counts())
    teacher = site["principals"].get_user(logins["teacher"])
    teacher_students = {sid for sid in teacher.assignments["teacher"]
                        if site["students"][sid].school == school}
    admin = next(u.login for u in site["principals"].users.values()
                 if f"group:school-administrators:{school}" in u.groups)
    conn.close()

    signed_in(app, admin)
    cycle_page = open_cycle(app, registry, kind="progress-reports", scope=school,
                            due=TODAY + datetime.timedelta(days=14),
                            period="Marking period 2").follow()
    assert f"0 of {school_size} progress reports done (0%)" in text(
        app.get(cycle_page.request.url))
    assert "Overdue" not in text(app.get(cycle_page.request.url))  # not due yet

    # The teacher's part: the reports of their students at this school.
    signed_in(app, teacher.login)
    due = worklist(app, "Progress reports due")
    assert {re.search(r"/students/([^/]+)/", url).group(1) for url in due} == teacher_students

    report = f"/students/{student_id}/plan/reports/report-cycle-1/"
    signed_in(app, logins["guardian"])
    assert app.get(report, status="*").status_int == 404  # (not shared: as if not there)
    signed_in(app, logins["counselor"])
    page = app.get(report)
    assert "Progress report: Marking period 2" in text(page)
    # drafted from the goals' data, in plain words
    assert re.search(r"goal is [\d.]+ .+ by \w+ \d{4}: (on track|at risk|not enough data)",
                     text(page))
    take(app, report, "review")
    take(app, report, "share")
    signed_in(app, logins["guardian"])
    assert "Shared with the family" in text(app.get(report))

    signed_in(app, admin)
    assert f"1 of {school_size} progress reports done ({100 // school_size}%)" in text(
        app.get(cycle_page.request.url))


def test_a_cycle_cut_off_while_opening_goes_on_when_the_server_starts_again(tmp_path):
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    manager = transaction.TransactionManager()
    conn = database(wsgi.registry).open(manager)
    site = conn.root()[ROOT_KEY]
    load_district(site, manager, 12, seed=5, progress=False, today=TODAY)
    admin = site.demo_logins[0][1]
    start_cycle(site, PLAN_REVIEW, "", TODAY, by=admin)  # recorded, never opened
    manager.commit()
    conn.close()
    database(wsgi.registry).close()

    restarted = make_app(file_uri(tmp_path), tmp_path)
    try:
        finish_jobs(restarted.registry)
        app = signed_in(webtest.TestApp(restarted), admin)
        assert "0 of 12 plans done (0%)" in text(app.get("/cycles/cycle-1/"))
    finally:
        database(restarted.registry).close()


def test_a_bad_cycle_form_says_what_is_wrong_and_opens_nothing(district):
    app, registry, logins = district
    signed_in(app, logins["school administrator"])
    school = app.get("/cycles/add").forms["document-form"]["scope"].options[0][0]
    refused = open_cycle(app, registry, kind="progress-reports", scope=school, period="",
                         due=TODAY, status=400)
    page = text(refused)
    assert "Name the marking period the reports are for" in page
    form = app.get("/cycles/add").forms["document-form"]
    assert "_district" not in [value for value, *_ in form["scope"].options], \
        "a school administrator is not offered the whole district"
    assert "No review cycles yet" in text(app.get("/cycles/"))
    signed_in(app, logins["teacher"])
    assert app.get("/cycles/add", status="*").status_int == 403


def test_a_record_that_cannot_be_opened_is_reported_and_the_rest_are_opened(district):
    app, registry, logins = district
    conn, site = the_site(registry)
    broken = next(iter(site["students"].keys()))
    del site["students"][broken]["plan"].goals  # a damaged record: its plan lost its goals
    conn.transaction_manager.commit()
    conn.close()
    signed_in(app, logins["district administrator"])
    open_cycle(app, registry, kind="progress-reports", scope="_district", due=TODAY,
               period="Marking period 1")
    page = text(app.get("/cycles/cycle-1/"))
    assert "Not opened: 1 student" in page and broken in page
    assert f"0 of {STUDENTS - 1} progress reports done" in page
    assert "Close the cycle" in page  # it opened: it can be followed and closed
