"""What the reviewers found on the import side (issue 17 review): a backpack of this very
district refused, the family's hidden documents left out of their own copy, the refusal
shown on the job's page, a match confirmed with both students side by side, adoption
refused plainly, imported documents taking no workflow step, and the words on the pages."""
from __future__ import annotations

import io
import json

import pytest
import transaction
import webtest

from profilerepo.credentials import get_issuer, get_trust
from profilerepo.portability import format as fmt
from profilerepo.portability.import_views import CHECKING, ImportJob
from profilerepo.portability.importing import import_file
from profilerepo.portability.reading import BackpackRefused
from tests.conftest import ENGINE
from tests.portability.backpacks import district, entries, exported, resigned, trusting
from tests.portability.test_export import build_full_record
from tests.portability.test_import_views import settled, student_count

COUNSELOR = {"actor": "cora", "roles": {"counselor"}}


@pytest.fixture
def north(world, tmp_path):
    """North Valley, another district this one trusts."""
    sender = district(tmp_path / "north-keys", "https://north.example", "North Valley District")
    registry = world.wsgi.registry
    registry.credential_trust = trusting(get_issuer(registry), sender)
    return sender


def backpack_of(world, issuer, audience: str = fmt.SCHOOL, *, built: bool = False) -> bytes:
    """Maya's full record (s1) as ``issuer`` signs it for ``audience`` (``built``: the
    record is there already)."""
    if not built:
        build_full_record(world.site())
        transaction.commit()
    data = exported(world.site()["students"]["s1"], issuer, audience)
    transaction.abort()
    world.close()
    return data


def upload(app, data: bytes, school: str | None = "north"):
    form = app.get("/import-backpack").forms["document-form"]
    form["upload"] = webtest.Upload("backpack.zip", data, "application/zip")
    if school is not None:
        form["school"] = school
    return form.submit("save", status=303).follow()


def import_into(world, data: bytes, **options):
    options.setdefault("school", "north")
    options.setdefault("confirmed", True)
    result = import_file(world.site(), io.BytesIO(data), get_trust(world.wsgi.registry),
                         "ada", **options)
    transaction.commit()
    return result


def steps(page) -> list:
    """The workflow steps a page offers (taken at once, or after a confirmation)."""
    return [f for f in page.forms.values() if f.action.endswith(("/transition", "/confirm"))]


def form_with(page, **fields):
    return next(f for f in page.forms.values()
                if all(f.fields.get(k) and f[k].value == v for k, v in fields.items()))


# F4/S3: a backpack this district signed itself is refused, nothing written

def test_a_backpack_of_this_district_itself_is_refused_on_the_page(world, as_role):
    data = backpack_of(world, get_issuer(world.wsgi.registry))
    app = as_role("administrator")
    page = settled(app, upload(app, data))
    assert "The backpack was refused" in page.text
    assert "This backpack was made by this district" in page.text
    assert "its documents are already in the student's record here" in page.text
    assert student_count(world) == 3
    assert "transfer-drafts" not in world.site()["students"]["s1"]


def test_a_backpack_of_this_district_itself_is_refused_by_the_import(world):
    data = backpack_of(world, get_issuer(world.wsgi.registry))
    with pytest.raises(BackpackRefused, match="made by this district"):
        import_into(world, data, student_id="s1")
    transaction.abort()
    assert "transfer-drafts" not in world.site()["students"]["s1"]


# S1: the family's own copy marks what they hid; an import leaves it out, saying how many

def test_the_familys_copy_marks_what_they_hid_and_only_that(world, north):
    data = backpack_of(world, north, fmt.FAMILY)
    records = {name: json.loads(body) for name, body in entries(data).items()
               if name.startswith("documents/")}
    hidden = sorted(name for name, record in records.items() if record.get("hidden"))
    assert hidden == ["documents/past-plans/2023-2024.json",
                      "documents/past-plans/2023-2024/goals/goal-1.json"]
    school_copy = backpack_of(world, north, built=True)
    assert not [n for n, b in entries(school_copy).items()
                if n.startswith("documents/") and b"hidden" in b]


def test_importing_the_familys_copy_leaves_out_what_they_hid(world, north, as_role):
    data = backpack_of(world, north, fmt.FAMILY)
    result = import_into(world, data)
    student = result.student
    assert "past-plans" not in student
    assert not [p for _, _, p in result.added if p.startswith("past-plans")]
    assert ("2 documents the family hid from new schools were left out."
            in result.summary())
    assert "Old goal" not in result.summary() and "2023" not in result.summary()


# S2: a refusal is on the job's page, which the browser never keeps

