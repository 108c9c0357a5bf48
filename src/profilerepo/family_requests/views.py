"""The requests' pages: the family's list and forms (to see the record, to correct one
document), a request's own page with its history and answers, the school's correcting and
the family's statement, and the administrators' "Requests from families"."""
from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.content.document import Document
from profilerepo.content.lineage import resolve
from profilerepo.content.site import Site
from profilerepo.family_requests.model import (
    AMENDMENT,
    INSPECTION,
    REFUSED,
    AmendmentRequest,
    AmendmentSchema,
    FamilyRequest,
    InspectionRequest,
    InspectionSchema,
    Requests,
    StatementSchema,
    add_request,
    moment,
    requests_of,
    the_document,
)
from profilerepo.family_requests.pages import history_of, refusal_of, standing
from profilerepo.family_requests.statements import (
    link_amendment,
    statement_for,
    write_statement,
)
from profilerepo.plans.progress import day
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, administered_school_ids
from profilerepo.security.roles import ADD, VIEW
from profilerepo.views import display, forms, template
from profilerepo.views.uploads import pending_uploads
from profilerepo.workflow import TransitionRefused
from profilerepo.workflow.index import state_index

HEARING = ("You have the right to a hearing to challenge this decision (FERPA, 34 CFR "
           "99.21). Ask the school's administrator for one; the school must hold it within a "
           "reasonable time and tell you when, in advance. You may also write a statement "
           "saying why you disagree: it is kept with this record and shown with it to "
           "everyone who reads it.")


def _today(request):
    return clock.today(request.registry)


@view_config(context=Requests, permission=VIEW, renderer=template("requests.pt"))
def requests_page(context, request):
    """The student's requests, newest first, each with where it stands and its due date."""
    engine, today = request.registry.workflows, _today(request)
    made = sorted(request.access.visible(context.values()),
                  key=lambda r: (r.made_on, r.created), reverse=True)
    return {"folder": context, "student": context.__parent__,
            "rows": [standing(engine, r, today) for r in made],
            "can_ask": request.has_permission(ADD, context)}


@view_config(context=Requests, name="ask-to-see", permission=ADD, renderer=template("form.pt"))
def ask_to_see(context, request):
    """The family asks to see the record; the school has 45 days to let them."""
    student = context.__parent__
    form = forms.build_form(request, InspectionSchema(), button="Send the request")
    form.description = (f"The school must let you see {student.first_name}'s record within "
                        f"{InspectionRequest.due_days} days of your request, and before any "
                        "meeting about a plan.")

    def save(values: dict):
        made = add_request(student, InspectionRequest(values, request.user.login,
                                                      moment(request.registry)))
        request.session.flash(f"Your request was sent to the school. It must let you see "
                              f"the record by {day(made.due_on)}.")
        return HTTPSeeOther(request.resource_url(made))

    return forms.form_page(request, form, heading=f"Ask to see {student.first_name}'s record",
                           cancel_url=request.resource_url(context), save=save)


@view_config(context=Document, name="ask-to-correct", permission=VIEW,
             renderer=template("form.pt"))
def ask_to_correct(context, request):
    """The family asks the school to correct this document, saying what is wrong and why."""
    student = context.student
    if student is None or "requests" not in student:
        raise HTTPForbidden("This record takes no requests.")
    folder = requests_of(student)
    if not request.has_permission(ADD, folder):
        raise HTTPForbidden("Only the person holding the family's rights (a parent or "
                            "guardian; the student from 18) asks the school to correct the "
                            "record.")
    form = forms.build_form(request, AmendmentSchema(), button="Send the request")
    about = the_document(context)
    form.description = (f"You are asking about {about}. The school decides within "
                        f"a reasonable time ({AmendmentRequest.due_days} days here) and tells "
                        "you. If it does not change it, you may ask for a hearing and add "
                        "your own statement to the record.")

    def save(values: dict):
        made = add_request(student, AmendmentRequest(context, values, request.user.login,
                                                     moment(request.registry)))
        request.session.flash(f"Your request was sent to the school. It should answer by "
                              f"{day(made.due_on)}.")
        return HTTPSeeOther(request.resource_url(made))

    return forms.form_page(request, form, heading=f"Ask the school to correct this: "
                                                  f"{context.title}",
                           cancel_url=request.resource_url(context), save=save)


