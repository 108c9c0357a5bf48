"""The success plan: team, supports and services, accommodations and goals.

It works like an IEP for every student: measurable goals with a baseline,
a target and progress data, reviewed with the family on a cycle.
"""
from __future__ import annotations

import colander
import deform.widget

from profilerepo.content import fields
from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
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
    schema = PlanSchema
    fields = ("period_start", "period_end", "review_due", "team", "supports", "accommodations")
    period_start = period_end = review_due = None
    team: tuple = ()
    supports: tuple = ()
    accommodations = ""

    def __init__(self, values: dict, by: str, when=None) -> None:
        super().__init__(values, by, when)
        self.goals = Goals()
        self.goals.__name__, self.goals.__parent__ = "goals", self

    def __getitem__(self, name: str):
        if name == "goals":
            return self.goals
        raise KeyError(name)


@colander.deferred
def _responsible_widget(node, kw):
    return deform.widget.CheckboxChoiceWidget(values=kw.get("staff_choices", ()))


@colander.deferred
def _responsible_validator(node, kw):
    """Only people offered on the form: the team's staff (and whoever is already named)."""
    return colander.ContainsOnly([login for login, _ in kw.get("staff_choices", ())])


def _goal_dates(form: colander.SchemaNode, value: dict) -> None:
    _period(form, value, "baseline_date", "target_date", "target date")


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
    schedule = fields.text("Measured", required=True, max_length=80,
                           description="For example: every two weeks")
    responsible = colander.SchemaNode(colander.Set(), title="Responsible staff",
                                      widget=_responsible_widget,
                                      validator=_responsible_validator, missing=())
    standard_code = fields.text("Standard (optional)", max_length=80)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_goal_dates, **kw)


class Goal(Document):
    """A measurable goal with its baseline, target and progress data."""

    type_title = "Goal"
    section = "plan"
    schema = GoalSchema
    fields = ("title", "area", "measure", "unit", "higher_is_better", "baseline_value",
              "baseline_date", "target_value", "target_date", "schedule", "responsible",
              "standard_code")
    title = area = measure = unit = schedule = standard_code = ""
    higher_is_better = True
    baseline_value = target_value = 0.0
    baseline_date = target_date = None
    responsible: tuple = ()
    data_points: tuple = ()

    def record(self, values: dict, by: str, when=None):
        if "responsible" in values:
            values = {**values, "responsible": tuple(sorted(values["responsible"]))}
        return super().record(values, by, when)

    def add_data_point(self, date, value: float, by: str, note: str = "") -> None:
        """Keep a progress measurement, in date order."""
        point = {"date": date, "value": float(value), "by": by, "note": note}
        self.data_points = tuple(sorted((*self.data_points, point), key=lambda p: p["date"]))
