"""Adding a goal to a plan. A plan in force changes only by amendment: then the page
says so, in the words its workflow gives, with the plan's Amend button."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden
from pyramid.renderers import render_to_response
from pyramid.view import view_config

from profilerepo.plans.plan import Goals
from profilerepo.security.policy import roles_on
from profilerepo.security.roles import ADD, VIEW
from profilerepo.views import template
from profilerepo.views.documents import add

JOINING = ("goal-lifecycle", "activate")  # the step whose guard says when goals may join


def amend_first(request, goals: Goals) -> dict | None:
    """Why no goal may join the plan now and the step that would allow it (the plan's
    transition); None when the workflow names none this person may take now."""
    engine = request.registry.workflows
    workflow, name = JOINING
    joining = engine.workflows[workflow].transitions[name]
    failing = engine.failing_condition(goals, joining, request.user.login)
    remedy = engine.remedy(goals, joining, request.user.login)
    if failing is None or remedy is None:
        return None
    plan, step = remedy
    offered = [t for t in engine.available(plan, request.user.login, roles_on(request, plan))
               if t.name == step.name and t.workflow == step.workflow]
    if not offered:
        return None
    reason = failing.refusal
    return {"reason": reason[0].upper() + reason[1:] + ".", "plan": plan,
            "transitions": offered}


@view_config(context=Goals, name="add", permission=VIEW, renderer=template("form.pt"))
def add_goal(context, request):
    """The add form; while the plan is in force, what to do first instead."""
    if request.has_permission(ADD, context):
        return add(context, request)
    first = amend_first(request, context)
    if first is None:
        raise HTTPForbidden()
    response = render_to_response(template("amend_first.pt"), request=request, value={
        **first, "document": first["plan"], "history": None})
    response.status = 403
    return response
