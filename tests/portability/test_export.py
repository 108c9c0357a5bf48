"""The backpack export: a full record written as one signed ZIP, for a new school and for
the family, read back with nothing but zipfile, json and the credentials' verifier."""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile

import pytest
import transaction
from ZODB.blob import Blob

from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.content.profile import add_reflection
from profilerepo.credentials import issuer_from_settings, proofs
from profilerepo.family.hiding import hide
from profilerepo.family.words import AS_GUARDIAN, add_words
from profilerepo.family_requests.model import AmendmentRequest, add_request
from profilerepo.family_requests.statements import write_statement
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import PastPlans, Plan
from profilerepo.plans.report_replies import ask
from profilerepo.plans.reports import ProgressReport
from profilerepo.plans.services import log_session
from profilerepo.portability import format as fmt
from profilerepo.portability.export import export_backpack
from tests.conftest import ENGINE, READING_GOAL

PDF = b"%PDF-1.4\n% Maya's essay on tide pools\n" + bytes(range(256)) * 40
WHEN = datetime.datetime(2025, 3, 1, 15, 30, tzinfo=datetime.UTC)
COUNSELOR = {"actor": "cora", "roles": {"counselor"}}
SUPPORT = {"kind": "Reading intervention", "provider": "Cora Example", "setting": "in school",
           "frequency": "twice a week", "minutes": 30, "start": datetime.date(2024, 9, 1),
           "end": datetime.date(2025, 6, 30)}
TEACHER = {"actor": "theo", "roles": {"author", "teacher"}}


def narrative(student, name: str, title: str, *, shared: bool) -> Narrative:
    found = Narrative({"title": title, "term": "Fall 2024", "course": "Science",
                       "body": "Maya asks sharp questions in the lab."}, "theo", WHEN)
    student["narratives"].add(name, found)
    if shared:
        ENGINE.perform(found, "submit", **TEACHER)
        ENGINE.perform(found, "approve", **COUNSELOR)
        ENGINE.perform(found, "share", **COUNSELOR)
    return found


def build_full_record(site) -> dict:
    """Maya (s1) with every kind of document; returns the pieces tests look for."""
    student = site["students"]["s1"]
    plan = student["plan"]
    plan.record({"period_start": datetime.date(2024, 9, 1),
                 "period_end": datetime.date(2025, 6, 30),
                 "supports": (SUPPORT,),
                 "accommodations": "Extra time on tests"}, "cora", WHEN)
    log_session(plan, {"support": "Reading intervention", "date": datetime.date(2024, 10, 8),
                       "minutes": 30, "provider": "Cora Example", "note": "Fluency drills"},
                "cora")
    for name, shared in (("report-1", True), ("report-2", False)):
        report = ProgressReport({"period": f"Fall 2024 {name}", "body": "On track."},
                                "cora", WHEN)
        plan.reports.add(name, report)
        if shared:
            ENGINE.perform(report, "review", **COUNSELOR)
            ENGINE.perform(report, "share", **COUNSELOR)
            ask(report, "What can we do at home?", "gina")
    add_reflection(student["profile"], "I read a whole book!", "sam",
                   datetime.date(2024, 11, 20))
    goal = Goal(READING_GOAL, "cora", WHEN)
    plan.goals.add("goal-1", goal)
    goal.data_points = [
        {"date": datetime.date(2024, 10, 1), "value": 86.0, "by": "cora", "note": ""},
        {"date": datetime.date(2024, 11, 1), "value": 93.5, "by": "cora", "note": "probe B"}]
    add_words(goal, {"text": "She reads to her brother every night now.",
                     "observed": datetime.date(2024, 11, 3)}, by="gina",
              capacity=AS_GUARDIAN)
    add_words(student["transcript"], {"text": "Maya was in hospital in October.",
                                      "about": ""}, by="gina", capacity=AS_GUARDIAN)
    student["transcript"].record({"courses": (
        {"term": "Fall 2024", "course": "Science 7", "grade": "A", "credits": 1.0},
        {"term": "Fall 2024", "course": "Math 7", "grade": "B+", "credits": 1.0})},
        "ada", WHEN)
    request = add_request(student, AmendmentRequest(
        plan, {"what_is_wrong": "It leaves out home.", "why": "She reads at home."},
        "gina", WHEN))
    write_statement(plan, request, "We disagree: Maya is anxious, not unwilling.", "gina",
                    WHEN)
    # A past plan the family hid, with a goal inside it.
    student.add("past-plans", PastPlans())
    past = Plan({"period_start": datetime.date(2023, 9, 1),
                 "period_end": datetime.date(2024, 6, 30),
                 "accommodations": "A quiet room"}, "cora", WHEN)
    student["past-plans"].add("2023-2024", past)
    past.goals.add("goal-1", Goal({**READING_GOAL, "title": "Old goal"}, "cora", WHEN))
    ENGINE.perform(past, "share_with_family", **COUNSELOR)
    hide(student, past, by="gina")
    shared = narrative(student, "narrative-1", "Fall science", shared=True)
    narrative(student, "narrative-2", "A draft about math", shared=False)
    blob = Blob()
    with blob.open("w") as out:
        out.write(PDF)
    item = PortfolioItem({"title": "Tide pools essay", "kind": "work",
                          "description": "My essay", "reflection": "I learned a lot",
                          "filename": "essay.pdf", "content_type": "application/pdf",
                          "size": len(PDF), "file": blob}, "sam", WHEN)
    student["portfolio"].add("item-1", item)
    ENGINE.perform(item, "share_with_family", **COUNSELOR)
    return {"student": student, "goal": goal, "past": past, "narrative": shared,
            "item": item}