def test_a_refusal_is_on_the_job_page_and_the_page_is_never_kept(world, north, as_role):
    app = as_role("administrator")
    page = settled(app, upload(app, b"PK\x03\x04 not really a zip"))
    assert page.headers["Cache-Control"] == "no-store"
    refusal = page.html.find(id="refused-heading").find_parent("section")
    assert "Nothing of it was kept" in refusal.text
    assert len(refusal.find_all("p")[0].text.strip()) > 10  # the reason itself
    token = page.request.url.split("id=")[1]
    said = app.get(f"/import-backpack-progress?id={token}").json["said"]
    assert said and said in page.text


def test_progress_says_what_it_is_doing_before_it_can_count():
    job = ImportJob("t", None, "ada", "", None)
    assert job.stage == CHECKING and job.said == "Opening the file…"
    job.advance(3, 9)
    assert job.said == "3 of 9 parts of the file checked."


# S8: the confirmation shows both students; a new student's school and grade; their team

def test_the_match_step_shows_both_students_and_says_how_it_was_matched(world, north,
                                                                       as_role):
    data = backpack_of(world, north)
    app = as_role("administrator")
    page = settled(app, upload(app, data))
    step = page.html.find(id="confirm-heading").find_parent("section").text
    for said in ("Maya Lopez", "4 March 2013", "North Middle School", "North Valley District",
                 "Grade", "Signed by"):
        assert said in step, said
    assert "born 4 March 2013, grade 7, at North Middle School" in step
    done = settled(app, form_with(page, student="s1").submit(status=303).follow())
    assert "matched by name and birth date, as you confirmed" in done.text
    assert "matched by id" not in done.text


def test_a_new_student_whose_grade_the_school_lacks_is_asked_about_first(world, north,
                                                                         as_role):
    data = backpack_of(world, north)
    contents = json.loads(entries(data)[fmt.CONTENTS])
    contents["student"].update(grade="12", given_name="Kavya", family_name="Ndiaye")
    data = resigned(data, north, **{fmt.CONTENTS: fmt.canonical_json(contents)})
    app = as_role("administrator")
    page = settled(app, upload(app, data))
    assert "Where does the student join?" in page.text
    assert "the school chosen does not have that grade" in page.text
    assert "North Middle School (grades 6–8) - not grade 12" in page.text
    assert student_count(world) == 3  # (nothing kept before the answer)
    done = settled(app, form_with(page, student="").submit(status=303).follow())
    assert "Kavya Ndiaye (new student)" in done.text
    assert "is new here and has no team yet" in done.text
    student_id = done.request.url  # (the team link names the new student)
    team = done.click("Assign Kavya Ndiaye's team")
    assert team.status_int == 200, student_id


def test_the_school_is_chosen_after_the_check_when_left_out(world, north, as_role):
    data = backpack_of(world, north)
    contents = json.loads(entries(data)[fmt.CONTENTS])
    contents["student"].update(given_name="Noor", family_name="Haddad")
    data = resigned(data, north, **{fmt.CONTENTS: fmt.canonical_json(contents)})
    app = as_role("administrator")
    form = app.get("/import-backpack").forms["document-form"]
    assert form["school"].value == ""
    page = settled(app, upload(app, data, school=None))
    assert "Where does the student join?" in page.text
    form = form_with(page, student="")
    form["school"] = "north"
    done = settled(app, form.submit(status=303).follow())
    assert "Noor Haddad (new student)" in done.text


def test_the_upload_page_starts_on_the_file(world, as_role):
    page = as_role("administrator").get("/import-backpack")
    assert page.html.find("input", type="file").get("autofocus") == "autofocus"
    assert page.html.find("select", attrs={"name": "school"}).get("autofocus") is None
    assert "School (for a student new to the district)" in page.text


# F17: the same file again: "Nothing new", and counts in plain words

def test_a_second_import_of_the_same_file_is_headed_nothing_new(world, north, as_role):
    data = backpack_of(world, north)
    import_into(world, data, student_id="s1")
    world.close()
    app = as_role("administrator")
    page = settled(app, upload(app, data))
    heading = page.html.find(id="done-heading").text
    assert heading == "Nothing new"
    assert "Nothing new for Maya Lopez: this backpack was imported before." in page.text


def test_counts_are_said_in_plain_words(world, north):
    result = import_into(world, backpack_of(world, north))
    assert result.files == 1
    assert ", 1 file." in result.summary() and "1 files" not in result.summary()


# S9/S10/F15: adopting the last school's plan

@pytest.fixture
def into_maya(world, north):
    """North Valley's backpack of Maya imported into her record here (s1)."""
    data = backpack_of(world, north)
    import_into(world, data, student_id="s1")
    world.close()


