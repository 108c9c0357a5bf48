"""Writes a synthetic district into the site through the application's own content API."""
from __future__ import annotations

import datetime
import io
import zlib

from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.content.site import School
from profilerepo.content.student import new_student
from profilerepo.family.designees import DESIGNEE, GUIDE, live_designees
from profilerepo.family.grants import CONTRIBUTE, READ, grantees, make_grant
from profilerepo.plans.goals import Goal
from profilerepo.principals import hash_password
from profilerepo.security.local_roles import grant
from profilerepo.security.principals import (
    DISTRICT_ADMINISTRATORS,
    logins,
    school_administrators,
    school_staff,
)
from profilerepo.security.roles import MAJORITY_AGE
from profilerepo.workflow import WorkflowEngine, project_engine

DEMO_PASSWORD = "demo-password"
LOADER = "demo-loader"
TEAM_ROLES = ("counselor", "teacher", "guardian", "student", "contributor")


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


class DistrictLoader:
    """Loads schools and staff once, then students one at a time (the caller commits)."""

    def __init__(self, site, district, password: str = DEMO_PASSWORD) -> None:
        self.site = site
        self.district = district
        # One hash for every demo user: argon2 per user would dominate loading time.
        self.password_hash = hash_password(password)
        self.names: dict[str, str] = {}
        self.engine = project_engine()

    def load_schools_and_staff(self) -> None:
        schools, principals = self.site["schools"], self.site["principals"]
        for spec in self.district.schools:
            if spec.id not in schools:
                schools.add(spec.id, School(spec.name, spec.level, spec.grades))
        for staff in self.district.staff:
            self.names[staff.login] = f"{staff.given_name} {staff.family_name}"
            if principals.get_user(staff.login) is not None:
                continue
            groups = (school_staff(staff.school_id),) if staff.school_id else ()
            if staff.role == "administrator":
                groups += (school_administrators(staff.school_id) if staff.school_id
                           else DISTRICT_ADMINISTRATORS,)
            principals.add_user(staff.login, self.names[staff.login], "staff",
                                password_hash=self.password_hash, groups=groups,
                                email=f"{staff.login}@district.example")
        for person in self.district.contributors:
            self.names[person.login] = f"{person.given_name} {person.family_name}"
            if principals.get_user(person.login) is None:
                principals.add_user(person.login, self.names[person.login], "contributor",
                                    password_hash=self.password_hash)

    def add_student(self, spec):
        """Create one student's folder, documents, family logins and roles."""
        principals = self.site["principals"]
        for guardian in spec.guardians:
            if principals.get_user(guardian.login) is None:
                principals.add_user(guardian.login,
                                    f"{guardian.given_name} {guardian.family_name}", "guardian",
                                    password_hash=self.password_hash, email=guardian.email)
        student = new_student(
            self.site, identity_values(spec), LOADER, engine=self.engine, student_id=spec.id,
            when=_noon(spec.entry_date), transcript=transcript_values(spec.transcript),
            profile=profile_values(spec.profile), plan=plan_values(spec, self.names),
        )
        self._grant_roles(student, spec)
        add_documents(student, spec, self.engine, self.district.today)
        return student

    def _grant_roles(self, student, spec) -> None:
        site, principals = self.site, self.site["principals"]
        grant(site, student, spec.counselor_login, "counselor")
        for login in spec.teacher_logins:
            grant(site, student, login, "teacher")
        for guardian in spec.guardians:
            grant(site, student, guardian.login, "guardian")
        self._grant_access(student, spec)
        if spec.login:
            user = principals.get_user(spec.login) or principals.add_user(
                spec.login, f"{spec.preferred_name or spec.given_name} {spec.family_name}",
                "student", password_hash=self.password_hash)
            user.student_id = student.__name__
            grant(site, student, spec.login, "student")


    def _grant_access(self, student, spec) -> None:
        """The family grants each tutor, mentor or therapist they brought in: a provider
        the plan names reads and contributes to the plan (logs their sessions) and reads
        the profile and portfolio; the others read all three. From the day the student
        enrolled until the end of the half-year ahead."""
        if not spec.guardians:
            return
        starts = spec.entry_date or self.district.today
        ends = self.district.today + GRANTED_AHEAD
        providers = {s.get("provider") for s in getattr(student["plan"], "supports", ())}
        for login in spec.contributor_logins:
            if login in providers:
                make_grant(self.site, student, login, ["plan"], CONTRIBUTE,
                           "Provides a service in the success plan", starts, ends,
                           by=spec.guardians[0].login, now=_noon(starts))
            make_grant(self.site, student, login,
                       ["profile", "portfolio"] if login in providers
                       else ["profile", "plan", "portfolio"], READ,
                       f"{self.district.contributor_kind(login).capitalize()} for "
                       f"{spec.preferred_name or spec.given_name}", starts, ends,
                       by=spec.guardians[0].login, now=_noon(starts))


