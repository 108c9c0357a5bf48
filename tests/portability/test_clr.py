"""The CLR 2.0 ClrCredential of a student: 1EdTech's schemas accept it, its proof verifies,
what the record holds is in it, and what the family hid or the reader may not see is not."""
from __future__ import annotations

import copy
import datetime
import json
import time

import pytest
import transaction

from profilerepo.badges.issuing import award_badge, revoke_badge
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.credentials import default_credential_files, issuer_from_settings, proofs
from profilerepo.credentials.schemas import schema_error
from profilerepo.portability.clr import (
    clr_credential,
    schema_problems,
    school_year,
    signed_clr,
)
from tests.conftest import ENGINE

FILES = default_credential_files()
WHEN = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=datetime.UTC)
COUNSELOR = {"actor": "cora", "roles": {"counselor"}}
PROGRAMS = "Receives special education services (IEP) and speech therapy twice a week."


def schema_errors(clr: dict) -> list[str]:
    return schema_problems(clr, FILES)


def courses(count: int) -> tuple[dict, ...]:
    """``count`` courses over terms, with letter grades, a failed one, standards-based
    marks and courses without credits."""
    marks = ("A", "B+", "A-", "C", "Meeting", "Exceeding", "B", "F")
    return tuple({"term": f"{'Fall' if n % 2 else 'Spring'} {2020 + n // 8}",
                  "course": f"Course {n}" if n else "Algebra I",
                  "grade": marks[n % len(marks)],
                  "credits": None if n % 5 == 4 else 0.5} for n in range(count))


def assessments(count: int) -> tuple[dict, ...]:
    return tuple({"name": f"MAP {'Reading' if n % 2 else 'Math'} {n}",
                  "date": datetime.date(2025, 9, 1 + n), "score": 200 + n,
                  "growth": None if n == 3 else 40 + n} for n in range(count))


def add_badges(site, issuer, student, count: int) -> list:
    """``count`` badges awarded by the district, each on a piece of portfolio work."""
    awarded = []
    for n in range(count):
        work = PortfolioItem({"title": f"Project {n}", "kind": "work",
                              "description": f"Project {n} write-up"}, "sam", WHEN)
        student["portfolio"].add(f"work-{n}", work)
        ENGINE.perform(work, "share_with_family", **COUNSELOR)
        awarded.append(award_badge(
            site, issuer, student,
            {"name": f"Lab safety {n}", "description": "Works safely in the lab.",
             "criteria": "Passed the lab safety check.", "evidence": f"work-{n}",
             "alignment_code": "CCSS.MATH.CONTENT.7.RP.A.1" if n == 0 else ""},
            by="theo", evidence_url=f"https://north.example/students/s1/portfolio/work-{n}",
            engine=ENGINE, when=WHEN))
    return awarded


def fill_transcript(student, n_courses: int = 40, n_assessments: int = 10) -> None:
    student["transcript"].record({
        "courses": courses(n_courses), "assessments": assessments(n_assessments),
        "attendance": {"days_enrolled": 170, "days_absent": 6, "tardies": 2},
        "programs": PROGRAMS}, "ada", WHEN)


@pytest.fixture
def issuer(tmp_path):
    return issuer_from_settings({"profilerepo.signing_keys": str(tmp_path / "keys"),
                                 "profilerepo.site_url": "https://north.example",
                                 "profilerepo.district_name": "North Valley District"})


@pytest.fixture
def maya(world, issuer):
    """Maya (s1) with 40 courses, 10 assessments, attendance, programs and 5 badges."""
    site = world.site()
    student = site["students"]["s1"]
    fill_transcript(student)
    add_badges(site, issuer, student, 5)
    transaction.commit()
    return world.site()["students"]["s1"]


def inner(clr: dict, kind: str | None = None) -> list[dict]:
    """The credentials inside ``clr`` (those whose achievement is of ``kind``)."""
    found = clr["credentialSubject"]["verifiableCredential"]
    return [c for c in found if kind is None
            or c["credentialSubject"]["achievement"].get("achievementType") == kind]


