"""Review cycles as testers found them: a due date already past is refused, each
unfinished item counts once against the counselor, a closed cycle's reports are no longer
due, and the cycle page says how many are done of how many, students by name."""
from __future__ import annotations

import datetime

from bs4 import BeautifulSoup

from profilerepo.content.cycles import PLAN_REVIEW, PROGRESS_REPORTS
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
