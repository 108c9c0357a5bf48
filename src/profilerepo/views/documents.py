"""Section documents: view, edit, versions; adding narratives, goals and portfolio items."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.response import FileResponse, Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.badges.model import Badge
from profilerepo.content.document import Document
from profilerepo.content.folder import new_name
from profilerepo.content.narratives import Narrative, Narratives
from profilerepo.content.portfolio import Portfolio, PortfolioItem, store_file
from profilerepo.content.profile import Profile
from profilerepo.content.transcript import Transcript
from profilerepo.content.versions import Version
from profilerepo.plans import progress
from profilerepo.plans.goals import Goal, RevisionSchema, revise_goal
from profilerepo.plans.plan import Goals, PastPlans, Plan, start_next_plan
from profilerepo.plans.report_replies import opened
from profilerepo.plans.reports import ProgressReport
from profilerepo.plans.services import SessionSchema, delivery, log_session
from profilerepo.security.policy import roles_on
from profilerepo.security.roles import ADD, EDIT, LOG_SESSIONS, START_NEXT_PLAN, VIEW
from profilerepo.views import display, forms, template
from profilerepo.views.display import display_rows, staff_choices
from profilerepo.views.goal_words import family_label
from profilerepo.views.page_extras import extras_for
from profilerepo.views.report import report_extras
from profilerepo.views.uploads import pending_uploads
from profilerepo.views.worklists import return_note
from profilerepo.workflow import TransitionRefused


def _page(request, context, **extra) -> dict:
    page = {"document": context, "can_edit": request.has_permission(EDIT, context),
            "recent_versions": readable_versions(request, context, 6)}  # 5 shown, and more?
    if getattr(context, "workflow_chain", None):
        page.update(workflow_panel(request, context))
    if isinstance(context, Plan):
        page.update(_plan_extras(request, context))
    elif isinstance(context, ProgressReport):
        opened(context, request.user.login)  # an answer to this reader is no longer new
        page.update(report_extras(request, context))
    elif isinstance(context, Narrative):
        page["return_note"] = return_note(request, context)  # what the reviewer asked for
    else:  # (goals' and profiles' pages: their view modules build on this one)
        page.update(extras_for(request, context))
    return {**page, **extra}


@view_config(context=Transcript, permission=VIEW, renderer=template("transcript.pt"))
@view_config(context=PortfolioItem, permission=VIEW, renderer=template("portfolio_item.pt"))
@view_config(context=Narrative, permission=VIEW, renderer=template("narrative.pt"))
@view_config(context=ProgressReport, permission=VIEW, renderer=template("report.pt"))
def document_view(context, request):
    """A document; if it is in workflows, its states, what this user may do next and its
    history too."""
    return _page(request, context)


# Staff roles: of those who work a document's workflows, only they read its history and
# the review comments in it (a family may share a record, yet reads no staff notes).
REVIEWING_STAFF = frozenset({"counselor", "teacher", "administrator"})


FAMILY_SIDE = frozenset({"guardian", "student", "student-16", "contributor"})


def _named(engine, workflow, document, staff: bool) -> str:
    """A workflow's name on the page: staff read its own ("Plan lifecycle"); anyone else
    reads a workflow only staff work by the document's name ("Success plan")."""
    if staff or engine.takes_part(workflow.name, FAMILY_SIDE):
        return workflow.title
    return document.type_title


def workflow_panel(request, document) -> dict:
    engine = request.registry.workflows
    roles = roles_on(request, document)

    def title(table: dict, name: str) -> str:  # a name a later definition dropped stays
        return table[name].title if name in table else name

    staff, history = bool(roles & REVIEWING_STAFF), []
    for h in reversed(document.workflow_history):
        name = h.workflow or document.workflow_chain[0]
        if not (staff and engine.takes_part(name, roles)):
            continue
        workflow = engine.workflows.get(name)
        states = workflow.states if workflow else {}
        history.append({"time": h.time, "actor": h.actor, "comment": h.comment,
                        "action": title(workflow.transitions if workflow else {}, h.action),
                        "source": title(states, h.source), "target": title(states, h.target)})
    return {"states": [{"workflow": _named(engine, wf, document, staff), "state": state.title}
                       for wf, state in engine.states_of(document)],
            "history": history,
            "transitions": engine.available(document, request.user.login, roles)}


@view_config(context=Plan, permission=VIEW, renderer=template("plan.pt"))
def plan_view(context, request):
    """The plan; once closed, its counselor may file it and start the next one."""
    return _page(request, context)


