"""Review cycles after the testers: a due date already past is refused; who is behind, by
person and role, each unfinished item counted once against the counselor with a link to
it; a closed cycle's reports are no longer due; the page says how many are done of how
many, students by name, with no page-wide refresh; plans' review dates move with an annual
review; closing asks first."""
from __future__ import annotations

import datetime

from bs4 import BeautifulSoup

from profilerepo.content.cycles import PLAN_REVIEW, PROGRESS_REPORTS, start_cycle
from profilerepo.plans.progress import day
from tests.views.test_review_cycles import (  # noqa: F401 (the fixture)
    STUDENTS,
    district,
    open_cycle,
    signed_in,
    text,
    the_site,
    worklist,
)

TODAY = datetime.date.today()
DUE = TODAY + datetime.timedelta(days=20)


def test_a_due_date_already_past_is_refused_and_changes_no_plan(district):  # noqa: F811
    app, registry, logins = district
    conn, site = the_site(registry)
    before = {sid: s["plan"].review_due for sid, s in site["students"].items()}
    conn.close()
    signed_in(app, logins["district administrator"])
    yesterday = TODAY - datetime.timedelta(days=1)
    refused = open_cycle(app, registry, kind=PLAN_REVIEW, scope="_district",
                         due=yesterday, status=400)
    assert (f"The due date {day(yesterday)} has already passed; choose today "
            f"({day(TODAY)}) or a later date") in text(refused)
    assert "No review cycles yet" in text(app.get("/cycles/"))
    conn, site = the_site(registry)
    assert {sid: s["plan"].review_due for sid, s in site["students"].items()} == before
    conn.close()


def test_the_review_comment_writes_its_date_as_pages_do(district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    open_cycle(app, registry, kind=PLAN_REVIEW, scope="_district", due=DUE)
    conn, site = the_site(registry)
    student_id = site["principals"].get_user(logins["counselor"]).assignments["counselor"][0]
    conn.close()
    signed_in(app, logins["counselor"])
    page = text(app.get(f"/students/{student_id}/plan/"))
    assert f"Annual plan review, due {day(DUE)}." in page
    assert f"{DUE:%B %-d, %Y}" not in page


def behind_rows(app, url: str) -> dict[str, list[str]]:
    """Person -> the students named in their list, as the cycle page shows them."""
    soup = BeautifulSoup(app.get(url).text, "html.parser")
    section = soup.find("h2", id="behind-heading").find_parent("section")
    return {row.th.get_text(strip=True): [a.get_text().split(":")[0]
                                          for a in row.select("td details a")]
            for row in section.tbody.find_all("tr")}


def test_progress_reports_behind_count_each_report_once_against_its_counselor(
        district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    page = open_cycle(app, registry, kind=PROGRESS_REPORTS, scope="_district", due=DUE,
                      period="Marking period 2").follow()
    conn, site = the_site(registry)
    cycle = site["cycles"]["cycle-1"]
    covered = len(cycle.items)
    counselors = {}
    for student_id in cycle.items.values():
        holder = site["students"][student_id].holders("counselor")[0].split(":", 1)[1]
        name = site["principals"].get_user(holder).title
        counselors[name] = counselors.get(name, 0) + 1
    conn.close()
    rows = behind_rows(app, page.request.url)
    assert {name: len(students) for name, students in rows.items()} == counselors
    assert sum(len(students) for students in rows.values()) == covered
    for students in rows.values():  # each list by student name
        assert students == sorted(students, key=lambda n: (n.split()[-1], n))


def test_the_cycle_page_says_how_many_are_done_of_how_many(district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    page = open_cycle(app, registry, kind=PLAN_REVIEW, scope="_district", due=DUE).follow()
    words = text(app.get(page.request.url))
    assert f"0 of {STUDENTS} plans done (0%)" in words
    assert "complete:" not in words and "covered" not in words


def test_closing_a_cycle_ends_its_reports_due_on_worklists_and_home(district):  # noqa: F811
    app, registry, logins = district
    signed_in(app, logins["district administrator"])
    page = open_cycle(app, registry, kind=PROGRESS_REPORTS, scope="_district", due=DUE,
                      period="Marking period 2").follow()
    signed_in(app, logins["counselor"])
    assert worklist(app, "Progress reports due")
    assert "Progress reports due (" in text(app.get("/"))

    signed_in(app, logins["district administrator"])
    closed = app.get(page.request.url).click(href=r"/close$").forms["confirm"].submit()
    closed = closed.follow()
    table = BeautifulSoup(closed.text, "html.parser").find(
        "h2", id="unfinished-heading").find_parent("section").find("tbody")
    names = [row.th.get_text() for row in table.find_all("tr")]
    assert len(names) == STUDENTS
    conn, site = the_site(registry)
    by_name = {s.title: s.sort_key for s in site["students"].values()}
    conn.close()
    assert names == sorted(names, key=by_name.get)  # the unfinished, by student name

    signed_in(app, logins["counselor"])
    assert worklist(app, "Progress reports due") == []
    assert "Progress reports due" not in text(app.get("/"))


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
