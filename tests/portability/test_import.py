"""Importing a verified backpack: every document kept with its provenance and read-only,
files byte for byte, the living documents as drafts to adopt; a refused file, or the same
file twice, writes nothing; a later file adds what is new."""
from __future__ import annotations

import datetime
import io

import pytest
import transaction
from pyramid.authorization import Authenticated, Everyone

from profilerepo.app import database
from profilerepo.content.narratives import Narrative
from profilerepo.portability.imported import (
    COMPARABLE,
    AdoptRefused,
    adopt_draft,
    comparable_services,
    provenance_line,
)
from profilerepo.portability.importing import MatchNeedsConfirmation, import_file
from profilerepo.portability.reading import BackpackRefused
from profilerepo.security.access import document_permits
from profilerepo.security.principals import role_principal
from profilerepo.security.roles import ADD, EDIT, TABLE_ROLES, VIEW
from tests.conftest import ENGINE
from tests.portability.backpacks import (
    changed,
    district,
    entries,
    exported,
    flip_byte,
    resigned,
)
from tests.portability.test_export import PDF, build_full_record, narrative


def imported(world, data: bytes, trust, **options):
    """Verify and import ``data`` as the administrator, committed; the result and the
    site (still open, to look at what was written)."""
    site = world.site()
    options.setdefault("school", "north")
    options.setdefault("confirmed", True)
    result = import_file(site, io.BytesIO(data), trust, "ada", **options)
    transaction.commit()
    return result, site


def state_of(world) -> tuple:
    """What a refused import must leave as it was: the last transaction and the students."""
    transaction.abort()
    db = database(world.wsgi.registry)
    return db.lastTransaction(), len(world.site()["students"])


def test_every_document_arrives_with_its_provenance(world, backpack, trust, sender):
    result, site = imported(world, backpack, trust)
    student = result.student
    assert result.created and student.__name__ != "s1"
    assert (student.given_name, student.family_name) == ("Maya", "Lopez")
    assert student.birth_date == datetime.date(2013, 3, 4)
    documents = [name for name in entries(backpack) if name.startswith("documents/")]
    assert len(result.added) == len(documents)  # every document of the file, once
    assert {kind for kind, _, _ in result.added} >= {
        "Goal", "Learner profile", "Narrative", "Portfolio item", "Success plan",
        "Transcript"}
    for _, _, path in result.added:
        arrived = student
        for name in path.split("/"):
            arrived = arrived[name]
        assert arrived.imported and arrived.provenance["verified"] is True, path
        assert arrived.provenance["district"] == "North Valley District", path
    narrative_here = student["narratives"]["narrative-1"]
    assert narrative_here.body == "Maya asks sharp questions in the lab."
    assert narrative_here.provenance["school"] == "North Middle School"
    assert narrative_here.provenance["district_id"] == sender.did
    assert narrative_here.provenance["authors"] == ["Theo Example"]
    assert narrative_here.workflow_states == {"narrative-review": "shared"}
    day = result.student["narratives"]["narrative-1"].provenance["signed"][:10]
    signed = datetime.date.fromisoformat(day)
    assert provenance_line(narrative_here) == (
        f"From North Middle School, North Valley District, signed "
        f"{signed:%-d %B %Y}, verified. Imported here by Ada Example on "
        f"{signed:%-d %B %Y}.")


def test_files_arrive_byte_for_byte(world, backpack, trust):
    result, _ = imported(world, backpack, trust)
    item = result.student["portfolio"]["item-1"]
    with item.file.open("r") as stored:
        assert stored.read() == PDF
    assert (item.filename, item.content_type, item.size) == (
        "essay.pdf", "application/pdf", len(PDF))
    assert result.files == 1


def test_the_transcript_is_kept_beside_the_new_schools_own(world, backpack, trust):
    result, _ = imported(world, backpack, trust)
    own, earlier = result.student["transcript"], result.student["earlier-transcripts"]
    assert own.courses == ()
    [(name, transcript)] = earlier.items()
    assert name == "north"
    assert [c["course"] for c in transcript.courses] == ["Science 7", "Math 7"]
    [comment] = transcript.family_words.values()
    assert comment.text == "Maya was in hospital in October."
    assert comment.capacity == "Parent or guardian"


