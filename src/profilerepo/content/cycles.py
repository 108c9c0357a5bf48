"""Review cycles: an administrator asks a school (or the district) for annual plan
reviews or a marking period's progress reports, by a due date, and follows them.

Opening a cycle over thousands of students is a long job: ``start_cycle``
records what the cycle covers (students still to open), and ``open_batch``
opens the next batch in one transaction, so a caller commits per batch and
shows progress, and a job cut off resumes where it stopped. What a cycle
covers is recorded by path; its counts read the workflow state index, so a
cycle page loads no documents.
"""
from __future__ import annotations

import datetime
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass
from itertools import islice

import colander
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow
from ZODB.POSException import ConflictError

from profilerepo.content import fields
from profilerepo.content.folder import Folder
from profilerepo.database import site_connection
from profilerepo.plans.progress import day
from profilerepo.security.principals import (
    DISTRICT_ADMINISTRATORS,
    logins,
    school_administrators,
)
from profilerepo.security.roles import ADD, MANAGE, VIEW
from profilerepo.workflow import group
from profilerepo.workflow.index import path_of, resolve, state_index

log = logging.getLogger(__name__)

PLAN_REVIEW = "plan-review"
PROGRESS_REPORTS = "progress-reports"


@dataclass(frozen=True)
class Kind:
    """What a kind of cycle asks for: which workflow its items follow, and when an item
    counts as finished."""

    title: str
    workflow: str
    finished: str  # the workflow's group of states in which an item counts as finished
    item: str  # what one item is, in words


KINDS = {
    PLAN_REVIEW: Kind("Annual plan review", "plan-lifecycle", "review done", "plan"),
    PROGRESS_REPORTS: Kind("Marking-period progress reports", "progress-report",
                           "shared with the family", "progress report"),
}

OPENING, OPEN, CLOSED = "opening", "open", "closed"


class CycleSchema(colander.MappingSchema):
    kind = fields.choice("Kind of cycle", [(k, v.title) for k, v in KINDS.items()])
    scope = colander.SchemaNode(colander.String(), title="For",
                                widget=colander.deferred(lambda node, kw: kw["scope_widget"]),
                                validator=colander.deferred(
                                    lambda node, kw: fields.one_of(kw["scope_ids"])))
    period = fields.text("Marking period", max_length=120,
                         description="For progress reports, e.g. Marking period 2")
    due = fields.date("Due")
    due.validator = colander.deferred(lambda node, kw: _not_before(kw["today"]))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_period_for_reports, **kw)


def _not_before(today: datetime.date):
    """A due date from ``today`` on: a cycle due in the past would make every item it
    opens overdue at once."""
    def check(node: colander.SchemaNode, value: datetime.date) -> None:
        if value < today:
            raise colander.Invalid(node, f"The due date {day(value)} has already passed; "
                                         f"choose today ({day(today)}) or a later date")
    return check


def _period_for_reports(form, value: dict) -> None:
    if value.get("kind") == PROGRESS_REPORTS and not (value.get("period") or "").strip():
        error = colander.Invalid(form)
        error["period"] = "Name the marking period the reports are for"
        raise error


