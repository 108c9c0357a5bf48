"""A student's achievements and official transcript as a CLR 2.0 ClrCredential.

One OB 3.0 AchievementCredential per course, assessment, the year's attendance and the
special programs, one for the enrollment (so even a new student's CLR is a true, valid
record), and the student's issued badges as they were signed; the CLR's proof covers all.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from profilerepo import clock
from profilerepo.content.lineage import site_of
from profilerepo.credentials import schemas
from profilerepo.credentials.proofs import timestamp
from profilerepo.portability.format import student_urn

VC_V2 = "https://www.w3.org/ns/credentials/v2"
CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR_CONTEXTS = [VC_V2, CLR_CONTEXT, OB_CONTEXT]
OB_CONTEXTS = [VC_V2, OB_CONTEXT]

_LETTER = re.compile(r"[A-F][+-]?")
# Marks that earn no credit (a course's credits are "earned" with any other mark).
NO_CREDIT = frozenset({"F", "E", "U", "I", "W", "NC", "NP", "FAIL", "FAILED", "INCOMPLETE",
                       "WITHDRAWN", "WITHDREW", "NO CREDIT", "NOT PASSED"})

Include = Callable[[object], bool]  # whether a portfolio item's badge may go in


def clr_credential(student, issuer, *, include_transcript: bool = True,
                   badges: Iterable[dict] = (), issued: datetime | None = None,
                   partial: bool = False) -> dict:
    """The unsigned ClrCredential of ``student`` by ``issuer`` (an ``Issuer``).

    ``include_transcript=False`` leaves the transcript's courses, assessments, attendance
    and programs out (the family hid it from future providers); ``badges`` are signed OB
    3.0 credentials, put in as they are. ``partial`` (or a transcript left out) marks the
    CLR as not holding everything the district knows, without saying what.
    """
    when = timestamp(issued or clock.now(zone=clock.UTC))
    parts = _Parts(student, issuer, when)
    credentials = [parts.enrollment()]
    transcript = student.get("transcript") if include_transcript else None
    if transcript is not None:
        credentials += parts.transcript(transcript)
    credentials += list(badges)
    clr = {
        "@context": list(CLR_CONTEXTS),
        "id": issuer.credential_id("clr", f"{student.__name__}-{secrets.token_hex(4)}"),
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer.profile(),
        "name": f"{student.title} - Comprehensive Learner Record",
        "validFrom": when,
        "credentialSubject": {
            # (the learner by id only: the name is in the CLR's; 1EdTech's CLR schema has
            # no "name" identity type, and a reader needs no more of them than that)
            "id": student_urn(student.__name__), "type": ["ClrSubject"],
            "verifiableCredential": credentials,
        },
    }
    if partial or (include_transcript is False and "transcript" in student):
        clr["partial"] = True
    return clr


def signed_clr(student, issuer, include_transcript: bool = True, *,
               include: Include | None = None, issued: datetime | None = None) -> dict:
    """The student's CLR signed by ``issuer``, with every issued badge in the portfolio
    (only those on items ``include`` accepts, when given: what the reader may see)."""
    badges, withheld = issued_badges(student, include, issued)
    return issuer.sign(clr_credential(student, issuer, include_transcript=include_transcript,
                                      badges=badges, issued=issued, partial=withheld),
                       created=issued)


def schema_problems(clr: dict, credential_files: str | Path) -> list[str]:
    """What 1EdTech's CLR 2.0 JSON Schema (draft-04, held to VC 2.0 as
    ``credentials.schemas`` explains) finds wrong with ``clr``; [] when it fits."""
    return schemas.schema_problems(clr, credential_files)


def issued_badges(student, include: Include | None = None, now: datetime | None = None
                  ) -> tuple[list[dict], bool]:
    """(the badges this district awarded the student, as signed, in portfolio order;
    whether any was left out because ``include`` refused it). A revoked or expired
    badge is not one the student holds now, and is never put in; badges received from
    elsewhere travel as portfolio documents, not as this district's word."""
    now = now or clock.now(zone=clock.UTC)
    found, withheld = [], False
    portfolio = student.get("portfolio")
    for item in portfolio.values() if portfolio is not None else ():
        credential = awarded_badge(item, now)
        if credential is None:
            continue
        if include is not None and not include(item):
            withheld = True
            continue
        found.append(credential)
    return found, withheld


