"""A counselor's home panel: the caseload as a table to filter, search, sort and page,
goals at risk first; only the page of rows shown is rendered."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo.plans import progress
from profilerepo.security.access import Access
from profilerepo.views.home.caseload_query import PAGE_SIZE, CaseloadQuery
from profilerepo.views.home.goals import active_goals
from profilerepo.views.team_finder import name_matches

REVIEW_SOON = datetime.timedelta(days=30)  # a plan's review this close is "due"
PLAN_WORKFLOW = "plan-lifecycle"
GRADES = ("K", *(str(g) for g in range(1, 13)))


@dataclass(frozen=True)
class CaseloadRow:
    """A counselor's student: goals at risk first, the plan's state and review date."""

    student: object
    at_risk: list  # (goal, status) of the goals at risk
    counts: dict  # status name -> how many active goals
    review_due: datetime.date | None
    review_soon: bool  # overdue or within REVIEW_SOON
    plan_state: str = ""  # the plan's lifecycle state, in words

    @property
    def order(self) -> tuple:
        return (-len(self.at_risk), not self.review_soon,
                self.review_due or datetime.date.max, self.student.sort_key)


@dataclass(frozen=True)
class CaseloadPage:
    """One page of the filtered, sorted caseload, and what the filter form offers."""

    rows: list[CaseloadRow]
    matching: int
    query: CaseloadQuery
    page: int
    pages: int
    schools: list[tuple[str, str]]
    grades: list[str]
    statuses: list[tuple[str, str]]


def _rows(access, students, day, state_titles: dict) -> list[CaseloadRow]:
    rows, can_view = [], access.can_view
    for student in students:
        plan, goals = active_goals(can_view, student)
        statuses = [(goal, progress.goal_status(goal, day)) for goal in goals]
        counts = {name: sum(1 for _, s in statuses if s.name == name)
                  for name in (progress.AT_RISK, progress.ON_TRACK, progress.NOT_ENOUGH_DATA)}
        due = plan.review_due if plan is not None else None
        state = _plan_state(plan) if plan is not None else ""
        rows.append(CaseloadRow(student, [(g, s) for g, s in statuses
                                          if s.name == progress.AT_RISK],
                                counts, due, due is not None and due - day <= REVIEW_SOON,
                                state_titles.get(state, "")))
    return rows


def _plan_state(plan) -> str:
    return getattr(plan, "workflow_states", {}).get(PLAN_WORKFLOW, "")


def _sort_key(sort: str, day: datetime.date):
    if sort == "name":
        return lambda row: row.student.sort_key
    if sort == "review":
        return lambda row: (row.review_due or datetime.date.max, row.student.sort_key)
    if sort == "grade":
        return lambda row: (GRADES.index(row.student.grade) if row.student.grade in GRADES
                            else len(GRADES), row.student.sort_key)
    return lambda row: row.order


def caseload_page(request, access: Access, students: list,
                  day: datetime.date) -> CaseloadPage:
    """The page of the caseload the address asks for. The cheap filters (name, school,
    grade, plan state, review date) go first, so goals are assessed only for the rest."""
    query = CaseloadQuery.read(request.GET)
    workflow = request.registry.workflows.workflows[PLAN_WORKFLOW]
    titles = {name: state.title for name, state in workflow.states.items()}
    wanted = [s for s in students if _kept(s, query, day, access)]
    rows = _rows(access, wanted, day, titles)
    if query.at_risk:
        rows = [row for row in rows if row.at_risk]
    rows.sort(key=_sort_key(query.sort, day), reverse=query.descending)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(query.page, pages)
    school_titles = {s.__name__: s.title for s in request.site["schools"].values()}
    schools = sorted({s.school for s in students if s.school})
    return CaseloadPage(
        rows=rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], matching=len(rows), query=query,
        page=page, pages=pages,
        schools=[(sid, school_titles.get(sid, sid)) for sid in schools],
        grades=[g for g in GRADES if any(s.grade == g for s in students)],
        statuses=[(name, state.title) for name, state in workflow.states.items()])


def _kept(student, query: CaseloadQuery, day: datetime.date, access: Access) -> bool:
    if query.school and student.school != query.school:
        return False
    if query.grade and student.grade != query.grade:
        return False
    if query.search and not name_matches(
            query.search, f"{student.title} {student.family_name}, {student.first_name}"):
        return False
    if query.status or query.review_due:
        plan = student.get("plan")
        if plan is None or not access.can_view(plan):
            return False
        if query.status and _plan_state(plan) != query.status:
            return False
        if query.review_due and (plan.review_due is None
                                 or plan.review_due - day > REVIEW_SOON):
            return False
    return True