class Cycle(Persistent):
    """One review cycle. ``items`` maps each covered document's path to its student."""

    __name__: str | None = None
    __parent__ = None
    type_title = "Review cycle"

    def __init__(self, kind: str, scope: str, due: datetime.date, by: str,
                 period: str = "", when: datetime.datetime | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of cycle {kind!r}")
        self.kind = kind
        self.scope = scope  # a school id, or "" for the whole district
        self.due = due
        self.period = period.strip()
        self.opened_by = by
        self.opened_at = when or datetime.datetime.now(datetime.UTC)
        self.status = OPENING
        self.to_open = OOTreeSet()  # student ids not yet opened
        self.total_students = 0
        self.opened_students = Length()
        self.items = OOBTree()
        self.skipped = OOBTree()  # state the student's plan was in -> how many
        self.failed = OOBTree()   # student id -> what went wrong opening it
        self.closed_by = ""
        self.closed_at: datetime.datetime | None = None
        self.unfinished: tuple[str, ...] = ()

    @property
    def is_closed(self) -> bool:
        """Closed by an administrator: its record is final (pages ask this, never the
        status word)."""
        return self.status == CLOSED

    @property
    def __acl__(self) -> tuple:
        aces = [(Allow, DISTRICT_ADMINISTRATORS, (VIEW, MANAGE))]
        if self.scope:
            aces.append((Allow, school_administrators(self.scope), (VIEW, MANAGE)))
        return (*aces, DENY_ALL)

    @property
    def kind_info(self) -> Kind:
        return KINDS[self.kind]

    @property
    def title(self) -> str:
        period = f", {self.period}" if self.kind == PROGRESS_REPORTS and self.period else ""
        return f"{self.kind_info.title}{period}"

    @property
    def report_name(self) -> str:
        return f"report-{self.__name__}"

    def states(self, site) -> Counter:
        """How many covered items are in each state of the kind's workflow."""
        index, workflow = state_index(site), self.kind_info.workflow
        return Counter(index.state(workflow, path) or "gone" for path in self.items.keys())

    def unfinished_paths(self, site) -> list[str]:
        index, kind = state_index(site), self.kind_info
        finished = group(kind.workflow, kind.finished)
        return [path for path in self.items.keys()
                if index.state(kind.workflow, path) not in finished]

    def finished_count(self, site) -> int:
        """How many covered items are finished."""
        return len(self.items) - len(self.unfinished_paths(site))

    def percent_complete(self, site) -> int:
        if not len(self.items):
            return 100 if self.status != OPENING else 0
        return int(100 * self.finished_count(site) / len(self.items))


class Cycles(Folder):
    """Every review cycle, newest last. District administrators open cycles anywhere;
    a school's administrators open them for their school."""

    title = "Review cycles"

    @property
    def __acl__(self) -> tuple:
        site = self.__parent__
        schools = site["schools"].keys() if site is not None else ()
        return ((Allow, DISTRICT_ADMINISTRATORS, (VIEW, ADD)),
                *((Allow, school_administrators(s), (VIEW, ADD)) for s in schools), DENY_ALL)


def cycles_of(site) -> Cycles:
    """The site's cycles folder (made on first use in a site from before cycles)."""
    if "cycles" not in site:
        site.add("cycles", Cycles())
    return site["cycles"]


def start_cycle(site, kind: str, scope: str, due: datetime.date, by: str,
                period: str = "", when=None) -> Cycle:
    """Record a new cycle and the students it will cover; ``open_batch`` opens them."""
    cycles = cycles_of(site)
    cycle = Cycle(kind, scope, due, by, period, when)
    number = len(cycles) + 1
    while f"cycle-{number}" in cycles:
        number += 1
    cycles.add(f"cycle-{number}", cycle)
    if scope:
        ids = site["schools"][scope].student_ids()
    else:
        ids = list(site["students"].keys())
    cycle.to_open.update(ids)
    cycle.total_students = len(ids)
    return cycle


def open_batch(site, cycle: Cycle, engine, size: int = 200) -> int:
    """Open the next ``size`` students of an opening cycle: their active plans enter
    review, or a draft progress report is made for each adopted plan. Returns how many
    students it took; the cycle is open once none are left. One transaction's work."""
    taken = list(islice(cycle.to_open, size))
    students = site["students"]
    for student_id in taken:
        cycle.to_open.remove(student_id)
        student = students.get(student_id)
        if student is None:
            continue  # left the district since the cycle started
        try:
            _open_one(engine, cycle, student)
        except Exception as error:  # one bad record must not stop a district's cycle
            if isinstance(error, ConflictError):
                raise
            log.exception("review cycle %s: student %s not opened", cycle.__name__,
                          student_id)
            cycle.failed[student_id] = f"{type(error).__name__}: {error}"[:300]
    cycle.opened_students.change(len(taken))
    if not len(cycle.to_open):
        cycle.status = OPEN
    return len(taken)


def _open_one(engine, cycle: Cycle, student) -> None:
    plan, lifecycle = student["plan"], engine.workflows["plan-lifecycle"]
    state = engine.state_of(plan, "plan-lifecycle").name
    actor = {"actor": cycle.opened_by, "roles": {"administrator"}}
    # A plan is reviewed where its review can begin (once in force); progress is
    # reported on plans that have been adopted (and are not closed).
    if cycle.kind == PLAN_REVIEW and state in lifecycle.transitions["begin_review"].sources:
        engine.perform(plan, "begin_review", comment=f"{cycle.title}, due "
                                                    f"{day(cycle.due)}.", **actor)
        if plan.review_due != cycle.due:  # the plan says the date the cycle asks for
            plan.record({"review_due": cycle.due}, by=cycle.opened_by)
        cycle.items[path_of(plan)] = student.__name__
    elif cycle.kind == PROGRESS_REPORTS and state in lifecycle.group("reported on"):
        report = _new_report(engine, plan, cycle)
        cycle.items[path_of(report)] = student.__name__
    else:
        cycle.skipped[state] = cycle.skipped.get(state, 0) + 1


def _new_report(engine, plan, cycle: Cycle):
    from profilerepo.plans.reports import ProgressReport, draft_report_text

    name = cycle.report_name
    report = plan.reports.get(name)
    if report is None:
        report = ProgressReport({"period": cycle.period, "body": draft_report_text(plan)},
                                cycle.opened_by)
        report.cycle = cycle.__name__
        plan.reports.add(name, report)  # (it starts in its workflow as it is added)
    return report


def close_cycle(site, cycle: Cycle, by: str, when=None) -> list[str]:
    """Close the cycle, keeping the paths of what was left unfinished (returned)."""
    cycle.unfinished = tuple(cycle.unfinished_paths(site))
    cycle.status = CLOSED
    cycle.closed_by = by
    cycle.closed_at = when or datetime.datetime.now(datetime.UTC)
    return list(cycle.unfinished)


def cycle_closed_for(site, document) -> bool:
    """Whether ``document`` was asked for by a cycle now closed: closing ends what the
    cycle asked, so its unwritten reports are no longer due from anyone."""
    name = getattr(document, "cycle", "")
    if not name or "cycles" not in site:
        return False
    cycle = site["cycles"].get(name)
    return cycle is not None and cycle.status == CLOSED


def behind_by_person(site, cycle: Cycle) -> dict[tuple[str, str], list]:
    """While a cycle is open: (role, login) -> the unfinished items (documents) waiting
    for that person, most first, each item counted once. Both kinds wait on the student's
    counselor: a plan review is theirs to finish, and a progress report is signed by them
    (teachers may add to it, but it is not waiting for each of them). Items of a student
    with no counselor are listed under login ""."""
    if cycle.status == CLOSED:
        return {}
    found: dict[tuple[str, str], list] = {}
    for path in cycle.unfinished_paths(site):
        document = resolve(site, path)
        if document is None:
            continue
        counselors = logins(document.student.holders("counselor"))
        found.setdefault(("counselor", counselors[0] if counselors else ""),
                         []).append(document)
    for documents in found.values():
        documents.sort(key=lambda d: d.student.sort_key)
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0][1])))


RETRIES = 10


def run_opening(db, engine, root_key: str, name: str, size: int = 200,
                on_batch=None, registry=None) -> None:
    """Open cycle ``name`` to the end, one committed transaction per batch (a batch that
    loses a conflict with someone's edit is redone on fresh data). ``on_batch(done,
    total)`` hears of each batch; ``registry`` (the application's) hears its events.
    Safe to run again on a cycle cut off half way."""
    try:
        with site_connection(db, registry, root_key=root_key, commit=False) as opened:
            while True:
                for attempt in range(RETRIES):
                    try:
                        opened.manager.begin()
                        site = opened.site
                        cycle = site["cycles"][name]
                        if cycle.status != OPENING:
                            return
                        open_batch(site, cycle, engine, size)
                        done, total = cycle.opened_students(), cycle.total_students
                        opened.commit()
                        break
                    except ConflictError:
                        opened.abort()
                        if attempt == RETRIES - 1:
                            raise
                        time.sleep(random.uniform(0, 0.05 * 2 ** attempt))  # let users win
                if on_batch is not None:
                    on_batch(done, total)
                opened.connection.cacheGC()
    except Exception:
        log.exception("opening review cycle %s stopped; it resumes on the next start", name)
        raise
