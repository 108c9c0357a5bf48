"""Whose backpack this is here: the student an earlier import of the same district's
student made, the student an administrator named, or the students with the same name and
birth date (never taken without a confirmation); else a new student.
"""
from __future__ import annotations

from BTrees.OOBTree import OOBTree

from profilerepo import clock
from profilerepo.content.student import new_student
from profilerepo.portability.imported import as_date
from profilerepo.portability.reading import STUDENT_PREFIX, BackpackRefused, VerifiedBackpack


class MatchNeedsConfirmation(BackpackRefused):
    """A student here has the backpack's student's name and birth date: an administrator
    says whether they are the same person before anything is written."""

    def __init__(self, candidates: list) -> None:
        self.candidates = candidates
        names = ", ".join(f"{s.title} ({s.__name__})" for s in candidates)
        super().__init__(f"A student here has the same name and birth date: {names}. "
                         "Confirm whether this is the same student.")


def sender_student_id(backpack: VerifiedBackpack) -> str:
    """The student's id at the sending district."""
    subject = backpack.manifest.get("credentialSubject") or {}
    urn = subject.get("id") or ""
    return urn[len(STUDENT_PREFIX):] if urn.startswith(STUDENT_PREFIX) else str(
        backpack.student.get("id") or "")


def senders(site) -> OOBTree:
    """(sending district, their student id) -> our student id."""
    found = getattr(site, "backpack_students", None)
    if found is None:
        found = site.backpack_students = OOBTree()
    return found


def match_student(site, backpack: VerifiedBackpack, student_id: str | None = None
                  ) -> tuple[object | None, str, list]:
    """(the student this backpack belongs to or None, how they were matched, the students
    with the same name and birth date, for an administrator to confirm). Reads only."""
    students = site["students"]
    known = getattr(site, "backpack_students", {}).get(
        (backpack.issuer_id, sender_student_id(backpack)))
    if known is not None and known in students:
        return students[known], "earlier import", []
    if student_id:
        if student_id not in students:
            raise BackpackRefused(f"There is no student {student_id} here.")
        return students[student_id], "id", []
    return None, "new", same_name_and_birth(site, backpack.student)


def same_name_and_birth(site, identity: dict) -> list:
    """Students here with the given (or preferred) and family name and birth date given,
    found through the schools' rosters (no walk over every student)."""
    family = str(identity.get("family_name") or "").strip().lower()
    firsts = {str(identity.get(k) or "").strip().lower() for k in ("given_name",
                                                                  "preferred_name")} - {""}
    birth = as_date(identity.get("birth_date"))
    if not family or not firsts or birth is None:
        return []
    students, found = site["students"], {}
    for school in site["schools"].values():
        for roster in school.by_grade.values():
            for first in firsts:
                prefix = f"{family}\x1f{first}\x1f"
                for key in roster.keys(min=prefix, max=prefix + "\uffff"):
                    student = students.get(key.rsplit("\x1f", 1)[1])
                    if student is not None and student.birth_date == birth:
                        found[student.__name__] = student
    return list(found.values())


def described(backpack: VerifiedBackpack, registry=None) -> dict[str, str]:
    """The backpack's student and who sent it, in words, for an administrator to compare
    with the students here before saying whether they are the same."""
    identity = backpack.student
    first = str(identity.get("preferred_name") or identity.get("given_name") or "")
    birth = as_date(identity.get("birth_date"))
    signed = backpack.signed
    return {"name": " ".join(filter(None, (first, str(identity.get("family_name") or "")))),
            "given_name": str(identity.get("given_name") or ""),
            "birth": f"{birth:%-d %B %Y}" if birth else "not given",
            "grade": str(identity.get("grade") or ""),
            "school": str(identity.get("school_name") or "") or "not named",
            "district": backpack.issuer_name or backpack.issuer_id,
            "signed": f"{clock.day_of(signed, registry):%-d %B %Y}" if signed else ""}


def teaches(school, grade: str) -> bool:
    """Whether ``school`` has ``grade`` (a school that names no grades has any)."""
    grades = tuple(getattr(school, "grades", ()) or ())
    return not grades or not grade or grade in grades


def grades_of(school) -> str:
    """"grades 6–8" (or "" when the school names none)."""
    grades = tuple(getattr(school, "grades", ()) or ())
    if not grades:
        return ""
    return f"grade {grades[0]}" if len(grades) == 1 else f"grades {grades[0]}–{grades[-1]}"


def new_student_from(site, backpack: VerifiedBackpack, school: str, by: str):
    """A new student at ``school`` with the backpack's student's identity."""
    identity = backpack.student
    if school not in site["schools"]:
        raise BackpackRefused("Choose the school the student joins here.")
    values = {name: identity.get(name) or "" for name in ("given_name", "family_name",
                                                           "preferred_name", "grade")}
    values.update(school=school, birth_date=as_date(identity.get("birth_date")),
                  entry_date=clock.today(), exit_date=None)
    if not values["given_name"] or not values["family_name"]:
        raise BackpackRefused("The backpack does not name its student.")
    return new_student(site, values, by)
