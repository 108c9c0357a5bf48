"""Forms: bad input is shown again with a message by each bad field and nothing saved;
good input is saved and shown, and uploads are checked, kept and downloadable."""
from __future__ import annotations

import datetime
from email.message import Message

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup
from ZODB.blob import Blob

from profilerepo.app import database
from profilerepo.plans.goals import Goal
from tests.conftest import ROLE_USERS, csrf_of, file_uri, login, make_app, populated

S1 = "/students/s1/"
ACCEPTED_KINDS = "Upload one of: PDF, PNG image, JPEG image, GIF image, plain text."
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"

# A goal that is fine as it is; bad cases change one or two of its fields.
GOAL = {
    "title": "Reads 120 words a minute by June", "area": "academic",
    "measure": "Oral reading fluency probe", "unit": "words a minute",
    "baseline_value": "80", ("date", 0): "2024-09-10",
    "target_value": "120", ("date", 1): "2025-06-10", "schedule": "every two weeks",
}


def fill(form: webtest.forms.Form, values: dict) -> None:
    """Set fields by name, or by (name, index) where several share a name (dates)."""
    for key, value in values.items():
        name, index = key if isinstance(key, tuple) else (key, None)
        form.set(name, value, index=index)


def tick(form: webtest.forms.Form, name: str, value: str) -> None:
    """Tick the checkbox called ``name`` that stands for ``value``."""
    inputs = BeautifulSoup(form.text, "html.parser").select(f'input[name="{name}"]')
    form.set(name, True, index=[box.get("value") for box in inputs].index(value))


def field_errors(page) -> dict[str, str]:
    """The message shown by each bad field of a re-shown form, by field name."""
    soup = BeautifulSoup(page.text, "html.parser")
    errors = {}
    for message in soup.select(".invalid-feedback"):
        item = message.find_parent(
            lambda tag: any(c.startswith("item-") for c in tag.get("class", ())))
        name = next(c[len("item-"):] for c in item["class"] if c.startswith("item-"))
        errors[name] = message.get_text(" ", strip=True)
    return errors


def visible_text(page) -> str:
    """The page's text as a reader sees it: no tags, spaces collapsed."""
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def main_content(app, url: str) -> str:
    """What a page shows in its main area (without the per-session header)."""
    return app.get(url).text.split('<main id="main"', 1)[1]


# Bad submissions: who sends them, which form, what they typed, the page the form would
# change, and the message each bad field must show.
BAD_FORMS = {
    "attendance in words": (
        "administrator", S1 + "transcript/edit",
        {"days_enrolled": "many", "days_absent": "3", "tardies": "1"},
        S1 + "transcript/", {"days_enrolled": "Enter a whole number, like 45"}),
    "more days absent than enrolled": (
        "administrator", S1 + "transcript/edit",
        {"days_enrolled": "170", "days_absent": "171", "tardies": "0"},
        S1 + "transcript/", {"days_absent": "More days absent than days enrolled"}),
    "course row left half filled": (
        "administrator", S1 + "transcript/edit",
        {"term": "Fall 2024", "credits": "1",
         "days_enrolled": "180", "days_absent": "0", "tardies": "0"},
        S1 + "transcript/", {"course": "Required", "grade": "Required"}),
    "student who left before enrolling": (
        "administrator", S1 + "edit", {("date", 2): "2019-06-01"},
        S1, {"exit_date": "The exit date is before the entry date"}),
    "student with no given name, born in the future": (
        "administrator", S1 + "edit",
        {"given_name": "", "preferred_name": "Mia", ("date", 0): "2999-01-01"},
        S1, {"given_name": "Required",
             "birth_date": f"That date is after today ({datetime.date.today():%-d %B %Y})"}),
    "goal whose target comes before its baseline": (
        "counselor", S1 + "plan/goals/add",
        {**GOAL, ("date", 1): "2024-01-10"},
        S1 + "plan/", {"target_date": "The target date is before the start"}),
    "goal with words for numbers": (
        "counselor", S1 + "plan/goals/add",
        {**GOAL, "baseline_value": "eighty", "area": ""},
        S1 + "plan/", {"baseline_value": "Enter a number, like 45 or 2.5", "area": "Required"}),
    "portfolio ZIP archive": (
        "student", S1 + "portfolio/add",
        {"title": "My game", "kind": "work",
         "upload": webtest.Upload("game.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 8,
                                  "application/zip")},
        S1 + "portfolio/", {"upload": "This kind of file is not accepted. " + ACCEPTED_KINDS}),
    "portfolio program": (
        "student", S1 + "portfolio/add",
        {"title": "My game", "kind": "work",
         "upload": webtest.Upload("game.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 8,
                                  "application/octet-stream")},
        S1 + "portfolio/", {"upload": "This kind of file is not accepted. " + ACCEPTED_KINDS}),
    "portfolio empty file": (
        "student", S1 + "portfolio/add",
        {"title": "My essay", "kind": "work",
         "upload": webtest.Upload("essay.txt", b"", "text/plain")},
        S1 + "portfolio/", {"upload": "The file is empty."}),
    "portfolio item without a file": (
        "student", S1 + "portfolio/add", {"title": "My essay", "kind": "work"},
        S1 + "portfolio/", {"upload": "Required"}),
}


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """The conftest school, built once for the bad-form cases: each saves nothing (and
    checks so). Pending uploads are kept in the test's own folder."""
    path = tmp_path_factory.mktemp("school")
    wsgi = make_app(file_uri(path), path, **{"profilerepo.upload_dir": str(path / "pending")})
    world = populated(wsgi)
    yield world
    database(wsgi.registry).close()