def _request_page(request, context, **extra) -> dict:
    engine = request.registry.workflows
    roles = request.access.roles_on(context)
    page = {"made": context, "student": context.student,
            "standing": standing(engine, context, _today(request)),
            "history": history_of(engine, context),
            "transitions": engine.available(context, request.user.login, roles),
            "record": None, "can_read_record": False, "statement": None,
            "refusal": None, "hearing": "", "typed": {}, "problem": ""}
    if isinstance(context, AmendmentRequest) and context.document is not None:
        record = context.document
        page.update(record=record, can_read_record=request.access.can_view(record),
                    statement=statement_for(record, context), refusal=refusal_of(context))
        if engine.in_group(context, AMENDMENT, REFUSED):
            page["hearing"] = HEARING
    return {**page, **extra}


@view_config(context=FamilyRequest, permission=VIEW, renderer=template("request.pt"))
def request_view(context, request):
    """One request: what was asked, where it stands, its history and what may be done."""
    return _request_page(request, context)


def _posted(request, name: str, limit: int) -> str:
    value = request.POST.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


@view_config(context=FamilyRequest, name="transition", permission=VIEW,
             request_method="POST")
def take_transition(context, request):
    """Answer or withdraw a request; the engine checks its guards again. A refusal (a
    reason left empty) shows the page again, saying what is missing, with what was typed."""
    engine = request.registry.workflows
    comment = _posted(request, "comment", 4000)
    name = _posted(request, "transition", 80)
    try:
        transition = engine.find(context, name, _posted(request, "workflow", 80) or None)
        if transition.form:
            raise TransitionRefused(transition.title, "it is done on its own page")
        engine.perform(context, transition.name, actor=request.user.login,
                       roles=request.access.roles_on(context), comment=comment,
                       when=moment(request.registry))
    except TransitionRefused as refused:
        missing = refused.reason == "a comment is required"
        problem = (f"Not done: {refused.transition}: say what happened in the box: the "
                   "family reads it." if missing
                   else f"Not done: {refused.transition}: {refused.reason}.")
        response = render_to_response(template("request.pt"), request=request, value=(
            _request_page(request, context, problem=problem, typed={name: comment})))
        response.status = 400 if missing else 403
        return response
    request.session.flash(f"Done: the request is now "
                          f"“{engine.state_of(context).title}”.")
    return HTTPSeeOther(request.resource_url(context))


def _refused_page(request, context, reason: str):
    response = render_to_response(template("request.pt"), request=request, value=(
        _request_page(request, context, problem=f"Not possible: {reason}.")))
    response.status = 403
    return response


def _editable_values(document) -> dict:
    """The document's values as its edit form starts from (no file: that is uploaded)."""
    values = {k: v for k, v in document.field_values().items() if v is not None}
    if "responsible" in values:
        values["responsible"] = set(values["responsible"])
    for name in ("file", "filename", "content_type", "size"):
        values.pop(name, None)
    return values


@view_config(context=AmendmentRequest, name="amend", permission=VIEW,
             renderer=template("form.pt"))
