"""A plan's goals: what a goal records, its forms and their checks, its progress data
and its revision (the old goal filed as revised, a new one active in its place).
"""
from __future__ import annotations

import datetime

import colander
import deform.widget

from profilerepo.content import fields
from profilerepo.content.dated_log import DatedLog, log_of, logged
from profilerepo.content.document import Document
from profilerepo.family.words import FamilyWords
from profilerepo.plans import progress
from profilerepo.plans.plan import in_order
from profilerepo.workflow import group, plan_open, running_engine

AREAS = ("academic", "social-emotional", "attendance", "career", "communication",
         "executive function")


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
    in_order(form, value, "baseline_date", "target_date", "target date")
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


GOAL_LIFECYCLE = "goal-lifecycle"


class Goal(Document):
    """A measurable goal with its baseline, target and progress data."""

    type_title = "Goal"
    section = "plan"
    workflow_chain = ("goal-lifecycle",)
    schema = GoalSchema
    fields = ("title", "area", "measure", "unit", "higher_is_better", "baseline_value",
              "baseline_date", "target_value", "target_date", "lowest", "highest", "schedule",
              "responsible", "standard_code")
    indexed_fields = ("title", "area", "measure", "unit", "schedule", "responsible",
                      "standard_code")
    tag_fields = ("area",)
    title = area = measure = unit = schedule = standard_code = ""
    higher_is_better = True
    baseline_value = target_value = 0.0
    lowest = highest = None  # the measure's possible range (None: open on that side)
    baseline_date = target_date = None
    responsible: tuple = ()
    measurements: DatedLog | None = None  # the progress data (None: not made yet)
    # The family's observations, kept beside the goal (search finds the goal by them)
    family_words: FamilyWords | None = None

    def __init__(self, values: dict, by: str, when=None) -> None:
        super().__init__(values, by, when)
        self.measurements = DatedLog()
        self.family_words = FamilyWords()

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
        """Its state in its lifecycle (a goal not started yet: the lifecycle's first)."""
        state = (getattr(self, "workflow_states", None) or {}).get(GOAL_LIFECYCLE)
        return state or running_engine().workflows[GOAL_LIFECYCLE].initial

    @property
    def in_force(self) -> bool:
        """The goal is active (its lifecycle's group "in force"): it is measured, judged
        and reported on. (Asked of every goal of a caseload: no imports here.)"""
        return self.lifecycle_state in group(GOAL_LIFECYCLE, "in force")

    @property
    def takes_data(self) -> bool:
        """Progress data is recorded only while the goal is active in a plan not closed."""
        return self.in_force and plan_open(self, "")

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

    goals = goal.__parent__
    engine.perform(goal, "revise", actor=by, roles=roles, comment=comment, when=when)
    revision = Goal(values, by, when)
    revision.revises = goal.__name__
    name = new_name(goals, "goal")
    goals.add(name, revision)  # (it starts in its workflows as it is added)
    goal.revised_by = name
    engine.perform(revision, "activate", actor=by, roles=roles,
                   comment=f"Revision of {goal.title}", when=when)
    return revision
