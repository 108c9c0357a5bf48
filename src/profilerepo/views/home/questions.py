"""Questions families asked on progress reports, waiting for the counselor's answer: shown
on the counselor's home page and on "Waiting for me", oldest first."""
from __future__ import annotations

from dataclasses import dataclass

from profilerepo.plans.report_replies import waiting_questions
from profilerepo.security.access import Access
from profilerepo.security.local_roles import student_ids


@dataclass(frozen=True)
class FamilyQuestion:
    report: object
    asked_by: str  # login
    asked_at: object  # datetime
    text: str


def questions_waiting(access: Access, students: list) -> list[FamilyQuestion]:
    """Unanswered questions on the reports of ``students`` this counselor may read."""
    found = []
    for student in students:
        plan = student.get("plan")
        if plan is None or not access.can_view(plan):
            continue
        for report in plan.reports.values():
            waiting = waiting_questions(report)
            if waiting and access.can_view(report):
                found.extend(FamilyQuestion(report, q["by"], q["at"], q["text"])
                             for q in waiting)
    return sorted(found, key=lambda q: q.asked_at)


def my_questions(request, access: Access) -> list[FamilyQuestion]:
    """Unanswered questions on the reports of the students this user is counselor of."""
    site, students = request.site, request.site["students"]
    found = (students.get(sid) for sid in student_ids(site, request.user.login, "counselor"))
    return questions_waiting(access, [s for s in found if s is not None])