GRANTED_AHEAD = datetime.timedelta(days=182)
REVIEW_DAYS = 14  # narratives younger than this are still in review
# A goal whose baseline is taken in a plan's first weeks was written with the plan; one
# set later joins it by an amendment.
FIRST_WEEKS = datetime.timedelta(weeks=4)


def review(engine: WorkflowEngine, narrative, spec, counselor: str,
           today: datetime.date) -> None:
    """Put a demo narrative where its age says: older ones reviewed and shared with the
    family (with the history a real review leaves), recent ones drafted or submitted."""
    written = _noon(spec.date)
    age = (today - spec.date).days
    if age < REVIEW_DAYS and age % 2 == 0:
        return  # still a draft
    engine.perform(narrative, "submit", actor=spec.author_login, roles={"author"},
                   when=written + datetime.timedelta(hours=2))
    if age < REVIEW_DAYS:
        return  # waiting for review
    engine.perform(narrative, "approve", actor=counselor, roles={"counselor"},
                   when=written + datetime.timedelta(days=2))
    engine.perform(narrative, "share", actor=counselor, roles={"counselor"},
                   comment="Shared before family conferences.",
                   when=written + datetime.timedelta(days=3))


def identity_values(spec) -> dict:
    return {"given_name": spec.given_name, "family_name": spec.family_name,
            "preferred_name": spec.preferred_name or "", "birth_date": spec.birth_date,
            "grade": spec.grade, "school": spec.school_id, "entry_date": spec.entry_date,
            "exit_date": None}


def review_date(spec) -> datetime.date:
    """The plan's annual review: a year after the meeting that last wrote it. Meetings
    happen all year round, so reviews fall from three months into the plan's period to
    its end, spread by the student's id (the same date on every load)."""
    plan = spec.plan
    first = plan.period_start + datetime.timedelta(days=91)
    days = max(0, (plan.period_end - first).days)
    return first + datetime.timedelta(days=zlib.crc32(spec.id.encode()) % (days + 1))


def plan_values(spec, names: dict[str, str]) -> dict:
    """The plan's fields, with team members by name and role."""
    plan = spec.plan
    family = {g.login: g for g in spec.guardians}
    team = []
    for login in plan.team:
        guardian = family.get(login)
        if guardian is not None:
            member = (f"{guardian.given_name} {guardian.family_name}",
                      guardian.relationship.capitalize())
        elif login == spec.counselor_login:
            member = (names.get(login, login), "Counselor")
        elif login in spec.teacher_logins:
            member = (names.get(login, login), "Teacher")
        else:
            member = (names.get(login, login), "Team member")
        team.append({"name": member[0], "role": member[1]})
    return {
        "period_start": plan.period_start, "period_end": plan.period_end,
        "review_due": review_date(spec), "team": tuple(team),
        "supports": tuple(
            {"kind": s.kind, "provider": s.provider, "setting": s.setting,
             "frequency": s.frequency, "minutes": s.minutes, "start": s.start,
             "end": s.end} for s in plan.supports),
        "accommodations": plan.accommodations,
    }


def add_documents(student, spec, engine: WorkflowEngine, today: datetime.date) -> None:
    """Goals, narratives and portfolio items into a student's (new) folder, each where a
    year of real use would have left it in its workflows."""
    counselor = {"actor": spec.counselor_login, "roles": {"counselor"}}
    plan = student["plan"]
    # written when its period starts (or the student arrives, if later): never before
    # the plan itself exists
    written = _noon(max(spec.plan.period_start, spec.entry_date))
    adopted = written + datetime.timedelta(days=1)
    later = []
    for number, g in enumerate(spec.plan.goals, start=1):
        if _noon(g.baseline_date) > adopted + FIRST_WEEKS:
            later.append((number, g))
        else:  # written with the plan (its baseline measured by then, or soon after)
            add_goal(plan, number, g, engine, written, counselor)
    # the plan is adopted with its goals, then shared with the family
    engine.perform(plan, "submit", when=written, **counselor)
    engine.perform(plan, "adopt", when=adopted, **counselor)
    engine.perform(plan, "share_with_family", when=adopted, **counselor)
    later.sort(key=lambda pair: pair[1].baseline_date)
    for number, g in later:  # a goal set later in the year joins by an amendment
        added = _noon(g.baseline_date)
        engine.perform(plan, "amend", when=added, comment=f"Adds the goal: {g.title}",
                       **counselor)
        add_goal(plan, number, g, engine, added, counselor)
        engine.perform(plan, "adopt_amendment", when=added, **counselor)
    profile = student["profile"]
    engine.perform(profile, "share_with_family", when=_noon(spec.entry_date), **counselor)
    narratives = student["narratives"]
    for number, n in enumerate(spec.narratives, start=1):
        narrative = Narrative(
            {"title": n.title, "term": n.term, "course": n.course, "body": n.body},
            n.author_login, _noon(n.date))
        narratives.add(f"narrative-{number}", narrative)
        review(engine, narrative, n, spec.counselor_login, today)
    portfolio = student["portfolio"]
    for number, item in enumerate(spec.portfolio, start=1):
        blob, content_type, size = store_file(io.BytesIO(item.data), len(item.data) + 1)
        portfolio_item = PortfolioItem({
            "title": item.title, "kind": item.kind, "description": item.description,
            "reflection": item.reflection, "filename": item.filename,
            "content_type": content_type, "size": size, "file": blob,
        }, item.added_by, _noon(item.date))
        portfolio.add(f"item-{number}", portfolio_item)
        if (today - item.date).days >= REVIEW_DAYS:  # the newest work is not shared yet
            engine.perform(portfolio_item, "share_with_family",
                           when=_noon(item.date) + datetime.timedelta(days=1), **counselor)


