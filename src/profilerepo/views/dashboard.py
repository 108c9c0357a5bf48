"""The home page after login: one panel per role the person holds."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo import progress
from profilerepo.content.site import DISTRICT_ADMINISTRATORS, Site, administered_school_ids
from profilerepo.security.local_roles import student_ids
from profilerepo.security.policy import PageAccess
from profilerepo.views import template
from profilerepo.views.display import today
from profilerepo.views.worklists import worklists_for
from profilerepo.workflow.index import resolve, state_index

REVIEW_SOON = datetime.timedelta(days=30)  # a plan's review this close is "due"

PANELS = (
    ("counselor", "My caseload", "Students whose success plans you keep."),
    ("teacher", "My students", "Students in your classes."),
    ("guardian", "My children", "Your children's records."),
    ("contributor", "Students I support", "Students whose families gave you access."),
)


@dataclass(frozen=True)
class Panel:
    role: str
    heading: str
    intro: str
    students: list
    rows: list = field(default_factory=list)  # the role's own view of them, if any


@dataclass(frozen=True)
class CaseloadRow:
    """A counselor's student: goals at risk first, the plan's review date."""

    student: object
    at_risk: list  # (goal, status) of the goals at risk
    counts: dict  # status name -> how many active goals
    review_due: datetime.date | None
    review_soon: bool  # overdue or within REVIEW_SOON

    @property
    def order(self) -> tuple:
        return (-len(self.at_risk), not self.review_soon,
                self.review_due or datetime.date.max, self.student.sort_key)


@dataclass(frozen=True)
class GoalRow:
    """A goal a teacher is responsible for, and when its next measurement is due."""

    student: object
    goal: object
    status: progress.Status
    last: datetime.date | None
    due: datetime.date | None
    overdue: bool


@dataclass(frozen=True)
class NarrativeRow:
    """A narrative the teacher wrote that is still theirs to work on."""

    student: object
    narrative: object
    changed: datetime.date  # last saved, or moved to its state, whichever came later


@dataclass(frozen=True)
class TeacherRows:
    """A teacher's panel: the goals they measure, their drafts and returned narratives."""

    goals: list  # GoalRow
    drafts: list  # NarrativeRow
    returned: list  # NarrativeRow


@dataclass(frozen=True)
class ChildGoals:
    """A guardian's child: the goals they may see, with charts, and the latest report."""

    student: object
    goals: list  # (goal, status, chart)
    report: object | None


def _active_goals(can_view, student):
    """The student's plan and its active goals this user may view ([] if not the plan).

    One goal is asked for all: who may view a goal follows from its state (all are
    active here), the plan and the roles on the student, the same for each of them."""
    plan = student.get("plan")
    if plan is None or not can_view(plan):
        return None, []
    active = [goal for goal in plan.goals.values() if goal.lifecycle_state == "active"]
    if active and not can_view(active[0]):
        return plan, []
    return plan, active


def caseload(access: PageAccess, students: list, day: datetime.date) -> list[CaseloadRow]:
    rows, can_view = [], access.can_view
    for student in students:
        plan, goals = _active_goals(can_view, student)
        statuses = [(goal, progress.goal_status(goal, day)) for goal in goals]
        counts = {name: sum(1 for _, s in statuses if s.name == name)
                  for name in (progress.AT_RISK, progress.ON_TRACK, progress.NOT_ENOUGH_DATA)}
        due = plan.review_due if plan is not None else None
        rows.append(CaseloadRow(student, [(g, s) for g, s in statuses
                                          if s.name == progress.AT_RISK],
                                counts, due, due is not None and due - day <= REVIEW_SOON))
    return sorted(rows, key=lambda row: row.order)


def responsible_goals(access: PageAccess, students: list, login: str,
                      day: datetime.date) -> list[GoalRow]:
    rows, can_view = [], access.can_view
    for student in students:
        plan = student.get("plan")
        mine = [goal for goal in plan.goals.values()
                if login in goal.responsible and goal.lifecycle_state == "active"] \
            if plan is not None else []
        if not mine or not can_view(plan):
            continue  # (most of a teacher's students: no permission check needed)
        for goal in mine:
            if not can_view(goal):
                continue
            points = progress.points_of(goal)
            due = progress.next_measurement(progress.Goal.of(goal), goal.schedule, points)
            rows.append(GoalRow(student, goal, progress.goal_status(goal, day),
                                points[-1][0] if points else None, due,
                                due is not None and due <= day))
    return sorted(rows, key=lambda r: (r.due or datetime.date.max, r.student.sort_key))


