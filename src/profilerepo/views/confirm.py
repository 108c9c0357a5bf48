"""Asking first: a transition that is hard to undo opens a page saying what will happen;
its button posts, with the CSRF token, to the transition itself (no JavaScript needed)."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from profilerepo.content.document import Document
from profilerepo.security.policy import roles_on
from profilerepo.security.roles import VIEW
from profilerepo.views import template
from profilerepo.workflow import TransitionRefused

CONFIRMED = "yes"  # posted by the confirmation page's button


def _text(request, name: str) -> str:
    value = request.params.get(name, "")
    return value[:80] if isinstance(value, str) else ""


def comment_field(transition, text: str = "") -> dict | None:
    """The comment box of a transition, in a fieldset named after it (None: it takes none)."""
    if transition.comment == "none":
        return None
    required = transition.comment_required
    return {"legend": transition.title, "required": required, "text": text,
            "label": "Comment (required)" if required else "Comment (optional)"}


@view_config(context=Document, name="confirm", permission=VIEW, request_method="GET",
             renderer=template("confirm.pt"))
def confirm_transition(context, request):
    """What the transition will do, and a button that does it (Cancel goes back)."""
    engine = request.registry.workflows
    if not getattr(context, "workflow_chain", None):
        raise HTTPNotFound("This document is not in a workflow.")
    try:
        transition = engine.find(context, _text(request, "transition"),
                                 _text(request, "workflow") or None)
    except TransitionRefused:
        raise HTTPNotFound("There is no such step for this document.") from None
    back = request.resource_url(context)
    page = {"heading": f"{transition.title}?", "cancel_url": back, "refusal": None,
            "facts": (), "comment": None}
    reason = engine.refusal(context, transition, request.user.login,
                            roles_on(request, context))
    if reason:
        request.response.status = 403
        return {**page, "refusal": f"Not possible: {reason}."}
    workflow = engine.workflows[transition.workflow]
    now = engine.state_of(context, workflow.name).title
    after = workflow.states[transition.target].title
    return {**page, "what": transition.confirm or f"{transition.title}: this is hard to undo.",
            "facts": [f"{context.type_title} now: {now}.", f"After this: {after}."],
            "action": request.resource_url(context, "transition"),
            "hidden": [("workflow", transition.workflow), ("transition", transition.name),
                       ("confirmed", CONFIRMED)],
            "comment": comment_field(transition), "button": transition.title}
