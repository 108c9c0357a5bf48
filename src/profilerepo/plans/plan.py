"""The success plan: team, supports and services, accommodations and goals.

It works like an IEP for every student: measurable goals with a baseline,
a target and progress data, reviewed with the family on a cycle.
"""
from __future__ import annotations

import colander

from profilerepo.content import fields
from profilerepo.content.dated_log import DatedLog, logged
from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
from profilerepo.plans.reports import ProgressReports
from profilerepo.security.roles import InSection

SETTINGS = ("in school", "out of school")


class TeamMemberSchema(colander.MappingSchema):
    name = fields.text("Name", required=True, max_length=120)
    role = fields.text("Role on the team", required=True, max_length=120)


def in_order(form: colander.SchemaNode, value: dict, start: str, end: str, label: str) -> None:
    """A form check: the ``end`` date is not before the ``start`` date (the plan's
    period, a support's, a goal's)."""
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
        super().__init__(*args, validator=lambda f, v: in_order(f, v, "start", "end", "end"),
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
            validator=lambda f, v: in_order(f, v, "period_start", "period_end", "plan's end"),
            **kw,
        )


class Goals(InSection, Folder):
    """The plan's goals, keyed by name."""

    section = "plan"
    title = "Goals"


class Plan(Document):
    """A success plan for one period; its goals live in ``plan['goals']``."""

    type_title = "Success plan"
    section = "plan"
    workflow_chain = ("plan-lifecycle", "sharing")
    schema = PlanSchema
    fields = ("period_start", "period_end", "review_due", "team", "supports", "accommodations")
    indexed_fields = ("team", "supports", "accommodations")
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


class PastPlans(InSection, Folder):
    """A student's closed plans, kept read-only under the years they covered."""

    section = "plan"
    title = "Past plans"


class PlanStillOpen(ValueError):
    """A next plan was asked for while the current one is not closed."""


def start_next_plan(engine, student, by: str, when=None) -> Plan:
    """File the student's closed plan under ``past-plans`` (its goals, reports and history
    with it) and start a new draft, private to the team, with the same team, supports and
    accommodations to begin from."""
    from profilerepo.content.folder import new_name

    old = student["plan"]
    if not engine.in_group(old, "plan-lifecycle", "archived"):
        raise PlanStillOpen("Close the current plan (its period must be over) before "
                            "starting the next one.")
    if "past-plans" not in student:
        student.add("past-plans", PastPlans())
    archive = student["past-plans"]
    name = (f"{old.period_start:%Y}-{old.period_end:%Y}"
            if old.period_start and old.period_end else "plan")
    if name in archive:
        name = new_name(archive, name)
    student.move("plan", archive, name)  # (search and the state index follow it)
    plan = Plan({"team": old.team, "supports": old.supports,
                 "accommodations": old.accommodations}, by, when)
    student.add("plan", plan)  # (it starts in its workflows as it is added)
    return plan