def _plan_extras(request, plan) -> dict:
    """What the plan page shows beyond the document (on a refusal's page too): the
    reports this user may read, the goals' statuses, services delivered."""
    reports = sorted(request.access.visible(plan.reports.values()),
                     key=lambda r: r.created, reverse=True)
    today = display.today(request)
    statuses = {name: progress.goal_status(goal, today)
                for name, goal in plan.goals.items() if goal.in_force}
    staff = bool(roles_on(request, plan) & REVIEWING_STAFF)  # others read family words
    labels = {name: s.name.capitalize() if staff else family_label(s)
              for name, s in statuses.items()}
    return {"can_start_next": bool(request.access.may(START_NEXT_PLAN, plan)),
            "reports": reports,
            "statuses": statuses, "labels": labels, "staff": staff,
            "delivery": delivery(plan, today),
            "can_log": bool(request.access.supports_to_log(plan))}


# Open without the plan's view permission: a provider may log their support's sessions
# without reading the plan; the view asks ``request.access.supports_to_log`` itself.
@view_config(context=Plan, name="log-session", permission=NO_PERMISSION_REQUIRED,
             renderer=template("log_session.pt"))
def log_session_view(context, request):
    """The log form for the supports this user may log, and the sessions they logged."""
    supports = request.access.supports_to_log(context)
    reads_plan = request.has_permission(VIEW, context)
    if not supports:
        if request.user is None or not reads_plan:
            raise HTTPForbidden()  # as any page beyond their access
        raise HTTPForbidden(request.access.may(LOG_SESSIONS, context).msg)
    form = forms.build_form(request, SessionSchema(), button="Log the session", plan=context,
                            supports=supports)
    back = (request.resource_url(context) if reads_plan
            else request.resource_url(context.student))

    def save(values: dict):
        log_session(context, values, by=request.user.login)
        request.session.flash(f"Logged: {values['minutes']} minutes of {values['support']} "
                              f"on {display.plain(values['date'])}.")
        return HTTPSeeOther(request.resource_url(context) + "#services-heading" if reads_plan
                            else request.url)

    starting = {"provider": request.user.title, "date": display.today(request)}
    if len(supports) == 1:  # nothing to choose
        starting["support"] = supports[0]["kind"]
    page = forms.form_page(request, form, heading="Log a session", cancel_url=back,
                           save=save, appstruct=starting)
    if isinstance(page, dict):
        page["planned"] = [(s["kind"], ", ".join(filter(None, (
            s.get("frequency"), s.get("minutes") and progress.amount(s["minutes"], "minutes")))))
            for s in supports]  # what each session should be: "once a week, 30 minutes"
        kinds = {s["kind"] for s in supports}
        page["own_sessions"] = [s for s in reversed(context.sessions)
                                if s["by"] == request.user.login and s["support"] in kinds]
    return page


@view_config(context=Plan, name="start-next", permission=VIEW, request_method="POST")
def start_next(context, request):
    allowed = request.access.may(START_NEXT_PLAN, context)
    if not allowed:
        raise HTTPForbidden(allowed.msg)
    plan = start_next_plan(request.registry.workflows, context.student,
                           by=request.user.login)
    request.session.flash("The closed plan is kept under Past plans. This new draft starts "
                          "from its team, supports and accommodations.")
    return HTTPSeeOther(request.resource_url(plan))


def _field(request, name: str, limit: int) -> str:
    """A posted text field, at most ``limit`` characters ("" for anything not text)."""
    value = request.POST.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


_TEMPLATES = {Profile: "profile.pt", Plan: "plan.pt", Goal: "goal.pt",
              PortfolioItem: "portfolio_item.pt", Narrative: "narrative.pt",
              ProgressReport: "report.pt", Badge: "badge_page.pt"}