def test_a_full_record_fits_the_clr_schema_and_its_proof_verifies(maya, issuer):
    clr = signed_clr(maya, issuer, issued=WHEN)
    assert schema_errors(clr) == []
    proofs.verify(clr, issuer.keys.current.public_key, issuer.contexts)
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["name"] == "Maya Lopez - Comprehensive Learner Record"
    assert clr["issuer"]["name"] == "North Valley District"
    assert clr["credentialSubject"]["id"] == "urn:profilerepo:student:s1"
    assert len(inner(clr, "Course")) == 40
    assert len(inner(clr, "Assessment")) == 10
    assert "partial" not in clr


def test_each_course_credential_is_an_ob3_achievement_credential(maya, issuer):
    clr = signed_clr(maya, issuer, issued=WHEN)
    for credential in inner(clr):
        if "proof" not in credential:  # (ours, covered by the CLR's proof)
            assert schema_error(credential, FILES) is None, credential["name"]


def test_grades_credits_and_terms_read_as_the_transcript_says(maya, issuer):
    clr = signed_clr(maya, issuer, issued=WHEN)
    algebra = next(c for c in inner(clr, "Course") if c["name"] == "Algebra I")
    subject = algebra["credentialSubject"]
    assert subject["term"] == "Spring 2020"
    assert subject["result"][0]["value"] == "A"
    assert subject["creditsEarned"] == 0.5
    achievement = subject["achievement"]
    assert achievement["creditsAvailable"] == 0.5
    assert achievement["resultDescription"][0]["resultType"] == "LetterGrade"
    assert subject["result"][0]["resultDescription"] == achievement["resultDescription"][0]["id"]
    failed = next(c for c in inner(clr, "Course") if c["name"] == "Course 7")
    assert failed["credentialSubject"]["result"][0]["value"] == "F"
    assert "creditsEarned" not in failed["credentialSubject"]  # an F earns no credit
    meeting = next(c for c in inner(clr, "Course") if c["name"] == "Course 4")
    assert "creditsAvailable" not in meeting["credentialSubject"]["achievement"]
    assert meeting["credentialSubject"]["achievement"]["resultDescription"][0][
        "resultType"] == "PerformanceLevel"


def test_assessments_attendance_and_programs_are_in(maya, issuer):
    clr = signed_clr(maya, issuer, issued=WHEN)
    first = next(c for c in inner(clr, "Assessment") if c["name"] == "MAP Math 0")
    values = [r["value"] for r in first["credentialSubject"]["result"]]
    assert values == ["200", "40"]  # score, growth percentile
    assert first["credentialSubject"]["activityEndDate"].startswith("2025-09-01")
    no_growth = next(c for c in inner(clr, "Assessment") if c["name"] == "MAP Reading 3")
    assert [r["value"] for r in no_growth["credentialSubject"]["result"]] == ["203"]
    attendance, = inner(clr, "ext:Attendance")
    assert [r["value"] for r in attendance["credentialSubject"]["result"]] == ["170", "6", "2"]
    assert attendance["name"] == f"Attendance, school year {school_year(WHEN.date())}"
    programs, = inner(clr, "ext:SpecialPrograms")
    assert programs["credentialSubject"]["narrative"] == PROGRAMS


def test_badges_go_in_exactly_as_signed_and_still_verify_alone(maya, issuer):
    clr = signed_clr(maya, issuer, issued=WHEN)
    badges = [item for item in maya["portfolio"].values() if getattr(item, "credential", "")]
    embedded = [c for c in inner(clr) if "proof" in c]
    assert embedded == [json.loads(b.credential) for b in badges]
    assert len(embedded) == 5
    for badge in embedded:
        proofs.verify(badge, issuer.keys.current.public_key, issuer.contexts)


def test_a_revoked_badge_is_left_out(world, maya, issuer):
    site = world.site()
    student = site["students"]["s1"]
    first = next(i for i in student["portfolio"].values() if getattr(i, "credential", ""))
    revoke_badge(site, first, by="theo", reason="Awarded to the wrong student", when=WHEN)
    clr = signed_clr(student, issuer, issued=WHEN)
    names = [c["name"] for c in inner(clr) if "proof" in c]
    assert len(names) == 4 and first.name not in names
    transaction.abort()