@pytest.mark.parametrize("case", BAD_FORMS)
def test_a_bad_form_is_shown_again_with_a_message_by_each_bad_field(school, case):
    role, form_url, typed, page_url, messages = BAD_FORMS[case]
    app = school.app
    app.reset()
    login(app, ROLE_USERS[role])
    before = main_content(app, page_url)
    form = app.get(form_url).forms["document-form"]
    fill(form, typed)
    shown = form.submit("save", status=400)
    assert field_errors(shown) == messages
    assert "Some fields need attention" in shown.text
    assert "Nothing was saved." in shown.text
    again = shown.forms["document-form"]
    for name, value in typed.items():
        if isinstance(name, str) and isinstance(value, str):
            assert again[name].value == value, f"the form forgot what was typed in {name}"
    assert main_content(app, page_url) == before


@pytest.fixture
def small_upload_world(tmp_path):
    """The conftest school, on an app that accepts uploads of at most 100 bytes."""
    wsgi = make_app(file_uri(tmp_path), tmp_path, **{
        "profilerepo.max_upload_bytes": "100", "profilerepo.upload_dir": str(tmp_path / "pending"),
    })
    world = populated(wsgi)
    yield world
    world.close()
    database(wsgi.registry).close()


def test_a_file_over_the_size_limit_is_refused_with_the_limit(small_upload_world):
    app = small_upload_world.app
    login(app, "sam")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    fill(form, {"title": "My essay", "kind": "work",
                "upload": webtest.Upload("essay.txt", b"x" * 200, "text/plain")})
    shown = form.submit("save", status=400)
    assert field_errors(shown) == {"upload": "The file is 200 bytes; the limit is 100 bytes."}
    assert "Nothing in the portfolio yet." in app.get(S1 + "portfolio/").text


def test_a_file_within_the_size_limit_is_accepted(small_upload_world):
    app = small_upload_world.app
    login(app, "sam")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    fill(form, {"title": "My haiku", "kind": "work",
                "upload": webtest.Upload("haiku.txt", b"x" * 100, "text/plain")})
    item = form.submit("save").follow()
    assert "Download haiku.txt (text/plain, 100 bytes)" in visible_text(item)


@pytest.mark.parametrize("filename, data, content_type, disposition", [
    ("bridge essay.pdf", PDF, "application/pdf", 'attachment; filename="bridge essay.pdf"'),
    ("robot.png", PNG, "image/png", 'inline; filename="robot.png"'),
    ("poem.txt", b"Rain on the tin roof\n", "text/plain",
     'attachment; filename="poem.txt"'),
])
def test_an_accepted_upload_is_kept_and_downloads_as_uploaded(
        world, as_role, filename, data, content_type, disposition):
    app = as_role("student")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    fill(form, {"title": "Work I made", "kind": "work", "reflection": "I kept trying.",
                "upload": webtest.Upload(filename, data, "application/octet-stream")})
    added = form.submit("save")
    assert added.headers["Location"] == "/students/s1/portfolio/item-1/"
    item = added.follow()
    assert "Portfolio item added." in item.text
    assert "I kept trying." in item.text
    assert f"Download {filename} ({content_type}, {len(data)} bytes)" in visible_text(item)

    download = app.get(S1 + "portfolio/item-1/download")
    assert download.body == data
    assert download.content_type == content_type
    assert download.headers["Content-Disposition"] == disposition
    assert download.headers["X-Content-Type-Options"] == "nosniff"

    stored = world.site()["students"]["s1"]["portfolio"]["item-1"]
    assert isinstance(stored.file, Blob)
    with stored.file.open() as blob:
        assert blob.read() == data