@view_config(context=Document, name="transition", permission=VIEW, request_method="POST")
def take_transition(context, request):
    """Take the transition named in the form; the engine checks its guards again."""
    if not getattr(context, "workflow_chain", None):
        raise HTTPNotFound("This document is not in a workflow.")
    engine = request.registry.workflows
    try:
        transition = engine.find(context, _field(request, "transition", 80),
                                 _field(request, "workflow", 80) or None)
        if transition.form:
            raise TransitionRefused(transition.title, "it is taken on its own page, which "
                                                      "asks for more")
        if transition.confirm and request.POST.get("confirmed") != "yes":
            return HTTPSeeOther(request.resource_url(  # asked first (views/confirm.py)
                context, "confirm", query={"workflow": transition.workflow,
                                           "transition": transition.name}))
        entry = engine.perform(context, transition.name, workflow=transition.workflow,
                               actor=request.user.login, roles=roles_on(request, context),
                               comment=_field(request, "comment", 4000))
    except TransitionRefused as refused:
        response = render_to_response(
            template(_TEMPLATES[type(context)]), request=request,
            value=_page(request, context, refusal=f"Not done: {refused.transition}: "
                                                  f"{refused.reason}."))
        response.status = 400 if refused.reason == "a comment is required" else 403
        return response
    state = engine.workflows[entry.workflow].states[entry.target].title
    request.session.flash(f"Done: the {context.type_title.lower()} is now "
                          f"{state[0].lower() + state[1:]}.")
    if not request.has_permission(VIEW, context):
        return HTTPSeeOther(request.resource_url(context.__parent__))
    return HTTPSeeOther(request.resource_url(context))


@view_config(context=Narratives, permission=VIEW, renderer=template("narratives.pt"))
@view_config(context=Portfolio, permission=VIEW, renderer=template("portfolio.pt"))
@view_config(context=Goals, permission=VIEW, renderer=template("goals.pt"))
@view_config(context=PastPlans, permission=VIEW, renderer=template("past_plans.pt"))
def folder_view(context, request):
    """The items this user may see (a draft narrative is not even listed to a family),
    each with where it stands in its workflows and the day it was last saved."""
    items = sorted(request.access.visible(context.values()),
                   key=lambda d: d.created, reverse=True)
    engine, zone = request.registry.workflows, request.registry.timezone
    return {"folder": context, "items": items,
            "can_add": request.has_permission(ADD, context),
            "states": {item.__name__: ", ".join(state.title for _, state
                                                in engine.states_of(item))
                       for item in items},
            "saved_on": {item.__name__: item.modified.astimezone(zone).date()
                         for item in items if item.modified is not None}}


def _bind(request, context) -> dict:
    return {"max_upload_bytes": request.registry.max_upload_bytes,
            "upload_store": pending_uploads(request),
            "staff_choices": staff_choices(request.site, context)}


def _current_values(document) -> dict:
    values = {k: v for k, v in document.field_values().items() if v is not None}
    if "responsible" in values:
        values["responsible"] = set(values["responsible"])
    return values


@view_config(context=Document, name="edit", permission=EDIT, renderer=template("form.pt"))
def edit(context, request):
    schema = getattr(context, "edit_schema", context.schema)()
    form = forms.build_form(request, schema, button="Save", edits=context,
                            **_bind(request, context))
    if isinstance(context, Narrative):
        form.description = return_note(request, context) or form.description  # what to change

    shown = _editable(_current_values(context))
    named = isinstance(context, Plan) and "supports" in shown  # providers by their names
    if named:
        shown["supports"] = display.supports_to_edit(request.site, context.supports)

    def save(values: dict):
        if isinstance(context, PortfolioItem):
            values = _with_file(request, values)
        if named and "supports" in values:
            values["supports"] = display.supports_to_save(request.site, values["supports"],
                                                          context.supports)
        number = context.record(values, by=request.user.login)
        request.session.flash(f"Saved. This is version {number}.")
        return HTTPSeeOther(request.resource_url(context))

    return forms.form_page(request, form, heading=f"Edit {context.type_title.lower()}",
                           cancel_url=request.resource_url(context), save=save,
                           appstruct=shown)


def _editable(values: dict) -> dict:
    """Drop fields that are not in the form (a portfolio file is uploaded anew)."""
    for name in ("file", "filename", "content_type", "size"):
        values.pop(name, None)
    return values


def _with_file(request, values: dict) -> dict:
    upload = values.pop("upload", None)
    if not upload or upload.get("fp") is None:
        return values
    blob, content_type, size = store_file(upload["fp"], request.registry.max_upload_bytes)
    pending_uploads(request).discard(upload.get("uid"))
    filename = (upload.get("filename") or "").replace("\\", "/").rsplit("/", 1)[-1]
    filename = "".join(c for c in filename if c.isprintable()).strip() or "file"
    return {**values, "file": blob, "content_type": content_type, "size": size,
            "filename": filename[:200]}