def amend(context, request):
    """The school corrects the document on its own form; the version saved is linked to
    the request, which is then answered as corrected."""
    engine, login = request.registry.workflows, request.user.login
    roles = request.access.roles_on(context)
    reason = engine.refusal(context, engine.find(context, "amend"), login, roles)
    document = context.document
    if reason is None and (document is None or not request.access.can_view(document)):
        reason = "you may not read this document; ask its counselor to correct it"
    if reason:
        return _refused_page(request, context, reason)
    schema = getattr(document, "edit_schema", document.schema)()
    note = colander.SchemaNode(colander.String(), name="correction_note", missing="",
                               title="What was corrected, for the family",
                               description="Optional. The family reads it with the request.",
                               validator=colander.Length(max=4000))
    schema.add(note)
    form = forms.build_form(request, schema, button="Save the correction", edits=document,
                            max_upload_bytes=request.registry.max_upload_bytes,
                            upload_store=pending_uploads(request),
                            staff_choices=display.staff_choices(request.site, document))
    form.description = (f"The family asked: {context.what_is_wrong} Why: {context.why}")
    shown = _editable_values(document)
    named = "supports" in shown and hasattr(document, "supports")
    if named:
        shown["supports"] = display.supports_to_edit(request.site, document.supports)

    def save(values: dict):
        comment = values.pop("correction_note", "") or "The record was corrected."
        values.pop("upload", None)  # (a correction changes words, not the file)
        if named and "supports" in values:
            values["supports"] = display.supports_to_save(request.site, values["supports"],
                                                          document.supports)
        when = moment(request.registry)
        # (the transition first: its guards refuse before anything is written)
        engine.perform(context, "amend", actor=login, roles=roles, comment=comment, when=when)
        number = document.record(values, by=login, when=when)
        link_amendment(document, number, context)
        request.session.flash(f"Corrected: version {number} of {the_document(document)} "
                              "is linked to the family's request.")
        return HTTPSeeOther(request.resource_url(context))

    return forms.form_page(request, form, heading=f"Correct {the_document(document)}",
                           cancel_url=request.resource_url(context), save=save,
                           appstruct=shown)


@view_config(context=AmendmentRequest, name="statement", permission=VIEW,
             renderer=template("form.pt"))
def statement(context, request):
    """After a refusal, the family writes (or revises) its statement of disagreement,
    kept with the document from then on."""
    engine, login = request.registry.workflows, request.user.login
    roles = request.access.roles_on(context)
    reason = engine.refusal(context, engine.find(context, "state_disagreement"), login, roles)
    if reason:
        return _refused_page(request, context, reason)
    document = context.document
    form = forms.build_form(request, StatementSchema(), button="Save the statement")
    form.description = HEARING
    written = statement_for(document, context)

    def save(values: dict):
        when = moment(request.registry)
        engine.perform(context, "state_disagreement", actor=login, roles=roles, when=when)
        write_statement(document, context, values["text"], login, when)
        request.session.flash("Your statement is saved. It is shown with "
                              f"{the_document(document)} wherever it is shown.")
        return HTTPSeeOther(request.resource_url(context))

    return forms.form_page(request, form, heading="The family's statement of disagreement",
                           cancel_url=request.resource_url(context), save=save,
                           appstruct={"text": written.text} if written else None)


def administered(user) -> tuple[bool, frozenset[str]]:
    """(whether the user administers the district, the schools they administer)."""
    return (DISTRICT_ADMINISTRATORS in user.groups,
            frozenset(administered_school_ids(user.groups)))


def waiting_requests(request) -> list:
    """The families' requests waiting for this administrator's answer, on their
    workflows' worklists, district-wide (a few at any time: read from the state index)."""
    site, engine, access = request.site, request.registry.workflows, request.access
    district, schools = administered(request.user)
    index, found = state_index(site), []
    for name in (INSPECTION, AMENDMENT):
        for worklist in engine.workflows[name].worklists.values():
            for state in sorted(worklist.states):
                for path in index.paths_in(name, state):
                    made = resolve(site, path)
                    student = getattr(made, "student", None)
                    if student is None or not (district or student.school in schools):
                        continue
                    if engine.on_worklist(made, worklist, access.roles_on(made)):
                        found.append(made)
    return found


@view_config(context=Site, name="requests", permission=NO_PERMISSION_REQUIRED,
             renderer=template("requests_school.pt"))
def requests_from_families(context, request):
    """Administrators: the families' requests waiting for the school, soonest due first,
    with days left and the overdue flagged."""
    if request.user is None:
        return HTTPSeeOther(request.application_url + "/login?next=/requests")
    district, schools = administered(request.user)
    if not (district or schools):
        raise HTTPForbidden("This list is for the school's administrators.")
    engine, today = request.registry.workflows, _today(request)
    rows = sorted((standing(engine, r, today) for r in waiting_requests(request)),
                  key=lambda s: (s.request.due_on, s.request.student.sort_key))
    return {"rows": rows, "overdue": sum(1 for r in rows if r.overdue)}