def test_a_file_chosen_on_a_form_shown_again_for_another_field_is_kept(world, as_role):
    """The re-shown form still names the chosen file (so the person does not choose it
    again); saving after fixing the other field must then keep that file."""
    app = as_role("student")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    fill(form, {"kind": "work",
                "upload": webtest.Upload("poem.txt", b"Rain on the tin roof\n", "text/plain")})
    shown = form.submit("save", status=400)
    assert field_errors(shown) == {"title": "Required"}
    assert 'data-filename="poem.txt"' in shown.text
    again = shown.forms["document-form"]
    again["title"] = "Rain poem"
    saved = again.submit("save", status="*")
    assert field_errors(saved) == {}
    assert saved.status_int == 303
    assert app.get(S1 + "portfolio/item-1/download").body == b"Rain on the tin roof\n"


def downloaded_name(response) -> str | None:
    """The file name a browser saves a download under (``filename*`` wins, RFC 6266)."""
    header = Message()
    header["Content-Disposition"] = response.headers["Content-Disposition"]
    return header.get_filename()


def test_a_file_named_in_any_language_downloads_under_its_name(world, as_role):
    app = as_role("student")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    fill(form, {"title": "Mi ensayo", "kind": "work",
                "upload": webtest.Upload("Ensayo de José.txt", b"Hola\n", "text/plain")})
    item = form.submit("save").follow()
    assert "Download Ensayo de José.txt" in visible_text(item)
    assert downloaded_name(app.get(S1 + "portfolio/item-1/download")) == "Ensayo de José.txt"


def test_a_portfolio_item_edit_without_a_new_file_keeps_the_file(world, as_role):
    app = as_role("student")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    fill(form, {"title": "Bridge essay", "kind": "work",
                "upload": webtest.Upload("bridge.pdf", PDF, "application/pdf")})
    form.submit("save")
    form = app.get(S1 + "portfolio/item-1/edit").forms["document-form"]
    form["reflection"] = "I rewrote the ending twice."
    item = form.submit("save").follow()
    assert "I rewrote the ending twice." in item.text
    assert f"Download bridge.pdf (application/pdf, {len(PDF)} bytes)" in visible_text(item)
    assert app.get(S1 + "portfolio/item-1/download").body == PDF


def test_transcript_values_saved_in_the_form_appear_on_the_transcript(world, as_role):
    app = as_role("administrator")
    form = app.get(S1 + "transcript/edit").forms["document-form"]
    fill(form, {"term": "Fall 2024", "course": "Algebra I", "grade": "A-", "credits": "1",
                "days_enrolled": "180", "days_absent": "6", "tardies": "2",
                "programs": "English learner support"})
    page = form.submit("save").follow()
    assert "Saved. This is version 2." in page.text
    assert "Attended 174 of 180 days" in page.text
    assert "(6 absent, 2 times late)" in page.text
    text = visible_text(page)
    assert "Fall 2024 Course Grade or mark Credits Algebra I A- 1" in text
    assert "English learner support" in text
    assert "No assessments recorded yet." in page.text, "the blank spare row is not saved"
    assert "174 of 180 days attended this year" in app.get(S1).text


def test_courses_can_be_saved_before_any_attendance_is_recorded(world, as_role):
    """The transcript shows "No attendance recorded yet." until there is some; entering
    the first term's courses must not demand attendance numbers first."""
    app = as_role("administrator")
    form = app.get(S1 + "transcript/edit").forms["document-form"]
    fill(form, {"term": "Fall 2024", "course": "Algebra I", "grade": "A-"})
    saved = form.submit("save", status="*")
    assert field_errors(saved) == {}
    page = saved.follow()
    assert "Algebra I" in page.text
    assert "No attendance recorded yet." in page.text


