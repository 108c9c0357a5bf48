"""The success plan: team, supports and services, accommodations and goals.

It works like an IEP for every student: measurable goals with a baseline,
a target and progress data, reviewed with the family on a cycle.
"""
from __future__ import annotations

import datetime

import colander
import deform.widget

from profilerepo.content import fields
from profilerepo.content.dated_log import DatedLog, log_of, logged
from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
from profilerepo.plans import progress
from profilerepo.security.roles import section_acl

SETTINGS = ("in school", "out of school")
AREAS = ("academic", "social-emotional", "attendance", "career", "communication",
         "executive function")


class TeamMemberSchema(colander.MappingSchema):
    name = fields.text("Name", required=True, max_length=120)
    role = fields.text("Role on the team", required=True, max_length=120)


def _period(form: colander.SchemaNode, value: dict, start: str, end: str, label: str) -> None:
    if value.get(start) and value.get(end) and value[end] < value[start]:
        error = colander.Invalid(form)
        error[end] = f"The {label} is before the start"
        raise error


class SupportSchema(colander.MappingSchema):
    kind = fields.text("Support or service", required=True, max_length=200)
    provider = fields.text("Provider", required=True, max_length=200)
    setting = fields.choice("Where", SETTINGS)
    frequency = fields.text("How often", required=True, max_length=80)
    minutes = fields.integer("Minutes a session", minimum=1, maximum=600)
    start = fields.date("Start")
    end = fields.date("End")

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=lambda f, v: _period(f, v, "start", "end", "end"),
                         **kw)


class PlanSchema(colander.MappingSchema):
    period_start = fields.date("Plan starts")
    period_end = fields.date("Plan ends")
    review_due = fields.date("Annual review due")
    team = fields.rows("Team", TeamMemberSchema(name="member"), add_text="Add a team member")
    supports = fields.rows("Supports and services", SupportSchema(name="support"),
                           add_text="Add a support")
    accommodations = fields.text("Accommodations", rows=4)

    def __init__(self, *args, **kw):
        super().__init__(
            *args,
            validator=lambda f, v: _period(f, v, "period_start", "period_end", "plan's end"),
            **kw,
        )


class Goals(Folder):
    """The plan's goals, keyed by name."""

    section = "plan"
    title = "Goals"

    @property
    def __acl__(self) -> tuple:
        return section_acl(self.section)


class Plan(Document):
    """A success plan for one period; its goals live in ``plan['goals']``."""

    type_title = "Success plan"
    section = "plan"
    workflow_chain = ("plan-lifecycle", "sharing")
    schema = PlanSchema
    fields = ("period_start", "period_end", "review_due", "team", "supports", "accommodations")
    period_start = period_end = review_due = None
    team: tuple = ()
    supports: tuple = ()
    accommodations = ""

    service_log: DatedLog | None = None  # the sessions delivered (None: not made yet)

    def __init__(self, values: dict, by: str, when=None) -> None:
        super().__init__(values, by, when)
        self.service_log = DatedLog()
        self.goals = Goals()
        self.goals.__name__, self.goals.__parent__ = "goals", self
        self.reports = ProgressReports()
        self.reports.__name__, self.reports.__parent__ = "reports", self

    def __getitem__(self, name: str):
        if name in ("goals", "reports"):
            return getattr(self, name)
        raise KeyError(name)

    @property
    def subfolders(self) -> tuple:
        return (self.goals, self.reports)

    sessions = logged("service_log", "sessions",
                      "The service log: sessions delivered, in date order.")


@colander.deferred
def _responsible_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=kw.get("staff_choices", ()))


@colander.deferred
def _responsible_validator(node, kw):
    """Only people offered on the form: the team's staff (and whoever is already named)."""
    return colander.ContainsOnly([login for login, _ in kw.get("staff_choices", ())])


# No measure a goal uses goes past a million either way (a goal names its own, narrower
# range in ``lowest`` and ``highest``); a goal runs ten years at most.
LARGEST = 1_000_000.0
LONGEST_GOAL_YEARS = 10


