"""Following a review cycle (issue 14, point 9): who is behind, by person and role, with a
link to each unfinished item; no page-wide refresh; plans' review dates move with an
annual review; closing asks first."""
from __future__ import annotations

import datetime

from bs4 import BeautifulSoup

from profilerepo.content.cycles import PLAN_REVIEW, PROGRESS_REPORTS, start_cycle
from tests.views.test_review_cycles import (  # noqa: F401 (the fixture)
    STUDENTS,
    district,
    open_cycle,
    signed_in,
    text,
    the_site,
)

TODAY = datetime.date.today()
DUE = TODAY + datetime.timedelta(days=20)


def test_an_annual_review_moves_each_plans_review_date_and_names_who_is_behind(district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    page = open_cycle(app, registry, kind=PLAN_REVIEW, scope="_district", due=DUE).follow()
    page = app.get(page.request.url)
    assert 'http-equiv="refresh"' not in page.text
    soup = BeautifulSoup(page.text, "html.parser")
    behind = soup.find("h2", string="Not finished yet, by person").find_parent("section")
    rows = behind.tbody.find_all("tr")
    assert {row.find_all("td")[0].get_text() for row in rows} == {"Counselor"}
    assert sum(int(row.find_all("td")[1].get_text()) for row in rows) == STUDENTS
    links = [a["href"] for a in behind.select("td details a")]
    assert len(links) == STUDENTS and all(h.endswith("/plan/") for h in links)
    plan = app.get(links[0])
    assert f"Annual review due {DUE:%-d %B %Y}." in text(plan)
    conn, site = the_site(registry)
    counselor = site["principals"].get_user(logins["counselor"])
    student_id = counselor.assignments["counselor"][0]
    assert site["students"][student_id]["plan"].review_due == DUE
    conn.close()
    signed_in(app, logins["counselor"])
    assert f"{DUE:%-d %B %Y}" in text(app.get("/?sort=review"))  # the caseload agrees


def test_progress_reports_list_teachers_and_counselors_behind(district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    page = open_cycle(app, registry, kind=PROGRESS_REPORTS, scope="_district", due=DUE,
                      period="Marking period 2").follow()
    soup = BeautifulSoup(app.get(page.request.url).text, "html.parser")
    behind = soup.find("h2", string="Not finished yet, by person").find_parent("section")
    rows = behind.tbody.find_all("tr")
    assert {row.find_all("td")[0].get_text() for row in rows} == {"Counselor"}
    # each report is counted once, against the counselor who signs it
    assert sum(int(row.find_all("td")[1].get_text()) for row in rows) == STUDENTS


def test_an_opening_cycle_follows_along_without_reloading(district):  # noqa: F811
    app, registry, logins = district
    conn, site = the_site(registry)
    cycle = start_cycle(site, PLAN_REVIEW, "", DUE, by=logins["district administrator"])
    name = cycle.__name__
    conn.transaction_manager.commit()
    conn.close()
    signed_in(app, logins["district administrator"])
    page = app.get(f"/cycles/{name}/")
    assert 'http-equiv="refresh"' not in page.text
    assert "cycle-progress.js" in page.text
    assert f"0 of {STUDENTS} students opened." in text(page)
    assert app.get(f"/cycles/{name}/progress").json == {
        "opened": 0, "total": STUDENTS, "opening": True}


def test_closing_a_cycle_asks_first_and_cancel_changes_nothing(district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    page = open_cycle(app, registry, kind=PLAN_REVIEW, scope="_district", due=DUE).follow()
    cycle_url = page.request.url
    asked = app.get(cycle_url).click(href=r"/close$")
    assert "Close Annual plan review?" in text(asked)
    assert f"{STUDENTS} of {STUDENTS} plans are unfinished now." in text(asked)
    assert asked.html.find("a", string="Cancel")["href"] == cycle_url
    assert "Close the cycle" in text(app.get(cycle_url))  # still open
    closed = asked.forms["confirm"].submit().follow()
    assert "Closed." in text(closed)
    again = app.get(cycle_url + "close", status=409)
    assert "Only an open cycle can be closed" in text(again)
