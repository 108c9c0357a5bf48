"""What future schools and providers do not see: whoever manages the record hides a
document or a past plan (a fresh start), or stops hiding it; a school the student moved
to records a request for what was hidden. Thin views over ``family.hiding``. (A designee
manages without reading the record, so the views check who asks themselves.)"""
from __future__ import annotations

from dataclasses import dataclass

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.content.lineage import path_of, resolve
from profilerepo.content.student import Student
from profilerepo.family.designees import manages_record
from profilerepo.family.hiding import (
    HidingError,
    hidden_documents,
    hide,
    hiding_of,
    released,
    request_records,
    unhide,
)
from profilerepo.security.access import viewing_roles
from profilerepo.views import template
from profilerepo.views.display import person

MAX_PURPOSE = 500


@dataclass(frozen=True)
class Hideable:
    """A document the family may hide, as its row on the page says it."""

    document: object
    path: str  # inside the student's folder
    kind: str
    hidden: object  # its own Hiding, or None
    title: str  # as the row says it (a plan with its years)


def manages(request, student) -> bool:
    """Whether the person manages the family's privacy settings for ``student``: whoever
    holds the family's rights, or a designee or guide."""
    return manages_record(student, request.user)


def _school_administers(request, student) -> bool:
    return request.user is not None and "administrator" in request.access.roles_on(student)


def hideable(request, student) -> list[Hideable]:
    """What the family reads and may hide: the plan and each past plan (with their goals
    and reports), narratives and portfolio items, in the order the record lists them."""
    engine = request.registry.workflows
    candidates = []
    if "plan" in student:
        candidates.append((student["plan"], "Current success plan"))
    if "past-plans" in student:
        candidates += [(p, "Past success plan") for p in student["past-plans"].values()]
    candidates += [(n, "Narrative") for n in student["narratives"].values()]
    candidates += [(i, "Badge" if getattr(i, "kind", "") == "badge" else "Portfolio item")
                   for i in student["portfolio"].values()]
    rows = []
    base = path_of(student)
    now = clock.now(zone=clock.UTC)
    for document, kind in candidates:
        if "guardian" not in viewing_roles(engine, document):
            continue  # (drafts the family cannot read are the school's to keep private)
        if not getattr(document, "still_held", lambda now: True)(now):
            continue  # (a revoked, expired or unverified badge travels in no backpack)
        path = path_of(document)[len(base) + 1:]
        rows.append(Hideable(document, path, kind,
                             getattr(document, "hidden_from_future", None),
                             _title(document)))
    return rows


def _title(document) -> str:
    """A document's title on the page; a plan's with the years it covers."""
    start, end = getattr(document, "period_start", None), getattr(document, "period_end", None)
    if start and end:
        return f"{document.title} {start:%Y}–{end:%Y}"
    return document.title


def _document(student, request):
    path = request.params.get("path", "")
    node = resolve(student, path) if isinstance(path, str) and path else None
    if node is None or node is student:
        raise HTTPNotFound("That document is no longer in this record.")
    return node


@view_config(context=Student, name="hidden", permission=NO_PERMISSION_REQUIRED,
             renderer=template("family_hidden.pt"))
def hidden_page(context, request):
    """The family's list of what they may hide, and the requests schools made."""
    managing = manages(request, context)
    administering = _school_administers(request, context)
    if not (managing or administering):
        if getattr(request.user, "student_id", None) == context.__name__:
            raise HTTPForbidden("Until you turn 18 your parents or guardians decide what "
                                "future schools do not see; from your 18th birthday, you "
                                "do.")
        raise HTTPForbidden("What is hidden from future schools and providers is for the "
                            "family who manage the record, and the school's "
                            "administrators.")
    schools = request.site["schools"]
    hidden_here = [d for d in hidden_documents(context)
                   if hiding_of(d).school_id != context.school
                   and not released(context, hiding_of(d))]
    requests = [{"school": getattr(schools.get(r.school_id), "title", r.school_id),
                 "by": person(request.site, r.requested_by), "at": r.at,
                 "purpose": r.purpose}
                for r in reversed(getattr(context, "records_requests", ()))]
    return {"student": context, "managing": managing, "administering": administering,
            "rows": hideable(request, context) if managing else [],
            "withheld": len(hidden_here), "requests": requests,
            "school_title": getattr(schools.get(context.school), "title", ""),
            "error": "", "purpose": ""}


@view_config(context=Student, name="hide", permission=NO_PERMISSION_REQUIRED, request_method="GET",
             renderer=template("confirm.pt"))
def confirm_hide(context, request):
    """Asks first: hiding is undone only by the family, and a new school will not see it."""
    if not manages(request, context):
        raise HTTPForbidden("Only the person who manages the family's privacy settings "
                            "hides parts of the record.")
    document = _document(context, request)
    title = _title(document)
    return {"heading": f"Hide “{title}” from future schools and providers?",
            "cancel_url": request.resource_url(context, "hidden"), "refusal": None,
            "what": f"Staff of any school {context.first_name} moves to, and the people "
                    "you granted access, will no longer see or find it. The school that "
                    "wrote it keeps it while "
                    f"{context.first_name} is there. You can stop hiding it at any time.",
            "facts": [f"A school {context.first_name} moves to may still ask for it by a "
                      "records request within three years of leaving; you will see the "
                      "request here."],
            "action": request.resource_url(context, "hide"),
            "hidden": [("path", request.params.get("path", "")), ("confirmed", "yes")],
            "comment": None, "button": "Hide it"}


@view_config(context=Student, name="hide", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def hide_document(context, request):
    def change(document):
        if request.params.get("path") not in {r.path for r in hideable(request, context)}:
            raise HTTPForbidden("This part of the record cannot be hidden.")
        hide(context, document, by=request.user.login)
        return "is now hidden from future schools and providers."

    return _change_hiding(context, request, change)


@view_config(context=Student, name="unhide", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def unhide_document(context, request):
    def change(document):
        unhide(document)
        return "is no longer hidden."

    return _change_hiding(context, request, change)


def _change_hiding(student, request, change) -> HTTPSeeOther:
    """Hide or stop hiding the document the form names, for the person who manages the
    record; what happened (or why not) is said on the hiding page."""
    if not manages(request, student):
        raise HTTPForbidden("Only the person who manages the family's privacy settings "
                            "changes what is hidden.")
    document = _document(student, request)
    try:
        done = change(document)
    except HidingError as problem:
        request.session.flash(str(problem))
    else:
        request.session.flash(f"“{_title(document)}” {done}")
    return HTTPSeeOther(request.resource_url(student, "hidden"))


@view_config(context=Student, name="request-records", permission=NO_PERMISSION_REQUIRED,
             request_method="POST", renderer=template("family_hidden.pt"))
def records_request(context, request):
    """The student's school asks for what the family hid at an earlier school."""
    if not _school_administers(request, context):
        raise HTTPForbidden("Records requests are made by the administrators of the "
                            "student's school.")
    purpose = request.params.get("purpose", "")
    purpose = purpose[:MAX_PURPOSE + 1] if isinstance(purpose, str) else ""
    try:
        if len(purpose) > MAX_PURPOSE:
            raise HidingError(f"Keep the reason to {MAX_PURPOSE} characters.")
        request_records(context, by=request.user.login, purpose=purpose)
    except HidingError as problem:
        request.response.status = 400
        page = hidden_page(context, request)
        return {**page, "error": str(problem), "purpose": purpose}
    request.session.flash(f"The request is recorded; {context.first_name}'s family will see "
                          "it.")
    return HTTPSeeOther(request.resource_url(context, "hidden"))