def test_one_changed_grade_breaks_the_proof(maya, issuer):
    clr = signed_clr(maya, issuer, issued=WHEN)
    changed = copy.deepcopy(clr)
    algebra = next(c for c in inner(changed, "Course") if c["name"] == "Algebra I")
    algebra["credentialSubject"]["result"][0]["value"] = "A+"
    with pytest.raises(proofs.ProofError, match="changed after signing"):
        proofs.verify(changed, issuer.keys.current.public_key, issuer.contexts)


def test_a_hidden_transcript_is_left_out_and_the_clr_says_it_is_partial(maya, issuer):
    clr = signed_clr(maya, issuer, include_transcript=False, issued=WHEN)
    assert schema_errors(clr) == []
    proofs.verify(clr, issuer.keys.current.public_key, issuer.contexts)
    assert clr["partial"] is True
    kinds = {c["credentialSubject"]["achievement"].get("achievementType") for c in inner(clr)}
    assert kinds.isdisjoint({"Course", "Assessment", "ext:Attendance", "ext:SpecialPrograms"})
    assert PROGRAMS not in json.dumps(clr)
    assert len([c for c in inner(clr) if "proof" in c]) == 5  # the badges stay


def test_badges_the_reader_may_not_see_are_left_out(maya, issuer):
    clr = signed_clr(maya, issuer, include=lambda item: item.title != "Lab safety 1",
                     issued=WHEN)
    assert len([c for c in inner(clr) if "proof" in c]) == 4
    assert clr["partial"] is True


def test_a_student_with_nothing_recorded_still_gets_a_true_valid_clr(world, issuer):
    site = world.site()
    jonah = site["students"]["s2"]  # a new record: no courses, tests, attendance or badges
    clr = signed_clr(jonah, issuer, issued=WHEN)
    assert schema_errors(clr) == []
    proofs.verify(clr, issuer.keys.current.public_key, issuer.contexts)
    # The schema asks for at least one credential: the one the record does hold is his
    # enrollment (school, grade, since when), not an invented achievement.
    enrollment, = inner(clr)
    assert enrollment["name"] == "Enrolled at North Middle School"
    assert enrollment["credentialSubject"]["result"][0]["value"] == "Grade 8"
    assert enrollment["credentialSubject"]["activityStartDate"] == "2020-08-20T00:00:00Z"


def test_the_unsigned_clr_is_the_signed_one_without_its_proof(maya, issuer):
    unsigned = clr_credential(maya, issuer, issued=WHEN)
    assert "proof" not in unsigned
    assert schema_errors(unsigned) == []


def test_signing_a_big_record_is_quick_enough_for_the_backpack(maya, issuer):
    """40 courses, 10 assessments, 5 badges: the backpack export has 300 ms in all (the
    bench measures the p95 properly; this only catches a CLR grown several times over)."""
    signed_clr(maya, issuer, issued=WHEN)  # (contexts read and processed once)
    started = time.perf_counter()
    signed_clr(maya, issuer, issued=WHEN)
    assert time.perf_counter() - started < 1.5


def test_the_projects_own_verifier_accepts_a_transcript_we_issue(world, issuer):
    from profilerepo.credentials.trust import TrustedIssuers
    from profilerepo.credentials.verify import verify_credential

    site = world.site()
    fill_transcript(site["students"]["s1"])
    clr = signed_clr(site["students"]["s1"], issuer, issued=WHEN)
    verdict = verify_credential(clr, TrustedIssuers(issuer=issuer), site=site, today=WHEN)
    assert verdict.valid, verdict.reason
    assert verdict.trusted and verdict.issuer_name == "North Valley District"
    transaction.abort()


def test_the_projects_own_verifier_accepts_what_we_issue(world, maya, issuer):
    from profilerepo.credentials.trust import TrustedIssuers
    from profilerepo.credentials.verify import verify_credential

    trust = TrustedIssuers(issuer=issuer)
    clr = signed_clr(maya, issuer, issued=WHEN)
    verdict = verify_credential(clr, trust, site=world.site(), today=WHEN)
    assert verdict.valid, verdict.reason
    changed = copy.deepcopy(clr)
    changed["credentialSubject"]["verifiableCredential"][1]["name"] = "Algebra II"
    verdict = verify_credential(changed, trust, site=world.site(), today=WHEN)
    assert not verdict.valid and "proof" in verdict.reason