def _goal_checks(form: colander.SchemaNode, value: dict) -> None:
    """Dates in order and on a sane calendar; values within the measure's range."""
    _period(form, value, "baseline_date", "target_date", "target date")
    problems = {}
    start, target = value.get("baseline_date"), value.get("target_date")
    if start is not None and target is not None:
        latest = _years_after(start, LONGEST_GOAL_YEARS)
        if target > latest:
            problems["target_date"] = (
                f"Enter a date from {progress.day(start)} to {progress.day(latest)} "
                f"(a goal runs {LONGEST_GOAL_YEARS} years at most)")
    lowest, highest = value.get("lowest"), value.get("highest")
    for name in ("lowest", "highest"):
        problem = out_of_range(value.get(name), None, None)
        if problem:
            problems[name] = problem
    if not problems.keys() & {"lowest", "highest"}:
        if lowest is not None and highest is not None and highest <= lowest:
            problems["highest"] = "The highest possible value must be above the lowest"
        else:
            for name in ("baseline_value", "target_value"):
                problem = out_of_range(value.get(name), lowest, highest)
                if problem:
                    problems[name] = problem
    if problems:
        error = colander.Invalid(form)
        for name, problem in problems.items():
            error[name] = problem
        raise error


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def out_of_range(value, lowest, highest) -> str:
    """Why ``value`` lies outside the measure's range (its own ``lowest`` and ``highest``,
    or else ``LARGEST`` either way), or "" if it does not."""
    low = -LARGEST if lowest is None else lowest
    high = LARGEST if highest is None else highest
    if value is None:
        return ""
    if value < low:
        return f"The lowest possible value is {_figure(low)}"
    if value > high:
        return f"The highest possible value is {_figure(high)}"
    return ""


def _figure(number: float) -> str:
    """A bound as people write it: 250, 0.5, 1,000,000."""
    return f"{number:,.6f}".rstrip("0").rstrip(".")


class GoalSchema(colander.MappingSchema):
    title = fields.text("Goal", required=True, rows=2, max_length=500,
                        description="A measurable sentence: who, what, how much, by when")
    area = fields.choice("Area", AREAS)
    measure = fields.text("How it is measured", required=True, max_length=300)
    unit = fields.text("Unit", required=True, max_length=80)
    higher_is_better = colander.SchemaNode(colander.Boolean(), title="Higher is better",
                                           default=True, missing=False)
    baseline_value = fields.number("Baseline (present level)")
    baseline_date = fields.date("Baseline date", not_after_today=True)
    target_value = fields.number("Target")
    target_date = fields.date("Target date")
    lowest = fields.number("Lowest possible value", required=False,
                           description="Leave empty when the measure has no floor")
    highest = fields.number("Highest possible value", required=False,
                            description="For example 100 for a percentage; empty for none")
    schedule = fields.text("Measured", required=True, max_length=80,
                           description="For example: every two weeks")
    responsible = colander.SchemaNode(colander.Set(), title="Responsible staff",
                                      widget=_responsible_widget,
                                      validator=_responsible_validator, missing=())
    standard_code = fields.text("Standard (optional)", max_length=80)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_goal_checks, **kw)


@colander.deferred
def _support_choices(node, kw):
    return deform.widget.SelectWidget(
        values=[("", "- choose -"), *((k, k) for k in _kinds(_offered(kw)))])


@colander.deferred
def _session_checks(node, kw):
    """A session is of one of the plan's supports offered, within its dates."""
    supports = _offered(kw)

    def check(form: colander.SchemaNode, value: dict) -> None:
        error = colander.Invalid(form)
        support = next((s for s in supports if s["kind"] == value.get("support")), None)
        when = value.get("date")
        if support is None:
            error["support"] = "Choose one of the plan's supports and services"
        elif when is not None and support.get("start") and when < support["start"]:
            error["date"] = f"That is before this support started ({support['start']:%-d %B %Y})"
        elif when is not None and support.get("end") and when > support["end"]:
            error["date"] = f"That is after this support ended ({support['end']:%-d %B %Y})"
        if error.children:
            raise error

    return check


