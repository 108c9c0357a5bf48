"""A goal's page (status, chart, data) and recording a measurement."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from profilerepo.plans import progress
from profilerepo.plans.chart import goal_chart
from profilerepo.plans.goals import DataPointSchema, Goal, _figure
from profilerepo.security.policy import roles_on
from profilerepo.security.roles import RECORD_MEASUREMENTS, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import today
from profilerepo.views.documents import REVIEWING_STAFF, _page
from profilerepo.views.goal_words import in_words
from profilerepo.views.page_extras import page_extras


def status_of(request, goal: Goal) -> progress.Status:
    return progress.goal_status(goal, today(request))


def chart_of(request, goal: Goal, status: progress.Status | None = None) -> str:
    """The goal's chart (SVG markup; "" for a goal without usable dates and values), its
    element ids made from the student's and the goal's names (unique on a page of several
    children)."""
    facts = progress.Goal.of(goal)
    if not facts.usable:
        return ""
    status = status or status_of(request, goal)
    student = goal.student.__name__ if goal.student is not None else "student"
    return goal_chart(facts, progress.points_of(goal), status,
                      title=f"Progress toward: {goal.title}",
                      ident=f"chart-{student}-{goal.__name__}")


def with_unit(value: float | None, unit: str) -> str:
    """A value with its unit agreeing ("1 missing assignment"); "—" when there is none."""
    return progress.amount(value, unit) if progress.usable_value(value) else "—"


@page_extras(Goal)
def goal_extras(request, goal: Goal) -> dict:
    """What the goal page shows beyond the document: status, chart, the record link; for
    the family and the student, the goal in plain words (the student's as a next step)."""
    status = status_of(request, goal)
    roles = roles_on(request, goal)
    staff = bool(roles & REVIEWING_STAFF)
    return {"status": status, "chart": chart_of(request, goal, status),
            "starts": with_unit(goal.baseline_value, goal.unit),
            "aims": with_unit(goal.target_value, goal.unit),
            "can_record": bool(request.access.may(RECORD_MEASUREMENTS, goal)),
            "staff": staff,
            "told": None if staff else in_words(request.site, goal, today(request)),
            "as_student": not staff and "student" in roles}


@view_config(context=Goal, permission=VIEW, renderer=template("goal.pt"))
def goal_view(context, request):
    return _page(request, context)


def value_help(goal: Goal) -> str:
    """What the record form says under the value: its unit and range, and the last value
    recorded (so a slip of the finger stands out before it is saved)."""
    low, high = goal.lowest, goal.highest
    unit = f"In {goal.unit}" if goal.unit else "A number"
    if low is not None and high is not None:
        unit += f", from {_figure(low)} to {_figure(high)}"
    elif low is not None:
        unit += f", at least {_figure(low)}"
    elif high is not None:
        unit += f", at most {_figure(high)}"
    points = progress.points_of(goal)
    if not points:
        return f"{unit}. No measurements yet."
    when, value = points[-1]
    return f"{unit}. Last recorded: {progress.amount(value, goal.unit)} on {progress.day(when)}."


@view_config(context=Goal, name="record", permission=VIEW, renderer=template("form.pt"))
def record(context, request):
    allowed = request.access.may(RECORD_MEASUREMENTS, context)
    if not allowed:
        raise HTTPForbidden(allowed.msg)
    form = forms.build_form(request, DataPointSchema(), button="Record the measurement",
                            goal=context)
    form["value"].description = value_help(context)
    forms.describe_fields(form)  # the help is read out with the field

    def save(values: dict):
        context.add_data_point(values["date"], values["value"], by=request.user.login,
                               note=values["note"])
        status = status_of(request, context)
        request.session.flash(
            f"Recorded {progress.amount(values['value'], context.unit)} on "
            f"{progress.day(values['date'])}. The goal is now {status.name}: {status.reason}")
        return HTTPSeeOther(request.resource_url(context))

    return forms.form_page(request, form, heading=f"Record a measurement: {context.title}",
                           cancel_url=request.resource_url(context), save=save,
                           appstruct={"date": today(request)})
