"""The administrator's upload page: the file checked and imported on a page that follows
along, a match by name and birth date confirmed first, a refusal that says why and keeps
nothing; the page is the administrators' alone."""
from __future__ import annotations

import time

import pytest
import transaction
import webtest

from profilerepo.credentials import get_issuer
from tests.portability.backpacks import changed, district, exported, flip_byte, trusting
from tests.portability.test_export import build_full_record


@pytest.fixture
def backpack(world, tmp_path) -> bytes:
    """Maya's record as North Valley sends it, and this district trusting North Valley."""
    sender = district(tmp_path / "north-keys", "https://north.example", "North Valley District")
    registry = world.wsgi.registry
    registry.credential_trust = trusting(get_issuer(registry), sender)
    build_full_record(world.site())
    transaction.commit()
    data = exported(world.site()["students"]["s1"], sender)
    transaction.abort()
    world.close()
    return data


def upload(app, data: bytes, school: str = "north"):
    form = app.get("/import-backpack").forms["document-form"]
    form["upload"] = webtest.Upload("Maya-Lopez-backpack.zip", data, "application/zip")
    form["school"] = school
    return form.submit("save", status=303).follow()


def settled(app, page, seconds: float = 20.0):
    """The job's page once it stopped working (it reloads itself until then)."""
    deadline = time.monotonic() + seconds
    while 'http-equiv="refresh"' in page.text and time.monotonic() < deadline:
        time.sleep(0.05)
        page = app.get(page.request.url)
    assert 'http-equiv="refresh"' not in page.text, "the import did not finish"
    return page


def student_count(world) -> int:
    count = len(world.site()["students"])
    world.close()
    return count


def test_the_administrators_home_links_to_the_upload(as_role):
    home = as_role("administrator").get("/")
    assert "/import-backpack" in home.text


def test_an_upload_is_checked_confirmed_and_imported(world, backpack, as_role):
    app = as_role("administrator")
    page = settled(app, upload(app, backpack))
    assert "Is this a student you already have?" in page.text
    assert "Yes: add it to Maya Lopez's record (North Middle School)" in page.text
    assert student_count(world) == 3  # (nothing kept until the answer)
    new = next(f for f in page.forms.values()
               if f.fields.get("student") and f["student"].value == "")
    done = settled(app, new.submit(status=303).follow())
    assert "Imported" in done.text
    assert "Maya Lopez (new student): " in done.text and "documents added" in done.text
    assert "Fall science" in done.text
    assert student_count(world) == 4
    narrative = done.click("Fall science")
    assert "From North Middle School, North Valley District, signed" in narrative.text


def test_a_tampered_upload_is_refused_with_the_reason(world, backpack, as_role):
    app = as_role("administrator")
    bad = changed(backpack, "documents/narratives/narrative-1.json", flip_byte)
    page = settled(app, upload(app, bad))
    assert "The backpack was refused" in page.text
    assert "documents/narratives/narrative-1.json was changed after it was signed." \
        in page.text
    assert "Nothing of it was kept" in page.text
    assert student_count(world) == 3


def test_something_that_is_not_a_backpack_is_refused(world, backpack, as_role):
    app = as_role("administrator")
    page = settled(app, upload(app, b"just some text, not a zip"))
    assert "This is not a backpack file (not a ZIP file)." in page.text


def test_a_school_is_chosen_from_the_administrators_own(world, backpack, as_role):
    app = as_role("administrator")
    form = app.get("/import-backpack").forms["document-form"]
    assert [value for value, _, _ in form["school"].options] == ["", "north"]


@pytest.mark.parametrize("role", ["teacher", "counselor", "guardian"])
def test_only_administrators_import(world, as_role, role):
    app = as_role(role)
    assert app.get("/import-backpack", status=403)
    assert app.get("/import-backpack-job?id=nothing", status=403)


def test_another_persons_job_is_not_found(world, backpack, as_role):
    app = as_role("administrator")
    page = settled(app, upload(app, backpack))
    assert app.get(page.request.url.replace("id=", "id=x"), status=404)


@pytest.fixture
def into_maya(world, backpack):
    """The backpack imported into Maya's own record (s1), whose team the tests log in as."""
    import io

    from profilerepo.credentials import get_trust
    from profilerepo.portability.importing import import_file

    import_file(world.site(), io.BytesIO(backpack), get_trust(world.wsgi.registry), "ada",
                student_id="s1")
    transaction.commit()
    world.close()


def test_what_arrived_is_listed_on_the_students_page(into_maya, as_role):
    page = as_role("counselor").get("/students/s1/")
    drafts = page.click("From the last school, to adopt")
    assert "From North Middle School, North Valley District, signed" in drafts.text
    assert page.click("Transcripts from earlier schools").click("Transcript").status_int == 200


def test_the_counselor_adopts_the_plan_from_the_last_school(world, into_maya, as_role):
    app = as_role("counselor")
    draft = app.get("/students/s1/transfer-drafts/plan/")
    assert "Comparable services until the team adopts or replaces this plan" in draft.text
    form = next(f for f in draft.forms.values() if f.action.endswith("/adopt"))
    assert form.submit().status_int == 303
    own = app.get("/students/s1/plan/")
    assert "Adopted: the plan from the last school is now this school's own." in own.text
    assert "Extra time on tests" in own.text
    again = app.get("/students/s1/transfer-drafts/plan/")
    assert "Comparable services" not in again.text
    assert not [f for f in again.forms.values() if f.action.endswith("/adopt")]


def test_a_teacher_is_not_offered_the_adoption(world, into_maya, as_role):
    app = as_role("teacher")
    draft = app.get("/students/s1/transfer-drafts/plan/", expect_errors=True)
    if draft.status_int == 200:
        assert "Adopt this plan" not in draft.text
    token = app.get("/").forms  # (any page's CSRF token)
    csrf = next(f for f in token.values() if "csrf_token" in f.fields)["csrf_token"].value
    app.post("/students/s1/transfer-drafts/plan/adopt", {"csrf_token": csrf}, status=403)


def test_the_job_page_follows_the_job_without_reloading(world, backpack, as_role):
    app = as_role("administrator")
    page = settled(app, upload(app, backpack))
    token = page.request.url.split("id=")[1]
    progress = app.get(f"/import-backpack-progress?id={token}").json
    assert progress["running"] is False
    assert progress["done"] == progress["total"] > 0
    assert progress["said"] == "The file checked out: one question before anything is kept."
    as_role("teacher").get(f"/import-backpack-progress?id={token}", status=403)


def test_every_imported_documents_page_opens_and_says_where_it_came_from(world, backpack,
                                                                         as_role):
    import io

    from profilerepo.credentials import get_trust
    from profilerepo.portability.importing import import_file
    from tests.portability.backpacks import entries

    result = import_file(world.site(), io.BytesIO(backpack), get_trust(world.wsgi.registry),
                         "ada", school="north", confirmed=True)
    student_id, added = result.student.__name__, result.added
    transaction.commit()
    world.close()
    assert len(added) == len([n for n in entries(backpack) if n.startswith("documents/")])
    app = as_role("administrator")
    for _, _, path in added:
        page = app.get(f"/students/{student_id}/{path}/")
        assert "From North Middle School, North Valley District, signed" in page.text, path
