"""Progress reports to the family: the report, the plan's folder of them, and the first
draft written from the goals' data in the family's words.
"""
from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import colander

from profilerepo import clock
from profilerepo.content import fields
from profilerepo.content.dated_log import DatedLog, logged
from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
from profilerepo.plans import progress
from profilerepo.security.roles import InSection

if TYPE_CHECKING:
    from profilerepo.plans.plan import Plan


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
    indexed_fields = fields
    period = body = ""
    cycle = ""  # the review cycle that asked for it, if any
    reply_log: DatedLog | None = None  # the family's replies (plans.report_replies)

    replies = logged("reply_log", "replies", "The family's acknowledgements and questions, "
                                             "and the answers, oldest first.")

    @property
    def title(self) -> str:
        return f"Progress report: {self.period}"


class ProgressReports(InSection, Folder):
    """The plan's progress reports, keyed by name."""

    section = "plan"
    title = "Progress reports"


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
    today = today or clock.today()
    student = plan.student
    name = student.first_name if student is not None else "The student"
    parts = []
    for goal in plan.goals.values():
        if not goal.in_force:
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
