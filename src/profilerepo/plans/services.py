"""A plan's services as delivered: the session form, the service log and the minutes
delivered against those planned, per support.
"""
from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import colander
import deform.widget

from profilerepo.content import fields
from profilerepo.content.dated_log import log_of
from profilerepo.plans import progress

if TYPE_CHECKING:
    from profilerepo.plans.plan import Plan


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