def awarded_badge(item, now: datetime) -> dict | None:
    """The signed OB 3.0 credential of a badge this district awarded and the student
    holds at ``now`` (a ``badges.model.Badge``), or None for anything else."""
    text = getattr(item, "credential", "")
    if not (getattr(item, "awarded_here", False) and isinstance(text, str)
            and text.lstrip().startswith("{") and item.still_held(now)):
        return None
    try:
        credential = json.loads(text)
    except ValueError:
        return None
    return credential if isinstance(credential, dict) else None


class _Parts:
    """The AchievementCredentials inside one CLR: lean on purpose (canonicalizing is most
    of the cost of signing): short ids, the issuer by its id only, each achievement once
    inside the credential that awards it."""

    def __init__(self, student, issuer, when: str) -> None:
        self.student, self.issuer, self.when = student, issuer, when
        self.subject = student_urn(student.__name__)
        self.by = {"id": issuer.did, "type": ["Profile"]}
        self._ids: set[str] = set()

    def _credential(self, kind: str, name: str, achievement: dict, **subject) -> dict:
        digest = _short(kind, name, json.dumps(subject, sort_keys=True, default=str))
        local = f"{self.student.__name__}-{digest}"
        while local in self._ids:  # (the same row twice: two credentials all the same)
            local += "x"
        self._ids.add(local)
        return {
            "@context": list(OB_CONTEXTS),
            "id": self.issuer.credential_id(kind, local),
            "type": ["VerifiableCredential", "AchievementCredential"],
            "name": name, "issuer": self.by, "validFrom": self.when,
            "credentialSubject": {"id": self.subject, "type": ["AchievementSubject"],
                                  "achievement": achievement, **subject},
        }

    def _achievement(self, key: str, kind: str, name: str, description: str,
                     criteria: str, results: Iterable[tuple[str, str, str]] = (),
                     **more) -> dict:
        """An Achievement; ``results`` are (fragment, name, resultType) of what it grades."""
        achievement_id = self.issuer.credential_id("achievement", key)
        found = {"id": achievement_id, "type": ["Achievement"], "achievementType": kind,
                 "name": name, "description": description, "criteria": {"narrative": criteria},
                 **more}
        described = [{"id": f"{achievement_id}#{fragment}", "type": ["ResultDescription"],
                      "name": title, "resultType": result_type}
                     for fragment, title, result_type in results]
        if described:
            found["resultDescription"] = described
        return found

    @staticmethod
    def _result(achievement: dict, fragment: str, value) -> dict:
        return {"type": ["Result"], "value": str(value),
                "resultDescription": f"{achievement['id']}#{fragment}"}

    def enrollment(self) -> dict:
        student = self.student
        site = site_of(student)
        school = site["schools"].get(student.school) if site is not None else None
        school_name = school.title if school is not None else "the school"
        achievement = self._achievement(
            f"enrollment-{student.school or 'school'}", "ext:Enrollment",
            f"Enrolled at {school_name}", f"Enrollment at {school_name}, {self.issuer.name}.",
            "Enrolled at the school, as its records show.",
            [("grade-level", "Grade level", "Result")])
        subject: dict = {"result": [self._result(achievement, "grade-level",
                                                 grade_words(student.grade))]}
        if student.entry_date:
            subject["activityStartDate"] = day_time(student.entry_date)
        if student.exit_date:
            subject["activityEndDate"] = day_time(student.exit_date)
        return self._credential("enrollment", achievement["name"], achievement, **subject)

    def transcript(self, transcript) -> Iterator[dict]:
        for course in transcript.courses:
            yield self.course(course)
        for assessment in transcript.assessments:
            yield self.assessment(assessment)
        if transcript.attendance:
            yield self.attendance(transcript.attendance)
        if (transcript.programs or "").strip():
            yield self.programs(transcript.programs.strip())

    def course(self, row: dict) -> dict:
        name, credits = str(row.get("course") or "Course"), row.get("credits")
        grade = str(row.get("grade") or "").strip()
        result_type = mark_type(grade)
        more = {"creditsAvailable": float(credits)} if credits else {}
        achievement = self._achievement(
            f"course-{_short(name, credits, result_type)}", "Course", name,
            f"The course {name}.", "Took the course and received a grade or mark.",
            [("grade", "Grade", result_type)], **more)
        subject: dict = {"result": [self._result(achievement, "grade", grade)]}
        if row.get("term"):
            subject["term"] = str(row["term"])
        if credits and grade.upper() not in NO_CREDIT:
            subject["creditsEarned"] = float(credits)
        return self._credential("course", name, achievement, **subject)

    def assessment(self, row: dict) -> dict:
        name = str(row.get("name") or "Assessment")
        achievement = self._achievement(
            f"assessment-{_short(name)}", "Assessment", name, f"The assessment {name}.",
            "Took the assessment.",
            [("score", "Score", "ScaledScore"),
             ("growth", "Growth percentile", "ext:GrowthPercentile")])
        results = [self._result(achievement, fragment, row[fragment])
                   for fragment in ("score", "growth") if row.get(fragment) is not None]
        subject: dict = {"result": results}
        if row.get("date"):
            subject["activityEndDate"] = day_time(row["date"])
        return self._credential("assessment", name, achievement, **subject)

    def attendance(self, attendance: dict) -> dict:
        achievement = self._achievement(
            "attendance", "ext:Attendance", "Attendance",
            "Days enrolled, absent and late in a school year.",
            "As the school recorded them.",
            [("enrolled", "Days enrolled", "RawScore"), ("absent", "Days absent", "RawScore"),
             ("late", "Times late", "RawScore")])
        results = [self._result(achievement, fragment, attendance.get(key) or 0)
                   for fragment, key in (("enrolled", "days_enrolled"),
                                         ("absent", "days_absent"), ("late", "tardies"))]
        year = school_year(datetime.fromisoformat(self.when.replace("Z", "+00:00")).date())
        return self._credential("attendance", f"Attendance, school year {year}", achievement,
                                term=year, result=results)

    def programs(self, text: str) -> dict:
        achievement = self._achievement(
            "programs", "ext:SpecialPrograms", "Special programs",
            "Special education, English learner or other programs the student takes "
            "part in.", "As the school recorded them.")
        return self._credential("programs", "Special programs", achievement, narrative=text)


def mark_type(grade: str) -> str:
    """The OB 3.0 result type of a course mark: a letter grade, a standards-based level in
    words ("Meeting"), or a plain result (numbers, anything else)."""
    if _LETTER.fullmatch(grade):
        return "LetterGrade"
    if grade and grade.replace(" ", "").isalpha():
        return "PerformanceLevel"
    return "Result"


def grade_words(grade: str) -> str:
    return "Kindergarten" if grade == "K" else f"Grade {grade}" if grade else "Not recorded"


def school_year(day: date) -> str:
    """The school year ``day`` falls in, as "2025-26" (a year starts on 1 July)."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def day_time(day: date | datetime) -> str:
    """A calendar date as the date-time credentials ask for (the day's start, UTC)."""
    if isinstance(day, datetime):
        return timestamp(day)
    return f"{day.isoformat()}T00:00:00Z"


def _short(*parts) -> str:
    """Eight hex digits naming ``parts``: ids stay short and stable between exports."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:8]