def _offered(kw) -> tuple:
    """The supports a session form offers: those it was bound with, else all the plan's."""
    return kw.get("supports", kw["plan"].supports)


def _kinds(supports) -> list[str]:
    return list(dict.fromkeys(s["kind"] for s in supports))


def support_kinds(plan) -> list[str]:
    return _kinds(plan.supports)


class SessionSchema(colander.MappingSchema):
    """One session delivered of a plan's support (bind with ``plan=``, and ``supports=``
    to offer only some of them)."""

    support = colander.SchemaNode(colander.String(), title="Support or service",
                                  widget=_support_choices)
    date = fields.date("Date", not_after_today=True)
    minutes = fields.integer("Minutes delivered", minimum=1, maximum=600)
    provider = fields.text("Provided by", required=True, max_length=200)
    note = fields.text("Note (optional)", max_length=500, rows=3)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_session_checks, **kw)


def log_session(plan: Plan, values: dict, by: str) -> None:
    """Keep a delivered session in the plan's service log, in date order."""
    session = {"support": values["support"], "date": values["date"],
               "minutes": int(values["minutes"]), "provider": values["provider"],
               "note": values.get("note", ""), "by": by}
    log_of(plan, "service_log", "sessions").append(session)


def delivery(plan: Plan, today: datetime.date) -> list[dict]:
    """Per support: minutes planned to date (None if its frequency says no number),
    minutes delivered and sessions logged."""
    rows, sessions = [], plan.sessions
    for support in plan.supports:
        logged = [s for s in sessions if s["support"] == support["kind"]]
        rows.append({"support": support, "sessions": len(logged),
                     "delivered": sum(s["minutes"] for s in logged),
                     "planned": progress.planned_minutes(support, today, plan.period_start,
                                                         plan.period_end)})
    return rows


class GoalNotActive(ValueError):
    """Progress data for a goal that is not active."""


@colander.deferred
def _point_checks(node, kw):
    """A measurement must be a value the measure can take, taken from the baseline on."""
    goal = kw["goal"]

    def check(form: colander.SchemaNode, value: dict) -> None:
        error = colander.Invalid(form)
        problem = out_of_range(value.get("value"), goal.lowest, goal.highest)
        if problem:
            error["value"] = f"{problem}, in {goal.unit}" if goal.unit else problem
        when = value.get("date")
        if when is not None and goal.baseline_date and when < goal.baseline_date:
            error["date"] = (f"That is before the goal's starting date "
                             f"({progress.day(goal.baseline_date)})")
        if error.children:
            raise error

    return check


class DataPointSchema(colander.MappingSchema):
    """One progress measurement (bind with ``goal=``)."""

    date = fields.date("Date measured", not_after_today=True)
    value = fields.number("Value")
    note = fields.text("Note (optional)", max_length=500,
                       description="Anything that helps read this value")

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_point_checks, **kw)


class RevisionSchema(GoalSchema):
    """The new goal, and why the old one is being replaced."""

    reason = fields.text("Why revise this goal", required=True, rows=3, max_length=2000,
                         description="Kept in the old goal's history, for the staff who "
                                     "review the plan")


