"""Asking to see the record (FERPA 99.10), through HTTP: the family asks on its Requests
page, the school has 45 days, the administrators' list counts them down and flags the
overdue, and the family reads where its request stands in plain words."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import csrf_of, login
from tests.family_requests.conftest import S1, made_request


def text(response) -> str:
    return " ".join(BeautifulSoup(response.text, "html.parser").get_text().split())


def row_of(response, student: str) -> str:
    """The administrators' list row of ``student``'s request, as read."""
    soup = BeautifulSoup(response.text, "html.parser")
    rows = [" ".join(tr.get_text().split()) for tr in soup.select("table tbody tr")]
    found = [r for r in rows if r.startswith(student)]
    assert len(found) == 1, rows
    return found[0]


def test_the_family_asks_to_see_the_record_and_reads_when_it_is_due(world):
    app = world.app
    login(app, "gina")
    page = app.get(S1 + "requests/")
    assert "No requests yet." in text(page)
    form = page.click("Ask to see Maya's record").forms["document-form"]
    form["what"] = "Her reading assessments since grade 5"
    form["how"] = "in person"
    made = form.submit("save").follow()
    assert "Your request was sent to the school. It must let you see the record by " \
           "16 October 2026." in text(made)
    shown = text(made)
    assert "Waiting for the school to arrange it" in shown
    assert "by 16 October 2026 (within 45 days of the request): 45 days left" in shown
    assert "Her reading assessments since grade 5" in shown
    assert "In person, at the school" in shown
    listed = text(app.get(S1 + "requests/"))
    assert "Request to see the record, made 1 September 2026" in listed
    assert "Due by 16 October 2026: 45 days left" in listed


def test_days_left_count_down_and_an_overdue_request_is_flagged(world, district_clock):
    url = made_request(world)
    app = world.app
    login(app, "ada")
    assert "Maya Lopez Request to see the record 1 September 2026 16 October 2026: 45 days " \
           "left Waiting for the school to arrange it" == row_of(app.get("/requests"), "Maya")
    district_clock.forward(44)
    assert "1 day left" in row_of(app.get("/requests"), "Maya")
    district_clock.forward(1)
    assert "due today" in row_of(app.get("/requests"), "Maya")
    page = app.get("/requests")
    assert "overdue" not in text(page)
    district_clock.forward(2)
    page = app.get("/requests")
    assert "2 days overdue" in row_of(page, "Maya")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one("tbody strong.status.at-risk").get_text() == "2 days overdue"
    assert "1 overdue" in text(page)
    login(app, "gina")  # the family sees it too, on the request's page
    assert "2 days overdue" in text(app.get(url))


def test_the_school_records_how_the_family_saw_the_record(world, district_clock):
    url = made_request(world)
    app = world.app
    login(app, "ada")
    page = app.get(url)
    form = page.forms["do-inspection-request-arrange"]
    form["comment"] = "Tuesday 8 September at 3:30, in the front office, with Ms. Ruiz."
    page = form.submit().follow()
    assert "Arranged: the school said when and how" in text(page)
    district_clock.forward(7)
    form = page.forms["do-inspection-request-fulfil"]
    form["comment"] = "Mrs. Example read the whole record in person and took copies."
    form.submit().follow()
    assert "No requests are waiting for the school." in text(app.get("/requests"))
    login(app, "gina")
    shown = text(app.get(url))
    assert "Done: the family has seen the record" in shown
    assert "left" not in shown and "overdue" not in shown  # the clock stopped
    assert "Tuesday 8 September at 3:30, in the front office" in shown  # the history says
    assert "took copies" in shown


def test_a_note_is_required_and_what_was_typed_is_kept(world):
    url = made_request(world)
    app = world.app
    login(app, "ada")
    page = app.get(url)
    response = app.post(url + "transition", {
        "csrf_token": csrf_of(page), "transition": "fulfil", "workflow": "inspection-request",
        "comment": "   "}, status=400)
    assert "say what happened in the box" in text(response)
    assert "Waiting for the school to arrange it" in text(response)
    assert "Waiting for the school to arrange it" in text(app.get(url))  # nothing changed


def test_the_family_withdraws_a_request(world):
    url = made_request(world)
    app = world.app
    login(app, "gina")
    form = app.get(url).forms["do-inspection-request-withdraw"]
    form["comment"] = "We saw it at the plan meeting."
    page = form.submit().follow()
    assert "Withdrawn by the family" in text(page)
    login(app, "ada")
    assert "No requests are waiting for the school." in text(app.get("/requests"))


def test_the_list_is_the_administrators_own(world):
    made_request(world)
    made_request(world, by="sam", student_id="s3")  # (Iris, at South: not Ada's school)
    app = world.app
    login(app, "ada")
    page = app.get("/requests")
    assert "Maya Lopez" in text(page) and "Iris Chen" not in text(page)
    for login_name in ("cora", "gina", "theo"):
        login(app, login_name)
        app.get("/requests", status=403)