@pytest.fixture
def record(world):
    site = world.site()
    build_full_record(site)
    transaction.commit()
    yield world.site()["students"]["s1"]


@pytest.fixture
def issuer(tmp_path):
    return issuer_from_settings({"profilerepo.signing_keys": str(tmp_path / "keys"),
                                 "profilerepo.site_url": "https://north.example",
                                 "profilerepo.district_name": "North Valley District"})


def export(student, issuer, audience: str, **options) -> tuple[zipfile.ZipFile, dict]:
    out = io.BytesIO()
    summary = export_backpack(student, issuer, out, audience=audience, **options)
    assert summary.size == len(out.getvalue())
    backpack = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    return backpack, json.loads(backpack.read(fmt.CONTENTS))


def document(backpack, path: str) -> dict:
    return json.loads(backpack.read(fmt.document_entry(path)))


def test_a_school_copy_holds_every_document_with_its_provenance(record, issuer):
    backpack, contents = export(record, issuer, "school")
    names = set(backpack.namelist())
    for path in ("transcript", "profile", "plan", "plan/goals/goal-1",
                 "narratives/narrative-1", "portfolio/item-1"):
        assert fmt.document_entry(path) in names, path
    plan = document(backpack, "plan")
    assert plan["kind"] == "Plan"
    assert plan["provenance"]["school"] == "North Middle School"
    assert plan["provenance"]["district"] == "North Valley District"
    assert plan["provenance"]["district_id"] == issuer.did
    assert plan["provenance"]["authors"] == ["the school's set-up", "Cora Example"]
    assert plan["provenance"]["versions"] == 2
    assert plan["values"]["accommodations"] == "Extra time on tests"
    assert plan["values"]["period_start"] == {"$date": "2024-09-01"}
    assert plan["statement"]["text"] == "We disagree: Maya is anxious, not unwilling."
    assert plan["statement"]["by"] == "Gina Example"
    narrative = document(backpack, "narratives/narrative-1")
    assert narrative["provenance"]["authors"] == ["Theo Example"]
    assert narrative["workflow"] == {"narrative-review": "shared"}
    assert contents["student"]["given_name"] == "Maya"
    assert contents["student"]["school_name"] == "North Middle School"
    assert contents["audience"] == "school"


