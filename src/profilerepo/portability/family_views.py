"""The family's copy of the backpack (issue 17, point 5): the whole record as one signed
file, and a page saying what it holds. Only for whoever holds the family's rights
(guardians; the student from 18): a designee or guide manages access, not the whole record."""
from __future__ import annotations

import dataclasses
import datetime
import tempfile
from collections import Counter

from pyramid.httpexceptions import HTTPForbidden
from pyramid.renderers import render
from pyramid.response import FileIter, Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.content.student import Student
from profilerepo.credentials import get_issuer
from profilerepo.credentials.views import DID_DOCUMENT
from profilerepo.family.designees import manages_record
from profilerepo.family.hiding import REQUEST_YEARS, hidden_documents
from profilerepo.family.rights import holds_family_rights
from profilerepo.portability import format as fmt
from profilerepo.portability import transfers
from profilerepo.portability.export import export_backpack, title_of
from profilerepo.portability.format import FormatError, backpack_filename
from profilerepo.portability.selection import Selection, select
from profilerepo.portability.summary import summarize
from profilerepo.views import template
from profilerepo.views.display import Html, today

IN_MEMORY = 8 * 1024 * 1024  # a backpack larger than this is written to a temporary file


def may_take_copy(request, student) -> bool:
    """Whether this person may download ``student``'s backpack: whoever holds the family's
    rights now. A designee or guide cannot open the record, so not its copy either."""
    return holds_family_rights(student, request.user, today(request))


def _check(request, student) -> None:
    if may_take_copy(request, student):
        return
    if getattr(request.user, "student_id", None) == student.__name__:
        raise HTTPForbidden("Until you turn 18 your parents or guardians download your "
                            "backpack; from your 18th birthday, you do.")
    raise HTTPForbidden(f"{student.first_name}'s backpack is for the family who hold the "
                        f"rights to {student.first_name}'s record. A new school receives "
                        "the record from the school, when the family or the law allows it.")


FOR_SCHOOL = "school"  # ?for=school: the copy for a new school, without what the family hid


def for_a_new_school(family_copy: Selection) -> Selection:
    """The family's copy less what they hid from future schools: the copy they hand a new
    school. Only what the family may read, so never more than their own copy holds."""
    from profilerepo.family.hiding import hidden_from_future  # (imports security: here)

    kept = [(p, d) for p, d in family_copy.documents if not hidden_from_future(d)]
    hid = [(p, d) for p, d in family_copy.documents if hidden_from_future(d)]
    return dataclasses.replace(family_copy, audience=fmt.SCHOOL, documents=kept, hidden=hid)


def school_filename(filename: str) -> str:
    return filename.replace("-backpack.zip", "-backpack-for-a-school.zip")


@view_config(context=Student, name="backpack.zip", permission=NO_PERMISSION_REQUIRED,
             request_method="GET")
def download_backpack(context, request):
    """The family's own backpack as a download (what they hid from schools included), or
    with ``?for=school`` the copy for a new school, without it."""
    _check(request, context)
    selection = select(context, fmt.FAMILY)
    for_school = request.GET.get("for") == FOR_SCHOOL
    if for_school:
        selection = for_a_new_school(selection)
    out = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)
    try:
        summary = export_backpack(context, get_issuer(request.registry), out,
                                  audience=selection.audience, selection=selection)
    except FormatError as problem:
        out.close()
        return _could_not_make(context, request, str(problem))
    out.seek(0)
    response = Response(content_type="application/zip", app_iter=FileIter(out))
    filename = school_filename(summary.filename) if for_school else summary.filename
    response.content_disposition = f'attachment; filename="{filename}"'
    if summary.size is not None:
        response.content_length = summary.size
    return response


def _could_not_make(student, request, problem: str):
    """A page, not a traceback, when a record holds something the file cannot."""
    from pyramid.renderers import render_to_response

    response = render_to_response(template("error.pt"), {
        "heading": "The backpack could not be made",
        "message": f"Something in {student.first_name}'s record could not be written into "
                   f"the file ({problem}). Please tell the school; nothing was changed."},
        request=request)
    response.status_int = 500
    return response