def test_the_edit_form_offers_the_saved_rows_and_one_spare_row(world, as_role):
    app = as_role("administrator")
    form = app.get(S1 + "transcript/edit").forms["document-form"]
    fill(form, {"term": "Fall 2024", "course": "Algebra I", "grade": "A-",
                "days_enrolled": "180", "days_absent": "6", "tardies": "2"})
    form.submit("save")
    form = app.get(S1 + "transcript/edit").forms["document-form"]
    assert [f.value for f in form.fields["course"]] == ["Algebra I", ""]
    fill(form, {("term", 1): "Spring 2025", ("course", 1): "Geometry", ("grade", 1): "B+"})
    page = form.submit("save").follow()
    text = visible_text(page)
    assert "Fall 2024 Course Grade or mark Credits Algebra I A-" in text
    assert "Spring 2025 Course Grade or mark Credits Geometry B+" in text


def test_a_goal_added_in_the_form_appears_on_its_page(world, as_role):
    app = as_role("counselor")
    form = app.get(S1 + "plan/goals/add").forms["document-form"]
    fill(form, GOAL)
    tick(form, "checkbox", "cora")
    goal = form.submit("save").follow()
    assert "Goal added." in goal.text
    assert "Goal: Reads 120 words a minute by June" in goal.text
    assert "80 words a minute on 10 September 2024" in goal.text
    assert "120 words a minute by 10 June 2025" in goal.text
    assert "Responsible Cora Example" in visible_text(goal)
    assert "Reads 120 words a minute by June" in app.get(S1 + "plan/").text


def test_a_narrative_written_in_the_form_appears_with_its_author(world, as_role):
    app = as_role("teacher")
    form = app.get(S1 + "narratives/add").forms["document-form"]
    fill(form, {"title": "Fall science", "term": "Fall 2024", "course": "Science",
                "body": "Maya designs careful experiments.\n\nNext: write up her results."})
    narrative = form.submit("save").follow()
    assert "Science, Fall 2024. Written by Theo Example." in narrative.text
    paragraphs = [p.get_text() for p in BeautifulSoup(narrative.text, "html.parser")
                  .select("main p")]
    assert "Maya designs careful experiments." in paragraphs
    assert "Next: write up her results." in paragraphs
    listing = app.get(S1 + "narratives/").text
    assert "Fall science" in listing and "by Theo Example" in listing


def test_student_details_saved_in_the_form_appear_on_the_student_page(world, as_role):
    app = as_role("administrator")
    form = app.get(S1 + "edit").forms["document-form"]
    fill(form, {"preferred_name": "Mia", "grade": "8"})
    page = form.submit("save").follow()
    text = visible_text(page)
    assert "Mia Lopez Grade 8 at North Middle School · goes by Mia" in text


def test_responsible_staff_must_be_offered_on_the_form(world, as_role):
    app = as_role("counselor")
    page = app.get(S1 + "plan/goals/add")
    token = csrf_of(page)
    fields = [("csrf_token", token), ("__formid__", "document-form"),
              ("title", "Reads 120 words a minute"),
              ("area", "academic"), ("measure", "probe"), ("unit", "wpm"),
              ("__start__", "baseline_date:mapping"), ("date", "2024-09-01"),
              ("__end__", "baseline_date:mapping"), ("baseline_value", "80"),
              ("__start__", "target_date:mapping"), ("date", "2025-06-01"),
              ("__end__", "target_date:mapping"), ("target_value", "120"),
              ("schedule", "weekly"), ("__start__", "responsible:sequence"),
              ("checkbox", "cora"), ("checkbox", "gina"), ("__end__", "responsible:sequence"),
              ("save", "save")]
    refused = app.post(S1 + "plan/goals/add", fields, status=400)
    assert "One or more of the choices you made was not acceptable" in refused.text
    assert "Reads 120" not in app.get(S1 + "plan/goals/").text


def test_a_goal_keeps_a_responsible_person_who_left_the_team_when_edited(world, as_role):
    site = world.site()
    site["students"]["s1"]["plan"].goals.add("goal-1", Goal({
        "title": "Reads 120 words a minute", "area": "academic", "measure": "probe",
        "unit": "wpm", "baseline_value": 80.0, "baseline_date": datetime.date(2024, 9, 1),
        "target_value": 120.0, "target_date": datetime.date(2025, 6, 1),
        "schedule": "weekly", "responsible": ("cora", "tess"),  # tess is not on s1's team
    }, by="cora"))
    transaction.commit()
    world.close()
    app = as_role("counselor")
    page = app.get(S1 + "plan/goals/goal-1/edit")
    assert "Tess Other (no longer on the team)" in page.text
    form = page.forms["document-form"]
    form["schedule"] = "every two weeks"
    form.submit("save").follow()
    page = app.get(S1 + "plan/goals/goal-1/").text
    assert "Cora Example, Tess Other" in page