def plan_in_force(world) -> None:
    plan = world.site()["students"]["s1"]["plan"]
    plan.workflow_states = {**plan.workflow_states, "plan-lifecycle": "active"}
    transaction.commit()
    world.close()


def test_no_adoption_is_offered_while_the_schools_own_plan_governs(world, into_maya,
                                                                   as_role):
    plan_in_force(world)
    app = as_role("counselor")
    draft = app.get("/students/s1/transfer-drafts/plan/")
    assert "Comparable services" not in draft.text
    assert "This school's own plan is in force and governs the student's services" \
        in draft.text
    assert not [f for f in draft.forms.values() if f.action.endswith("/adopt")]
    csrf = draft.html.find("input", attrs={"name": "csrf_token"})["value"]
    refused = app.post("/students/s1/transfer-drafts/plan/adopt", {"csrf_token": csrf},
                       status=409)
    assert "Not adopted: The school's own plan is in force" in refused.text
    assert 'class="flash"' not in refused.text
    assert "Adopted:" not in app.get("/students/s1/plan/").text


def test_an_adopted_plan_keeps_this_schools_team_and_names_no_old_provider(world, into_maya,
                                                                          as_role):
    site = world.site()
    own = site["students"]["s1"]["plan"]
    own.record({"team": ({"name": "Cora Example", "role": "Counselor"},)}, "cora")
    draft = site["students"]["s1"]["transfer-drafts"]["plan"]
    assert draft.supports and draft.supports[0]["provider"]
    old_provider = draft.supports[0]["provider"]
    old_goal_author = next(iter(draft.goals.values())).creator
    transaction.commit()
    world.close()
    app = as_role("counselor")
    page = app.get("/students/s1/transfer-drafts/plan/")
    form = next(f for f in page.forms.values() if f.action.endswith("/adopt"))
    form.submit(status=303)
    transaction.abort()
    plan = world.site()["students"]["s1"]["plan"]
    assert plan.team == ({"name": "Cora Example", "role": "Counselor"},)
    assert plan.supports[0]["provider"] == (
        f"To be named here (at North Middle School: {old_provider})")
    adopted_goals = [g for g in plan.goals.values() if getattr(g, "provenance", None)]
    assert adopted_goals and {g.creator for g in adopted_goals} == {old_goal_author}
    assert old_goal_author != "cora"


def test_the_family_reads_the_plan_from_the_last_school_they_read_there(world, into_maya,
                                                                       as_role):
    draft = as_role("guardian").get("/students/s1/transfer-drafts/plan/")
    assert "From North Middle School, North Valley District, signed" in draft.text


# S12 and F5: what arrived takes no workflow step, and says who wrote it and who brought it

def test_an_imported_document_takes_no_workflow_step(world, into_maya, as_role):
    transaction.abort()
    site = world.site()
    narrative = next(n for n in site["students"]["s1"]["narratives"].values()
                     if getattr(n, "imported", False))
    path = f"/students/s1/narratives/{narrative.__name__}/"
    world.close()
    app = as_role("counselor")
    page = app.get(path)
    assert "Make private to the school team" not in page.text
    assert "Send for review" not in page.text
    assert not steps(page)
    csrf = page.html.find("input", attrs={"name": "csrf_token"})["value"]
    refused = app.post(path + "transition", {"csrf_token": csrf, "transition": "retract",
                                              "confirmed": "yes"}, status=403)
    assert "what arrived from another school stays as it was" in refused.text
    transaction.abort()
    narrative = world.site()["students"]["s1"]["narratives"][narrative.__name__]
    assert ENGINE.state_of(narrative).name == "shared"  # (still as it came)


def test_a_draft_to_adopt_takes_no_workflow_step_only_adoption(world, into_maya, as_role):
    """(A step on the signed draft changed it with no history, while its page said it was
    kept as signed: adopting copies it into the school's own profile, which takes steps.)"""
    page = as_role("counselor").get("/students/s1/transfer-drafts/profile/")
    assert not steps(page)
    assert "Adopt this profile" in page.text


def test_an_imported_document_says_who_wrote_it_and_who_brought_it(world, into_maya,
                                                                   as_role):
    transaction.abort()
    name = next(n.__name__ for n in world.site()["students"]["s1"]["narratives"].values()
                if getattr(n, "imported", False))
    world.close()
    narrative = as_role("counselor").get(f"/students/s1/narratives/{name}/")
    assert "Created by Theo Example on 1 March 2025" in narrative.text
    assert "Imported here by Ada Example on" in narrative.text
