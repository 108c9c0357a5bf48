"""The content tree: site, students and the documents in each student's folder.

``new_student`` and ``update_student`` keep the student folder, its
sections and the school index consistent; use them rather than building
folders by hand.
"""
from __future__ import annotations

import secrets

from profilerepo.content.narratives import Narrative, Narratives
from profilerepo.content.plan import Goal, Plan, ProgressReport, ProgressReports
from profilerepo.content.portfolio import Portfolio, PortfolioItem
from profilerepo.content.profile import Profile
from profilerepo.content.student import Student
from profilerepo.content.transcript import Transcript
from profilerepo.workflow.index import enter_workflows

__all__ = [
    "Goal", "Narrative", "Narratives", "Plan", "Portfolio", "PortfolioItem", "Profile",
    "ProgressReport", "ProgressReports",
    "Student", "Transcript", "new_student", "update_student", "new_name",
]


def new_student(site, values: dict, by: str, *, engine, student_id: str | None = None,
                when=None, plan: dict | None = None, transcript: dict | None = None,
                profile: dict | None = None) -> Student:
    """Create a student folder with every section, enrolled in its school; the profile
    and the plan start in their workflows (``engine``), private to the school team."""
    school = site["schools"][values["school"]]
    student = Student(values, by, when)
    site["students"].add(student_id or _new_student_id(site), student)
    student.add("transcript", Transcript(transcript or {}, by, when))
    student.add("profile", Profile(profile or {}, by, when))
    student.add("plan", Plan(plan or {}, by, when))
    student.add("narratives", Narratives())
    student.add("portfolio", Portfolio())
    for section in ("profile", "plan"):
        enter_workflows(engine, student[section])
    school.enroll(student)
    return student


def update_student(site, student: Student, values: dict, by: str, when=None) -> list[str]:
    """Save a new version of the student's identity, moving them in the school index.

    On a move to another school, the old school's staff lose their roles here
    (need to know); returns their logins.
    """
    from profilerepo.security.local_roles import end_school_roles

    schools = site["schools"]
    before = (student.school, student.grade, schools[student.school].roster_key(student))
    student.record(values, by, when)
    if (student.school, student.grade, schools[student.school].roster_key(student)) != before:
        schools[before[0]].unenroll(before[2], before[1])
        schools[student.school].enroll(student)
    if student.school != before[0]:
        return end_school_roles(site, student, before[0])
    return []


def new_name(folder, prefix: str) -> str:
    """The next free name like ``narrative-7`` in ``folder``."""
    number = len(folder) + 1
    while f"{prefix}-{number}" in folder:
        number += 1
    return f"{prefix}-{number}"


def _new_student_id(site) -> str:
    while True:
        candidate = f"s{secrets.token_hex(5)}"
        if candidate not in site["students"]:
            return candidate