def add_goal(plan, number: int, g, engine: WorkflowEngine, when: datetime.datetime,
             counselor: dict) -> None:
    """One goal into the plan, written and made active at ``when`` (its history starts
    then, never before the goal exists), with its measurements."""
    goal = Goal({
        "title": g.title, "area": g.area, "measure": g.measure, "unit": g.unit,
        "higher_is_better": g.higher_is_better, "baseline_value": g.baseline_value,
        "baseline_date": g.baseline_date, "target_value": g.target_value,
        "target_date": g.target_date, "lowest": g.lowest, "highest": g.highest,
        "schedule": g.schedule,
        "responsible": tuple(g.responsible), "standard_code": g.standard_code or "",
    }, counselor["actor"], when)
    plan.goals.add(f"goal-{number}", goal)
    engine.perform(goal, "activate", when=when, **counselor)
    goal.data_points = tuple(
        {"date": p.date, "value": float(p.value), "by": p.recorded_by, "note": p.note}
        for p in g.data_points)


def transcript_values(t) -> dict:
    return {
        "courses": tuple({"term": c.term, "course": c.course, "grade": c.grade,
                          "credits": c.credits} for c in t.courses),
        "assessments": tuple({"name": a.name, "date": a.date, "score": a.score,
                              "growth": a.growth} for a in t.assessments),
        "attendance": {"days_enrolled": t.attendance.days_enrolled,
                       "days_absent": t.attendance.days_absent,
                       "tardies": t.attendance.tardies},
        "programs": t.programs,
    }


def profile_values(p) -> dict:
    return {"strengths": p.strengths, "interests": p.interests, "motivations": p.motivations,
            "needs": p.needs, "preferences": p.preferences, "learns_best": p.learns_best,
            "my_goals": p.my_goals, "my_dream": p.my_dream}


def unfinished_load(site) -> tuple[int, int, datetime.date] | None:
    """(students, seed, today) of a demo load that began in ``site`` but did not finish
    (killed or failed part-way), else None."""
    return getattr(site, "demo_load", None)


def demo_logins(site, district, chosen: dict[str, str] | None = None
                ) -> list[tuple[str, str, str]]:
    """(role, login, name) of one demo user per role, all around one well-supported student;
    and, from ``chosen`` (``demo.family.showcase``), a student of 18 holding their own
    rights, a guardian of a 17-year-old, who is told what changes at 18, the designee the
    showcase's family named and the guide a court appointed for a student in foster care."""
    principals = site["principals"]
    found: dict[str, str] = {}
    district_admins = [s.login for s in district.staff
                       if s.role == "administrator" and s.school_id is None]
    if district_admins:
        found["district administrator"] = district_admins[0]
    first = (chosen or {}).get("showcase")
    for student_id in [*([first] if first else []), *site["students"].keys()]:
        student = site["students"][student_id]
        holders = {role: logins(student.holders(role)) if role != "contributor"
                   else grantees(student, "student") for role in TEAM_ROLES}
        if all(holders.values()) and student.age() < MAJORITY_AGE - 1:
            found.update((role, logins[0]) for role, logins in holders.items())
            school_admin = next((s.login for s in district.staff if s.role == "administrator"
                                 and s.school_id == student.school), None)
            if school_admin:
                found["school administrator"] = school_admin
            break
    students = site["students"]
    for key, role, who in (("eighteen", "student aged 18", "student"),
                           ("seventeen", "guardian of a 17-year-old", "guardian")):
        student = students.get((chosen or {}).get(key, ""))
        holders = logins(student.holders(who)) if student is not None else []
        if holders:
            found[role] = holders[0]
    for key, role, kind in (("showcase", "designee", DESIGNEE),
                            ("foster", "court-appointed guide", GUIDE)):
        student = students.get((chosen or {}).get(key, ""))
        named = [d.login for d in live_designees(student) if d.kind == kind] \
            if student is not None else []
        if named:
            found[role] = named[0]
    order = ("district administrator", "school administrator", *TEAM_ROLES,
             "student aged 18", "guardian of a 17-year-old", "designee",
             "court-appointed guide")
    return [(role, found[role], principals.get_user(found[role]).title) for role in order
            if role in found and principals.get_user(found[role]) is not None]