NARRATIVE_REVIEW = "narrative-review"


def my_narratives(request, access: PageAccess, students: list, state: str) -> list[NarrativeRow]:
    """The narratives the user wrote about ``students`` that are in ``state`` of the review,
    most recently changed first (found in the state index: no folder is walked)."""
    site, login, zone = request.site, request.user.login, request.registry.timezone
    index, rows = state_index(site), []
    for student in students:
        for path in index.paths(NARRATIVE_REVIEW, state, student.__name__):
            narrative = resolve(site, path)
            if narrative is None or narrative.creator != login or not access.can_view(narrative):
                continue
            moved = [h.time for h in narrative.workflow_history if h.target == state
                     and (h.workflow or NARRATIVE_REVIEW) == NARRATIVE_REVIEW]
            changed = max(filter(None, (narrative.modified, *moved[-1:])))
            rows.append(NarrativeRow(student, narrative, changed.astimezone(zone).date()))
    return sorted(rows, key=lambda r: r.changed, reverse=True)


def children(request, access: PageAccess, students: list, day: datetime.date) -> list[ChildGoals]:
    from profilerepo.views.goals import chart_of

    found, can_view = [], access.can_view
    for student in students:
        plan, goals = _active_goals(can_view, student)
        reports = ([r for r in plan.reports.values() if can_view(r)]
                   if plan is not None else [])
        latest = max(reports, key=lambda r: r.created, default=None)
        shown = []
        for goal in goals:
            status = progress.goal_status(goal, day)
            shown.append((goal, status, chart_of(request, goal, status)))
        found.append(ChildGoals(student, shown, latest))
    return found


@dataclass(frozen=True)
class ProvidedServices:
    """A student whose plan in force names this outside provider on supports."""

    student: object
    plan: object
    supports: tuple  # the supports they log sessions of


def provided_services(engine, access: PageAccess, students: list,
                      login: str) -> list[ProvidedServices]:
    from profilerepo.views.documents import loggable_supports

    rows = []
    for student in students:
        plan = student.get("plan")
        mine = (loggable_supports(engine, plan, login, access.roles_on(plan))
                if plan is not None else ())
        if mine:
            rows.append(ProvidedServices(student, plan, mine))
    return rows


def students_by_name(site, ids) -> list:
    students = site["students"]
    found = (students.get(sid) for sid in ids)
    return sorted((s for s in found if s is not None), key=lambda s: s.sort_key)


def administered_schools(site, user) -> list:
    """The schools this user administers (all of them for district administrators)."""
    schools = site["schools"]
    if DISTRICT_ADMINISTRATORS in user.groups:
        return list(schools.values())
    return [schools[i] for i in administered_school_ids(user.groups) if i in schools]


@view_config(context=Site, permission=NO_PERMISSION_REQUIRED,
             renderer=template("dashboard.pt"))
def dashboard(context, request):
    user = request.user
    if user is None:
        return HTTPSeeOther(request.application_url + "/login")
    site = request.site
    panels = []
    day = today(request)
    access = PageAccess(request)  # (the page changes nothing: roles worked out once)
    for role, heading, intro in PANELS:
        ids = student_ids(site, user.login, role)
        if not ids:
            continue
        students = students_by_name(site, ids)
        if role == "counselor":
            rows = caseload(access, students, day)
        elif role == "teacher":
            rows = TeacherRows(responsible_goals(access, students, user.login, day),
                               my_narratives(request, access, students, "draft"),
                               my_narratives(request, access, students, "returned"))
        elif role == "guardian":
            rows = children(request, access, students, day)
        elif role == "contributor":
            rows = provided_services(request.registry.workflows, access, students, user.login)
        else:
            rows = []
        panels.append(Panel(role, heading, intro, students, rows))
    own = site["students"].get(user.student_id) if user.student_id else None
    schools = administered_schools(site, user)
    school_titles = {s.__name__: s.title for s in site["schools"].values()}
    waiting = [w for w in worklists_for(request, access) if w.documents]
    return {"panels": panels, "own": own, "schools": schools, "school_titles": school_titles,
            "waiting": waiting, "today": day,
            "is_district": DISTRICT_ADMINISTRATORS in user.groups}