@view_config(context=Student, name="backpack", permission=NO_PERMISSION_REQUIRED,
             request_method="GET", renderer=template("backpack_summary.pt"))
def backpack_summary(context, request):
    """What the family's backpack holds, part by part, what it leaves out and why, and how
    a school checks it."""
    _check(request, context)
    selection = select(context, fmt.FAMILY)
    issuer = get_issuer(request.registry)
    filename = backpack_filename(context.first_name, context.family_name)
    return {"student": context, "parts": summarize(selection),
            "documents": len(selection.documents),
            "not_shared": not_shared(selection.drafts), "selection_drafts": selection.drafts,
            "hidden": [title_of(d) for d in hidden_documents(context)
                       if request.has_permission("view", d)],
            "lapsed": [f"{title_of(b)} ({lapsed_reason(b)})" for _, b in selection.lapsed
                       if request.has_permission("view", b)],
            "district": issuer.name, "keys_url": request.application_url + DID_DOCUMENT,
            "filename": filename, "school_filename": school_filename(filename),
            "sees_record": request.has_permission("view", context)}


def not_shared(drafts: list) -> str:
    """What the family's copy leaves out as not shared with them yet, by kind: "2
    narratives and 1 progress report" (their titles are the school's until shared)."""
    kinds = Counter(getattr(d, "type_title", "document").lower() for _, d in drafts)
    said = [f"{n} {kind}{'' if n == 1 or kind.endswith('s') else 's'}"
            for kind, n in sorted(kinds.items())]
    return " and ".join(filter(None, [", ".join(said[:-1]), said[-1]])) if said else ""


def lapsed_reason(badge) -> str:
    """Why a badge is not in the backpack, in the family's words."""
    if getattr(badge, "revoked", False):
        return "revoked by the school that awarded it"
    if badge.expired(clock.now(zone=clock.UTC)):
        return "expired"
    return "its signature could not be checked"


# Where a records request stands, in the words of the family it is about.
FAMILY_STANDING = {
    transfers.WAITING: "Waiting for the school district's answer: nothing has been sent",
    transfers.APPROVED: "Approved by the school district: the record is sent when {district} "
                        "collects it",
    transfers.DECLINED: "Declined by the school district: nothing was sent",
    transfers.SENT: "Sent",
}


@dataclasses.dataclass
class RequestLine:
    """A records request about the student as the family reads it."""

    transfer: transfers.RecordsTransfer
    standing: str
    sent_at: datetime.datetime | None
    sends: str  # what would be (or was) sent


def records_requests_panel(request, student) -> Html:
    """The student page's panel, for whoever manages the record, of the records requests
    other districts made about the student: who, when, why, where each stands, what would
    be sent (empty when there are none)."""
    day = today(request)
    if not manages_record(student, request.user, day):
        return Html("")
    lines = [_line(student, t, day) for t in transfers.about_student(request.site,
                                                                      student.__name__)]
    lines = [line for line in lines if line is not None]
    if not lines:
        return Html("")
    return Html(render(template("records_requests_panel.pt"), {
        "student": student, "lines": lines, "copy": may_take_copy(request, student)},
        request=request))


def _line(student, transfer, day: datetime.date) -> RequestLine | None:
    words = FAMILY_STANDING.get(transfer.status)
    if words is None:
        return None
    hid = bool(hidden_documents(student))
    released = transfer.include_hidden and (
        transfer.released_hidden if transfer.status == transfers.SENT
        else transfers.may_release_hidden(student, day))
    sends = ("the whole record as one signed file, as the school keeps it, without drafts "
             "the school has not shared")
    if hid:
        sends += (", and with what you hid from future schools: a new school may ask for it "
                  f"within {REQUEST_YEARS} years of a student leaving" if released
                  else ", and without what you hid from future schools")
    reason = f" (the reason given: {transfer.reason.rstrip('.')})" if (
        transfer.status == transfers.DECLINED and transfer.reason) else ""
    return RequestLine(transfer, words.format(district=transfer.district_name) + reason,
                       transfers.when_sent(transfer), sends + ".")


def includeme(config) -> None:
    config.scan(__name__)