def test_the_plan_and_profile_arrive_as_drafts_with_their_goals_and_the_familys_words(
        world, backpack, trust):
    result, _ = imported(world, backpack, trust)
    drafts = result.student["transfer-drafts"]
    plan = drafts["plan"]
    assert plan.accommodations == "Extra time on tests"
    assert plan.workflow_states["plan-lifecycle"] == "draft"
    assert comparable_services(plan) == COMPARABLE
    assert comparable_services(result.student["plan"]) == ""
    goal = plan.goals["goal-1"]
    assert [p["value"] for p in goal.data_points] == [86.0, 93.5]
    assert goal.data_points[0]["by"] == "Cora Example"
    [observation] = goal.family_words.values()
    assert observation.observed == datetime.date(2024, 11, 3)
    [statement] = plan.family_record.statements
    assert statement.text == "We disagree: Maya is anxious, not unwilling."
    assert drafts["profile"].strengths == "Explains math ideas to classmates with patience"


@pytest.mark.parametrize("role", TABLE_ROLES)
@pytest.mark.parametrize("permission", [EDIT, ADD])
def test_nobody_edits_an_imported_document(world, backpack, trust, role, permission):
    result, _ = imported(world, backpack, trust)
    student = result.student
    for document in (student["narratives"]["narrative-1"], student["portfolio"]["item-1"],
                     student["transfer-drafts"]["plan"],
                     student["transfer-drafts"]["plan"].goals["goal-1"],
                     student["earlier-transcripts"]["north"]):
        verdict = document_permits(ENGINE, document, permission,
                                   lambda node: [Everyone, Authenticated, role_principal(role)])
        assert not verdict, (role, permission, document)


def test_the_same_kind_of_document_written_here_stays_editable(world):
    """(The table above is not empty by accident: the school's own transcript is edited
    by its administrators, and its own narrative by its author.)"""
    site = world.site()
    student = site["students"]["s1"]
    own = narrative(student, "narrative-9", "Ours", shared=False)
    assert document_permits(ENGINE, student["transcript"], EDIT,
                            lambda node: [role_principal("administrator")])
    assert document_permits(ENGINE, own, EDIT, lambda node: [
        role_principal("teacher"), role_principal("author")])


def test_an_imported_document_shows_where_it_came_from_and_offers_no_edit(
        world, backpack, trust, as_role):
    result, _ = imported(world, backpack, trust)
    url = f"/students/{result.student.__name__}/narratives/narrative-1/"
    app = as_role("administrator")
    page = app.get(url)
    assert "From North Middle School, North Valley District, signed" in page.text
    assert "verified" in page.text
    assert app.get(url + "edit", expect_errors=True).status_int == 403


def test_a_tampered_file_is_refused_and_nothing_is_written(world, backpack, trust, sender,
                                                          tmp_path):
    stranger = district(tmp_path / "east-keys", "https://east.example", "East District")
    before = state_of(world)
    for bad, message in (
            (changed(backpack, "documents/plan.json", flip_byte),
             "documents/plan.json was changed after it was signed."),
            (backpack[:-200], "The file is cut short (not a complete ZIP)."),
            (resigned(backpack, stranger),
             f"The file is signed by {stranger.did}, which is not a trusted district.")):
        with pytest.raises(BackpackRefused) as refused:
            imported(world, bad, trust)
        assert str(refused.value) == message
        assert state_of(world) == before


def test_a_failure_half_way_leaves_nothing_written(world, backpack, trust, sender):
    """A backpack whose last document is of a kind this district does not keep: the
    documents before it are not left behind."""
    import json

    from profilerepo.portability import format as fmt

    odd = json.loads(entries(backpack)["documents/transcript.json"])
    odd.update(kind="Timetable", path="zz/timetable")
    data = resigned(backpack, sender, **{"documents/zz/timetable.json":
                                         fmt.canonical_json(odd)})
    before = state_of(world)
    with pytest.raises(BackpackRefused, match="kind of document this district does not keep"):
        imported(world, data, trust)
    assert state_of(world) == before


def test_the_same_backpack_twice_changes_nothing(world, backpack, trust):
    first, _ = imported(world, backpack, trust)
    before = state_of(world)
    again, _ = imported(world, backpack, trust)
    assert again.unchanged and again.student.__name__ == first.student.__name__
    assert again.matched_by == "earlier import"
    assert state_of(world) == before
    assert "imported before" in again.summary()