class Goal(Document):
    """A measurable goal with its baseline, target and progress data."""

    type_title = "Goal"
    section = "plan"
    workflow_chain = ("goal-lifecycle",)
    schema = GoalSchema
    fields = ("title", "area", "measure", "unit", "higher_is_better", "baseline_value",
              "baseline_date", "target_value", "target_date", "lowest", "highest", "schedule",
              "responsible", "standard_code")
    title = area = measure = unit = schedule = standard_code = ""
    higher_is_better = True
    baseline_value = target_value = 0.0
    lowest = highest = None  # the measure's possible range (None: open on that side)
    baseline_date = target_date = None
    responsible: tuple = ()
    measurements: DatedLog | None = None  # the progress data (None: not made yet)

    def __init__(self, values: dict, by: str, when=None) -> None:
        super().__init__(values, by, when)
        self.measurements = DatedLog()

    data_points = logged("measurements", "data_points",
                         "The progress measurements, in date order.")

    @data_points.setter
    def data_points(self, points) -> None:
        """Replace every measurement (a loader's or a test's way to set them)."""
        log = log_of(self, "measurements", "data_points")
        log.clear()
        log.extend(points)

    def record(self, values: dict, by: str, when=None):
        if "responsible" in values:
            values = {**values, "responsible": tuple(sorted(values["responsible"]))}
        return super().record(values, by, when)

    revises = ""     # the name of the goal this one replaced, if a revision
    revised_by = ""  # the name of the goal that replaced this one

    @property
    def lifecycle_state(self) -> str:
        return getattr(self, "workflow_states", {}).get("goal-lifecycle", "proposed")

    @property
    def takes_data(self) -> bool:
        """Progress data is recorded only while the goal is active in a plan not closed."""
        from profilerepo.workflow import plan_open

        return self.lifecycle_state == "active" and plan_open(self, "")

    def add_data_point(self, date, value: float, by: str, note: str = "") -> None:
        """Keep a progress measurement, in date order (only while the goal is active)."""
        if not self.takes_data:
            raise GoalNotActive("Progress data can be added only while the goal is active "
                                "and its plan is not closed.")
        point = {"date": date, "value": float(value), "by": by, "note": note}
        log_of(self, "measurements", "data_points").append(point)


def revise_goal(engine, goal: Goal, values: dict, *, by: str, roles, comment: str,
                when=None) -> Goal:
    """Replace an active goal by a new one: the old is filed as revised (with its data),
    the new starts active, each naming the other. The engine checks the guards."""
    from profilerepo.content.folder import new_name
    from profilerepo.workflow.index import enter_workflows

    goals = goal.__parent__
    engine.perform(goal, "revise", actor=by, roles=roles, comment=comment, when=when)
    revision = Goal(values, by, when)
    revision.revises = goal.__name__
    name = new_name(goals, "goal")
    goals.add(name, revision)
    goal.revised_by = name
    enter_workflows(engine, revision)
    engine.perform(revision, "activate", actor=by, roles=roles,
                   comment=f"Revision of {goal.title}", when=when)
    return revision


class ProgressReportSchema(colander.MappingSchema):
    period = fields.text("Marking period", required=True, max_length=120)
    body = fields.text("Report", required=True, rows=16, max_length=20000,
                       description="For each goal: where it started, where it is now and "
                                   "whether it is on track, in plain words")


class ProgressReport(Document):
    """A report to the family on the plan's goals for one marking period."""

    type_title = "Progress report"
    section = "plan"
    workflow_chain = ("progress-report",)
    schema = ProgressReportSchema
    fields = ("period", "body")
    period = body = ""
    cycle = ""  # the review cycle that asked for it, if any
    reply_log: DatedLog | None = None  # the family's replies (content.report_replies)

    replies = logged("reply_log", "replies", "The family's acknowledgements and questions, "
                                             "and the answers, oldest first.")

    @property
    def title(self) -> str:
        return f"Progress report: {self.period}"


class ProgressReports(Folder):
    """The plan's progress reports, keyed by name."""

    section = "plan"
    title = "Progress reports"

    @property
    def __acl__(self) -> tuple:
        return section_acl(self.section)


# The status as a family reads it (staff read the rule's own names): in the report's
# draft, which the family reads, and on every page a family or a student reads.
FAMILY_LABELS = {progress.ON_TRACK: "On track", progress.AT_RISK: "Behind the pace needed",
                 progress.NOT_ENOUGH_DATA: "Too early to tell"}


