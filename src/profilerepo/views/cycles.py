"""Review cycles for administrators: open one, follow it, close it."""
from __future__ import annotations

import deform.widget
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from profilerepo.content.cycles import (
    CLOSED,
    KINDS,
    OPEN,
    OPENING,
    Cycle,
    Cycles,
    CycleSchema,
    behind_by_person,
    close_cycle,
    start_cycle,
)
from profilerepo.jobs import start_opening
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from profilerepo.security.roles import ADD, MANAGE, ROLE_TITLES, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import today
from profilerepo.views.home import administered_schools
from profilerepo.workflow.index import resolve


@view_config(context=Cycles, permission=VIEW, renderer=template("cycles.pt"))
def cycle_list(context, request):
    cycles = sorted(request.access.visible(context.values()),
                    key=lambda c: c.opened_at, reverse=True)
    return {"cycles": cycles, "can_add": request.has_permission(ADD, context),
            "site": request.site}


WHOLE_DISTRICT = "_district"  # no school id starts with "_" (content.folder.check_name)


def _scopes(request) -> list[tuple[str, str]]:
    schools = [(s.__name__, s.title) for s in administered_schools(request.site, request.user)]
    if DISTRICT_ADMINISTRATORS in request.user.groups:
        return [(WHOLE_DISTRICT, "The whole district"), *schools]
    return schools


@view_config(context=Cycles, name="add", permission=ADD, renderer=template("form.pt"))
def add_cycle(context, request):
    scopes = _scopes(request)
    form = forms.build_form(request, CycleSchema(), button="Open the cycle",
                            scope_ids=[s for s, _ in scopes], today=today(request),
                            scope_widget=deform.widget.SelectWidget(values=scopes))

    def save(values: dict):
        scope = "" if values["scope"] == WHOLE_DISTRICT else values["scope"]
        cycle = start_cycle(request.site, values["kind"], scope, values["due"],
                            by=request.user.login, period=values.get("period") or "")
        registry, name = request.registry, cycle.__name__
        # Opened in batches by a job of its own once this transaction is committed.
        request.tm.get().addAfterCommitHook(
            lambda committed: committed and start_opening(registry, name))
        request.session.flash(f"{cycle.title} is opening for {cycle.total_students} "
                              f"students.")
        return HTTPSeeOther(request.resource_url(cycle))

    return forms.form_page(request, form, heading="Open a review cycle",
                           cancel_url=request.resource_url(context), save=save)


@view_config(context=Cycle, permission=VIEW, renderer=template("cycle.pt"))
def cycle_view(context, request):
    site = request.site
    kind = context.kind_info
    workflow = request.registry.workflows.workflows[kind.workflow]
    counts = context.states(site)
    states = [(workflow.states[name].title if name in workflow.states else name, counts[name],
               name in workflow.group(kind.finished))
              for name in (*workflow.states, "gone") if counts.get(name)]
    unfinished = []
    if context.status == CLOSED:
        unfinished = request.access.visible(
            d for d in (resolve(site, path) for path in context.unfinished) if d is not None)
        unfinished.sort(key=lambda d: d.student.sort_key)
    # Students are named only to those who may still see them (one may have moved
    # to another school since the cycle opened).
    behind = [(ROLE_TITLES.get(role, role), login, visible) for (role, login), documents in
              behind_by_person(site, context).items()
              if (visible := request.access.visible(documents))]
    scope = site["schools"][context.scope].title if context.scope in site["schools"] \
        else "The whole district"
    return {"cycle": context, "kind": kind, "scope": scope, "states": states,
            "total": len(context.items), "done": context.finished_count(site),
            "percent": context.percent_complete(site),
            "behind": behind, "failed": dict(context.failed),
            "unfinished": unfinished, "skipped": _plan_states_in_words(request, context.skipped),
            "state_title": lambda doc: request.registry.workflows.state_of(
                doc, kind.workflow).title,
            "can_close": context.status == OPEN and request.has_permission(MANAGE, context),
            "opening": context.status == OPENING, "past_due": today(request) > context.due}


def _plan_states_in_words(request, counts) -> dict[str, int]:
    """Plans left out, by their state's title ("Draft": 3), not its name in the file."""
    states = request.registry.workflows.workflows["plan-lifecycle"].states
    return {(states[name].title if name in states else name.replace("_", " ")).lower(): n
            for name, n in counts.items()}


@view_config(context=Cycle, name="progress", permission=VIEW, renderer="json")
def opening_progress(context, request):
    """How far the opening has gone, for the page to show without reloading itself."""
    return {"opened": context.opened_students(), "total": context.total_students,
            "opening": context.status == OPENING}


@view_config(context=Cycle, name="close", permission=MANAGE, request_method="GET",
             renderer=template("confirm.pt"))
def confirm_close(context, request):
    """What closing will do, asked first; its button posts to the same address."""
    back = request.resource_url(context)
    page = {"heading": f"Close {context.title}?", "cancel_url": back, "refusal": None,
            "facts": (), "comment": None}
    if context.status != OPEN:
        request.response.status = 409
        return {**page, "refusal": f"Only an open cycle can be closed; this one is "
                                   f"{context.status}."}
    left = len(context.unfinished_paths(request.site))
    item = KINDS[context.kind].item
    return {**page, "what": "Closing keeps everything as it is: nothing more is asked of "
                            "anyone for this cycle, and what is left unfinished is listed.",
            "facts": [f"{left} of {len(context.items)} {item}s are unfinished now."],
            "action": request.resource_url(context, "close"), "hidden": (),
            "button": "Close the cycle"}


@view_config(context=Cycle, name="close", permission=MANAGE, request_method="POST")
def close(context, request):
    if context.status != OPEN:
        request.session.flash("Only an open cycle can be closed; this one is "
                              f"{context.status}.")
        return HTTPSeeOther(request.resource_url(context))
    left = close_cycle(request.site, context, request.user.login)
    request.session.flash(f"Closed. {len(left)} of {len(context.items)} "
                          f"{KINDS[context.kind].item}s were left unfinished."
                          if left else "Closed. Everything was finished.")
    return HTTPSeeOther(request.resource_url(context))