def test_a_later_backpack_adds_what_is_new(world, backpack, trust, sender):
    first, _ = imported(world, backpack, trust)
    site = world.site()
    maya = site["students"]["s1"]
    narrative(maya, "narrative-3", "Spring science", shared=True)
    maya["plan"].goals["goal-1"].record({"target_value": 125.0}, "cora")
    transaction.commit()
    later = exported(world.site()["students"]["s1"], sender)
    transaction.abort()
    result, site = imported(world, later, trust)
    assert result.student.__name__ == first.student.__name__ and not result.created
    assert [title for _, title, _ in result.added] == ["Spring science"]
    assert [path for _, _, path in result.new_versions] == ["transfer-drafts/plan/goals/goal-1"]
    goal = result.student["transfer-drafts"]["plan"].goals["goal-1"]
    assert goal.target_value == 125.0 and goal.version_number == 2
    assert len(goal.family_words) == 1  # (the family's words are not added twice)
    assert len(result.student["narratives"]) == 2


def test_a_student_with_the_same_name_and_birth_date_needs_confirmation(
        world, backpack, trust):
    before = state_of(world)
    with pytest.raises(MatchNeedsConfirmation) as asked:
        imported(world, backpack, trust, confirmed=False)
    assert [s.__name__ for s in asked.value.candidates] == ["s1"]
    assert "Maya Lopez (s1)" in str(asked.value)
    assert state_of(world) == before
    result, _ = imported(world, backpack, trust, confirmed=False, student_id="s1")
    assert result.student.__name__ == "s1" and result.matched_by == "id"
    arrived = [n for n in result.student["narratives"].values()
               if isinstance(n, Narrative) and getattr(n, "imported", False)]
    assert [n.title for n in arrived] == ["Fall science"]
    assert "narrative-1" in result.student["narratives"]  # (Maya's own, left as it was)
    assert not getattr(result.student["narratives"]["narrative-1"], "imported", False)


def test_adopting_the_plan_makes_it_the_schools_own(world, backpack, trust):
    result, site = imported(world, backpack, trust)
    student = site["students"][result.student.__name__]
    own = adopt_draft(student, "plan", "cora")
    assert own is student["plan"]
    assert own.accommodations == "Extra time on tests"
    [goal] = own.goals.values()
    assert goal.title == "Reads 120 words a minute by June"
    assert [p["value"] for p in goal.data_points] == [86.0, 93.5]
    assert not getattr(goal, "imported", False)
    assert document_permits(ENGINE, own, VIEW, lambda node: [role_principal("counselor")])
    assert comparable_services(student["transfer-drafts"]["plan"]) == ""
    with pytest.raises(AdoptRefused, match="adopted already"):
        adopt_draft(student, "plan", "cora")
    adopt_draft(student, "profile", "cora")
    assert student["profile"].strengths == "Explains math ideas to classmates with patience"


def test_past_plans_arrive_with_their_goals_when_the_file_holds_them(world, sender, trust):
    build_full_record(world.site())
    transaction.commit()
    released = exported(world.site()["students"]["s1"], sender, release_hidden=True)
    transaction.abort()
    result, _ = imported(world, released, trust)
    past = result.student["past-plans"]["2023-2024"]
    assert past.accommodations == "A quiet room"
    assert [g.title for g in past.goals.values()] == ["Old goal"]
    assert past.imported and past.goals["goal-1"].imported
    assert provenance_line(past).startswith("From North Middle School, North Valley District")
    assert not result.withheld
    assert "left out" not in result.summary()


def test_a_file_that_left_something_out_says_so_and_not_what(world, backpack, trust):
    result, _ = imported(world, backpack, trust)
    assert result.withheld
    assert result.summary().endswith("The sending school left out something the family "
                                     "chose not to share with new schools.")
    assert "past-plans" not in result.student


def test_people_named_by_login_there_arrive_by_name(world, backpack, trust):
    """(A login means nothing in another district, or someone else: the goal's
    responsible counselor arrives as her name.)"""
    result, site = imported(world, backpack, trust)
    goal = result.student["transfer-drafts"]["plan"].goals["goal-1"]
    assert goal.responsible == ("Cora Example",)
    transaction.abort()