def family_going(facts: progress.Goal, points: list, status: progress.Status, name: str,
                 today: datetime.date) -> str:
    """The status in a family's words: the rule's reason, but for "at risk" (whose reason
    speaks of the aim line) a sentence about the pace."""
    if not points or status.name != progress.AT_RISK or facts.target_date < today:
        return status.reason
    target = progress.amount(facts.target, facts.unit)
    by = progress.day(facts.target_date)
    side = "below" if facts.higher_is_better else "above"
    behind = f"The last measurements are {side} the steady path to {target} by {by}."
    trend = progress.forecast_trend(points)
    if trend is None:
        going = behind
    else:
        forecast = facts.within(trend.at(facts.target_date), [v for _, v in points])
        pace = (f"at the pace so far, {name} would be at about "
                f"{progress.amount(forecast, facts.unit)} by {by}")
        going = (f"{pace[0].upper()}{pace[1:]}, short of the goal of {target}."
                 if facts.short_of(forecast, facts.target) else f"{behind[:-1]}, though {pace}.")
    return going + " The team uses these measurements to decide what to change."


def draft_report_text(plan: Plan, today: datetime.date | None = None) -> str:
    """A first draft from the data, in plain words: for each active goal, where the
    student started, where they are now, how much of the way that is and whether the
    goal is on track (and why). The counselor edits it before it goes anywhere."""
    today = today or datetime.date.today()
    student = plan.student
    name = student.first_name if student is not None else "The student"
    parts = []
    for goal in plan.goals.values():
        if goal.lifecycle_state != "active":
            continue
        facts = progress.Goal.of(goal)
        stored = progress.points_of(goal)
        status = progress.assess(facts, stored, today)
        points = progress.usable_points(stored)
        start = (f"{progress.amount(goal.baseline_value, goal.unit)} in "
                 f"{goal.baseline_date:%B}" if goal.baseline_date else
                 progress.amount(goal.baseline_value, goal.unit))
        aim = (f"{name}'s goal is {progress.amount(goal.target_value, goal.unit)} by "
               f"{goal.target_date:%B %Y}" if goal.target_date else
               f"{name}'s goal is {progress.amount(goal.target_value, goal.unit)}")
        if points:
            when, latest = points[-1]
            change = ("up" if latest > goal.baseline_value else
                      "down" if latest < goal.baseline_value else "the same as")
            where = (f"{name} was at {progress.amount(latest, goal.unit)} in {when:%B}, "
                     f"{change} {'from ' if change != 'the same as' else ''}{start}")
            share = progress.share_of_the_way(facts, latest)
            if share is not None:
                where += f" ({max(share, 0):.0%} of the way to the target)"
        else:
            where = f"No measurements yet since the start, {start}"
        going = family_going(facts, points, status, name, today)
        parts.append(f"{goal.title}\n{where}. {aim}: {FAMILY_LABELS[status.name].lower()}. "
                     f"{going}")
    return "\n\n".join(parts) or "No active goals this period."


class PastPlans(Folder):
    """A student's closed plans, kept read-only under the years they covered."""

    section = "plan"
    title = "Past plans"

    @property
    def __acl__(self) -> tuple:
        return section_acl(self.section)


class PlanStillOpen(ValueError):
    """A next plan was asked for while the current one is not closed."""


def start_next_plan(engine, student, by: str, when=None) -> Plan:
    """File the student's closed plan under ``past-plans`` (its goals, reports and history
    with it) and start a new draft, private to the team, with the same team, supports and
    accommodations to begin from."""
    from profilerepo.content.folder import new_name
    from profilerepo.workflow.index import enter_workflows, site_of, state_index

    old = student["plan"]
    if engine.state_of(old, "plan-lifecycle").name != "closed":
        raise PlanStillOpen("Close the current plan (its period must be over) before "
                            "starting the next one.")
    if "past-plans" not in student:
        student.add("past-plans", PastPlans())
    archive = student["past-plans"]
    name = (f"{old.period_start:%Y}-{old.period_end:%Y}"
            if old.period_start and old.period_end else "plan")
    if name in archive:
        name = new_name(archive, name)
    index = state_index(site_of(student))
    moved = [old, *old.goals.values(), *old.reports.values()]
    for document in moved:
        index.forget(document)  # at the path it is leaving
    student.remove("plan")
    archive.add(name, old)
    for document in moved:
        index.record(document)
    plan = Plan({"team": old.team, "supports": old.supports,
                 "accommodations": old.accommodations}, by, when)
    student.add("plan", plan)
    enter_workflows(engine, plan)
    return plan