def test_goals_keep_their_data_points_and_the_familys_words(record, issuer):
    backpack, _ = export(record, issuer, "school")
    goal = document(backpack, "plan/goals/goal-1")
    assert [p["value"] for p in goal["logs"]["data_points"]] == [86.0, 93.5]
    assert goal["logs"]["data_points"][0]["by"] == "Cora Example"
    [observation] = goal["family_words"]
    assert observation["kind"] == "observation"
    assert observation["observed"] == "2024-11-03"
    assert observation["by"] == "Gina Example"
    [comment] = document(backpack, "transcript")["family_words"]
    assert comment["kind"] == "comment"
    assert comment["text"] == "Maya was in hospital in October."
    assert comment["capacity"] == AS_GUARDIAN


def test_services_their_log_shared_reports_and_reflections_travel(record, issuer):
    backpack, _ = export(record, issuer, "school")
    plan = document(backpack, "plan")
    [support] = plan["values"]["supports"]["$tuple"]
    assert support["kind"] == "Reading intervention"
    assert support["start"] == {"$date": "2024-09-01"}
    [session] = plan["logs"]["sessions"]
    assert (session["minutes"], session["note"], session["by"]) == \
        (30, "Fluency drills", "Cora Example")
    report = document(backpack, "plan/reports/report-1")
    assert report["workflow"] == {"progress-report": "shared"}
    assert [(r["kind"], r["text"], r["by"]) for r in report["logs"]["replies"]] == \
        [("question", "What can we do at home?", "Gina Example")]
    assert fmt.document_entry("plan/reports/report-2") not in backpack.namelist()  # a draft
    [reflection] = document(backpack, "profile")["logs"]["reflections"]
    assert reflection["text"] == "I read a whole book!"


def test_a_portfolio_file_is_carried_byte_for_byte(record, issuer):
    backpack, contents = export(record, issuer, "school")
    item = document(backpack, "portfolio/item-1")
    entry = item["files"]["file"]
    assert entry == f"files/{hashlib.sha256(PDF).hexdigest()}"
    assert item["values"]["file"] == {"$file": entry}
    assert backpack.read(entry) == PDF
    assert {"path": entry, "sha256": hashlib.sha256(PDF).hexdigest(), "size": len(PDF)} \
        in contents["entries"]


def test_what_the_family_hid_is_left_out_and_the_file_says_so(record, issuer):
    backpack, contents = export(record, issuer, "school")
    assert not [n for n in backpack.namelist() if "past-plans" in n]
    assert contents["withheld"] is True
    manifest = json.loads(backpack.read(fmt.MANIFEST))
    assert manifest["credentialSubject"]["withheld"] is True
    for name in backpack.namelist():  # (not a word of it, anywhere)
        assert b"A quiet room" not in backpack.read(name), name
        assert b"Old goal" not in backpack.read(name), name


def test_a_released_copy_and_the_familys_copy_hold_what_they_hid(record, issuer):
    for options in ({"audience": "school", "release_hidden": True}, {"audience": "family"}):
        backpack, contents = export(record, issuer, **options)
        assert fmt.document_entry("past-plans/2023-2024") in backpack.namelist(), options
        assert fmt.document_entry("past-plans/2023-2024/goals/goal-1") in backpack.namelist()
        assert contents["withheld"] is False


def test_drafts_under_review_stay_at_the_school(record, issuer):
    out = io.BytesIO()
    summary = export_backpack(record, issuer, out, audience="school")
    backpack = zipfile.ZipFile(out)
    assert fmt.document_entry("narratives/narrative-2") not in backpack.namelist()
    assert summary.drafts_left_out == 2  # (a narrative and a progress report)
    assert summary.kinds["Narrative"] == 1