@view_config(context=Goal, name="revise", permission=VIEW, renderer=template("form.pt"))
def revise(context, request):
    """Replace an active goal by a revised one (the old stays, with its data)."""
    engine = request.registry.workflows
    roles = roles_on(request, context)
    reason = engine.refusal(context, engine.find(context, "revise"), request.user.login, roles)
    if reason:
        response = render_to_response(
            template("goal.pt"), request=request,
            value=_page(request, context, refusal=f"Not done: Revise: {reason}."))
        response.status = 403
        return response
    form = forms.build_form(request, RevisionSchema(), button="Save the revision",
                            edits=context, **_bind(request, context))

    def save(values: dict):
        comment = values.pop("reason")
        revision = revise_goal(engine, context, values, by=request.user.login, roles=roles,
                               comment=comment)
        request.session.flash("Revised. The earlier goal is kept, with its data, and "
                              "linked from this one.")
        return HTTPSeeOther(request.resource_url(revision))

    return forms.form_page(request, form, heading="Revise the goal",
                           cancel_url=request.resource_url(context), save=save,
                           appstruct=_current_values(context))


_ADDABLE = {
    Narratives: (Narrative, "narrative", "Write a narrative"),
    Portfolio: (PortfolioItem, "item", "Add to the portfolio"),
    Goals: (Goal, "goal", "Add a goal"),
}


@view_config(context=Narratives, name="add", permission=ADD, renderer=template("form.pt"))
@view_config(context=Portfolio, name="add", permission=ADD, renderer=template("form.pt"))
def add(context, request):  # (goals too, through views/goal_add.py)
    kind, prefix, heading = _ADDABLE[type(context)]
    form = forms.build_form(request, kind.schema(), button="Add", **_bind(request, context))

    def save(values: dict):
        if kind is PortfolioItem:
            values = _with_file(request, values)
        name = new_name(context, prefix)
        item = kind(values, by=request.user.login)
        context.add(name, item)  # (it starts in its workflows as it is added)
        request.session.flash(f"{kind.type_title} added.")
        return HTTPSeeOther(request.resource_url(context[name]))

    return forms.form_page(request, form, heading=heading,
                           cancel_url=request.resource_url(context), save=save)


@view_config(context=Document, name="versions", permission=VIEW,
             renderer=template("versions.pt"))
def versions(context, request):
    return {"document": context, "versions": readable_versions(request, context)}


@view_config(context=Document, name="version", permission=VIEW,
             renderer=template("version.pt"))
def version(context, request):
    version = requested_version(context, request)
    return {"document": context, "version": version,
            "rows": display_rows(request.site, context.schema(), version.values),
            "is_current": version.number == context.version_number}


def may_read(request, document, version: Version) -> bool:
    """Whether this user, who views ``document`` now, may open ``version``: the current
    one, or one from a time when they could have seen the document (not a draft that was
    replaced before it reached them)."""
    if version.number == document.version_number:
        return True
    return request.registry.workflows.could_hold(document, VIEW, roles_on(request, document),
                                                 version.states)


Readable = Callable[..., bool]  # (request, document, version) -> may the user open it?


def readable_versions(request, document, limit: int | None = None, *,
                      readable: Readable = may_read) -> list[Version]:
    """The versions of ``document`` this user may open, newest first (at most ``limit``)."""
    found: list[Version] = []
    for candidate in document.newest_first():
        if limit is not None and len(found) == limit:
            break
        if readable(request, document, candidate):
            found.append(candidate)
    return found


class NoSuchVersion(HTTPNotFound):
    """A version number the document never had, or one this user may not open (the same
    answer, so a refusal does not tell that it exists)."""


def requested_version(document, request, *, readable: Readable = may_read) -> Version:
    try:
        number = int(request.params.get("n", ""))
    except ValueError:
        raise HTTPBadRequest("Say which version, by number: ?n=1") from None
    found = document.version(number)
    if found is None or not readable(request, document, found):
        raise NoSuchVersion(f"There is no version {number}; the newest is "
                            f"version {document.version_number}.")
    return found


@view_config(context=PortfolioItem, name="download", permission=VIEW)
def download(context, request) -> Response:
    """The item's file (or an earlier version's), sent as an attachment unless an image."""
    values = context.field_values()
    if "n" in request.params:
        values = requested_version(context, request).values
    blob = values.get("file")
    if blob is None:
        raise HTTPNotFound("This item has no file.")
    response = FileResponse(blob.committed(), request=request,
                            content_type=values["content_type"])
    disposition = "inline" if values["content_type"].startswith("image/") else "attachment"
    name = values["filename"].replace('"', "'")
    fallback = name.encode("ascii", "replace").decode()
    if fallback == name:
        disposition += f'; filename="{name}"'
    else:  # RFC 6266: the name in any language, percent-encoded UTF-8
        disposition += f"; filename*=UTF-8''{quote(name)}"
    response.headers["Content-Disposition"] = disposition
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