def test_the_manifest_is_signed_and_every_entry_matches_its_digest(record, issuer):
    backpack, contents = export(record, issuer, "school")
    manifest = json.loads(backpack.read(fmt.MANIFEST))
    proofs.verify(manifest, issuer.keys.current.public_key, issuer.contexts)
    assert manifest["@context"] == fmt.MANIFEST_CONTEXT
    assert manifest["type"] == ["VerifiableCredential", "ProfileRepoBackpack"]
    assert manifest["credentialSubject"]["id"] == "urn:profilerepo:student:s1"
    assert manifest["credentialSubject"]["contentsDigest"] == \
        hashlib.sha256(backpack.read(fmt.CONTENTS)).hexdigest()
    listed = {e["path"] for e in contents["entries"]}
    assert listed == set(backpack.namelist()) - {fmt.MANIFEST, fmt.CONTENTS}
    for entry in contents["entries"]:
        data = backpack.read(entry["path"])
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert len(data) == entry["size"]


@pytest.mark.parametrize("field, changed", [
    ("contentsDigest", "0" * 64), ("withheld", False), ("id", "urn:profilerepo:student:s2")])
def test_a_changed_manifest_fails_its_signature(record, issuer, field, changed):
    backpack, _ = export(record, issuer, "school")
    manifest = json.loads(backpack.read(fmt.MANIFEST))
    manifest["credentialSubject"][field] = changed
    with pytest.raises(proofs.ProofError):
        proofs.verify(manifest, issuer.keys.current.public_key, issuer.contexts)


def test_two_exports_of_an_unchanged_record_list_the_same_digests(record, issuer):
    _, first = export(record, issuer, "school")
    _, second = export(record, issuer, "school")

    def documents(contents):  # (the CLR is a credential issued anew each time)
        return [e for e in contents["entries"] if e["path"] != fmt.CLR]

    assert len(documents(first)) == len(first["entries"]) - 1
    assert documents(first) == documents(second)


def test_the_official_part_is_a_signed_clr_of_what_the_backpack_holds(record, issuer):
    backpack, contents = export(record, issuer, "school")
    clr = json.loads(backpack.read(fmt.CLR))
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["credentialSubject"]["id"] == "urn:profilerepo:student:s1"
    proofs.verify(clr, issuer.keys.current.public_key, issuer.contexts)
    assert "Science 7" in backpack.read(fmt.CLR).decode()


def test_the_import_accepts_what_the_export_writes(record, issuer):
    from profilerepo.credentials.trust import TrustedIssuers
    from profilerepo.portability.reading import verify_backpack_file

    out = io.BytesIO()
    export_backpack(record, issuer, out, audience="school")
    out.seek(0)
    checked = verify_backpack_file(out, TrustedIssuers(issuer=issuer))
    assert checked.issuer_id == issuer.did
    assert checked.withheld is True
    assert fmt.document_entry("portfolio/item-1") in checked.documents


def test_provenance_names_the_school_that_wrote_it_and_keeps_an_earlier_one(world, issuer):
    from profilerepo.content.student import update_student

    site = world.site()
    parts = build_full_record(site)
    student = parts["student"]
    earlier = {"school": "Lakeside Elementary", "district": "Lake District",
               "district_id": "did:web:lake.example", "authors": ["Lee Lake"],
               "signed": "2024-06-01T00:00:00+00:00", "verified": True}
    parts["narrative"].provenance = earlier
    update_student(site, student, {"school": "south"}, "ada",
                   datetime.datetime(2025, 8, 20, 12, tzinfo=datetime.UTC))
    transaction.commit()
    backpack, contents = export(world.site()["students"]["s1"], issuer, "school")
    # the goal was written in March 2025, before the move; the plan after it
    goal = document(backpack, "plan/goals/goal-1")["provenance"]
    assert (goal["school"], goal["school_id"]) == ("North Middle School", "north")
    assert document(backpack, "plan")["provenance"]["school"] == "South Middle School"
    assert document(backpack, "narratives/narrative-1")["provenance"]["from"] == earlier
    assert document(backpack, "plan")["provenance"]["from"] is None
    assert contents["student"]["school_name"] == "South Middle School"
