"""Administrators' pages for records requests between districts: ask another district for
a student's record, follow the request until the record arrives (verified, then
imported), and answer the requests other districts make of ours."""
from __future__ import annotations

import colander
import deform.widget
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content import fields
from profilerepo.content.site import Site
from profilerepo.credentials import get_issuer, get_trust
from profilerepo.family_requests.views import administered
from profilerepo.portability import transfer_api, transfers
from profilerepo.portability.transfers import ASKED, ASKED_OF_US, TransferRefused
from profilerepo.views import forms, template

MAX_REASON = 500


def _administrators_only(request) -> tuple[bool, frozenset[str]]:
    if request.user is None:
        raise HTTPSeeOther(request.application_url + "/login?next=/transfers")
    district, schools = administered(request.user)
    if not (district or schools):
        raise HTTPForbidden("Records requests between districts are for administrators.")
    return district, schools


def other_districts(request) -> list[tuple[str, str]]:
    """(DID, how to name it) of each trusted district but ours."""
    trust, own = get_trust(request.registry), get_issuer(request.registry).did
    named = {t.district_did: t.district_name
             for t in reversed(transfers.listed(request.site, ASKED))}
    named.update({t.district_did: t.district_name
                  for t in reversed(transfers.listed(request.site, ASKED_OF_US))})
    return [(did, named.get(did) or transfers_label(did)) for did in sorted(trust.entries)
            if did != own]


def transfers_label(did: str) -> str:
    from urllib.parse import unquote

    return unquote(did.removeprefix("did:web:").split(":")[0]) if did.startswith(
        "did:web:") else did


class AskSchema(colander.MappingSchema):
    district = fields.bound_choice("District the student comes from", "districts")
    given_name = fields.text("Student's given name", required=True, max_length=100)
    family_name = fields.text("Student's family name", required=True, max_length=100)
    birth_date = fields.date("Birth date", not_after_today=True)
    their_id = fields.text("Student's number at that district", max_length=60,
                           description="If the family gave it; the name and birth date are "
                           "enough when only one student has them")
    school = fields.bound_choice("School the student joins here", "schools")
    include_hidden = colander.SchemaNode(
        colander.Boolean(), title="Also ask for what the family hid from future schools",
        description="A school may ask for it within three years of the student leaving; "
        "the family sees that it was asked for.", missing=False,
        widget=deform.widget.CheckboxWidget())


def _school_choices(request, district: bool, schools: frozenset[str]) -> list:
    return [(name, school.title) for name, school in request.site["schools"].items()
            if district or name in schools]


@view_config(context=Site, name="transfers", permission=NO_PERMISSION_REQUIRED,
             renderer=template("transfers.pt"))
def transfers_page(context, request):
    """The requests we made and those made of us, or one of them (``/transfers/<id>``)."""
    district, schools = _administrators_only(request)
    if request.subpath:
        if tuple(request.subpath) == ("ask",):
            return ask(request, district, schools)
        return transfer_page(request, request.subpath[0], district, schools)
    scope = None if district else schools
    return {"asked": transfers.listed(context, ASKED),
            "asked_of_us": transfers.listed(context, ASKED_OF_US, scope),
            "districts": other_districts(request)}


def ask(request, district: bool, schools: frozenset[str]):
    """The form asking another district for a student's record."""
    districts, choices = other_districts(request), _school_choices(request, district, schools)
    form = forms.build_form(request, AskSchema(), button="Send the request",
                            districts=districts, schools=choices)
    issuer, trust = get_issuer(request.registry), get_trust(request.registry)

    def save(values: dict):
        school = request.site["schools"][values["school"]]
        transfer = transfers.RecordsTransfer(
            ASKED, values["district"], transfers_label(values["district"]),
            given_name=values["given_name"], family_name=values["family_name"],
            birth_date=values["birth_date"], their_student_id=values["their_id"] or "",
            school=school.title, purpose=f"to enrol the student at {school.title}",
            include_hidden=values["include_hidden"], by=request.user.login)
        transfer.our_school = values["school"]
        address = transfer_api.service_address(trust, values["district"])
        try:
            answer = transfer_api.send_request(address,
                                               transfers.request_document(issuer, transfer))
        except TransferRefused as refused:
            request.response.status = 502
            return {**page, "form": forms.render(form, values), "problems": [],
                    "resources": forms.resources(form), "stale": None,
                    "cancel_url": request.application_url + "/transfers",
                    "refusal": f"The request could not be made: {refused}. Nothing was "
                    "recorded; you can send it again."}
        transfer.remote_id, transfer.token = str(answer["id"]), str(answer["token"])
        transfer.district_name = str(answer.get("district") or transfer.district_name)[:200]
        transfer.status = str(answer.get("status") or transfers.WAITING)
        if transfer.status == transfers.NO_MATCH:
            transfer.reason = str(answer.get("error") or "")[:MAX_REASON]
        transfers.add_transfer(request.site, transfer)
        if transfer.status == transfers.APPROVED:
            _fetch_and_import(request, transfer)
        return HTTPSeeOther(request.application_url + f"/transfers/{transfer.id}")

    page = {"heading": "Ask another district for a student's record", "refusal": None,
            "no_districts": not districts}
    shown = forms.form_page(request, form, heading=page["heading"],
                            cancel_url=request.application_url + "/transfers", save=save)
    if not isinstance(shown, dict):
        return shown
    return render_to_response(template("transfer_ask.pt"), {**page, **shown}, request,
                              response=request.response)  # (its status: 400, 502)


def _ours(request, transfer, district: bool, schools: frozenset[str]) -> bool:
    if district or transfer.direction == ASKED:
        return district or getattr(transfer, "our_school", None) in schools
    students = request.site["students"]
    return (transfer.student_id in students
            and students[transfer.student_id].school in schools)


def transfer_page(request, transfer_id: str, district: bool, schools: frozenset[str]):
    transfer = (transfers.transfers_of(request.site) or {}).get(transfer_id)
    if transfer is None or not _ours(request, transfer, district, schools):
        raise HTTPNotFound("There is no such records request.")
    message, confirming = None, False
    if request.method == "POST":
        action = request.POST.get("action", "")
        was = transfer.status
        if action == "approve" and request.POST.get("confirmed") != "yes":
            confirming = True  # (the record leaves the district: asked once more)
            action = ""
        message = _act(request, transfer, action)
        if message is None and action in ("approve", "decline") and transfer.status != was:
            request.session.flash(DECIDED[transfer.status].format(
                district=transfer.district_name, name=transfer.name))
            return HTTPSeeOther(request.application_url + f"/transfers/{transfer.id}")
    students = request.site["students"]
    student = students.get(transfer.student_id) if transfer.student_id else None
    return render_to_response(template("transfer.pt"), {
        "transfer": transfer, "student": student, "message": message,
        "asked": transfer.direction == ASKED, "confirming": confirming,
        "history": history(request, transfer)}, request)


# What the administrator is told once they answered a request (the page then shows it).
DECIDED = {
    transfers.APPROVED: "Approved. {district} can now fetch {name}'s signed record; "
                        "the family sees in their record of who looked when it is sent.",
    transfers.DECLINED: "Declined. {district} is told your reason when it next asks; "
                        "nothing of {name}'s record was sent.",
}


def history(request, transfer) -> list[tuple[object, str]]:
    """(when, what happened and who did it) of each step, naming people, not logins."""
    from profilerepo.views.display import person

    lines = []
    for at, what, by in transfer.history:
        who = person(request.site, by) if by else ""
        if by == transfer.district_name and what.startswith("Record sent"):
            what = f"{what}: fetched by {who}"  # (the other district fetches it)
        elif who and what.startswith("Declined: "):
            what = f"Declined by {who}: {what.removeprefix('Declined: ')}"
        elif who:
            what = f"{what} by {who}"
        lines.append((at, what))
    return lines


def _act(request, transfer, action: str) -> str | None:
    """Do what the button asked; a sentence for the page when it did not work."""
    try:
        if action == "check" and transfer.direction == ASKED:
            if transfer.status in (transfers.WAITING, transfers.APPROVED):
                address = transfer_api.service_address(get_trust(request.registry),
                                                       transfer.district_did)
                answer = transfer_api.ask_status(address, transfer.remote_id, transfer.token)
                status = str(answer.get("status"))
                if status == transfers.DECLINED:
                    transfer.status = transfers.DECLINED
                    transfer.reason = str(answer.get("reason") or "")[:MAX_REASON]
                    transfer.note("Declined by the other district", "")
                elif status in (transfers.APPROVED, transfers.SENT):
                    transfer.status = transfers.APPROVED
                    return _fetch_and_import(request, transfer)
                else:
                    return "Still waiting for the other district's approval."
        elif action in ("approve", "decline") and transfer.direction == ASKED_OF_US:
            reason = (request.POST.get("reason") or "").strip()[:MAX_REASON]
            if action == "decline" and not reason:
                return "Say why the request is declined: the other district is told."
            transfers.decide(transfer, action == "approve", request.user.login, reason)
    except TransferRefused as refused:
        return str(refused)
    return None


def answers_the_request(backpack, transfer) -> None:
    """Refuse a record that is not the one asked for: signed by another district than the
    one asked, or about another student than the name and birth date asked for."""
    from profilerepo.portability.imported import as_date
    from profilerepo.portability.importing import BackpackRefused

    if backpack.issuer_id != transfer.district_did:
        raise BackpackRefused(f"The record is signed by {backpack.issuer_name}, not by "
                              f"{transfer.district_name}, the district asked.")
    student = backpack.student
    names = {str(student.get(k) or "").strip().lower() for k in ("given_name",
                                                                  "preferred_name")}
    if (transfer.given_name.strip().lower() not in names
            or str(student.get("family_name") or "").strip().lower()
            != transfer.family_name.strip().lower()
            or as_date(student.get("birth_date")) != transfer.birth_date):
        raise BackpackRefused(f"The record sent is not {transfer.name}'s, born "
                              f"{transfer.birth_date:%-d %B %Y}: it names another student.")


def _fetch_and_import(request, transfer) -> str | None:
    """Fetch the approved record, verify every signature and digest, import it; a record
    refused part-way leaves nothing of it here."""
    from profilerepo.portability.importing import (
        BackpackRefused,
        import_backpack,
        match_student,
        verify_backpack_file,
    )

    trust = get_trust(request.registry)
    path = transfer_api.fetch_backpack(transfer_api.service_address(
        trust, transfer.district_did), transfer.remote_id, transfer.token)
    savepoint = request.tm.savepoint()
    try:
        backpack = verify_backpack_file(path, trust)
        try:
            answers_the_request(backpack, transfer)
            # (the student often enrols before the record arrives: one student here with
            # the name and birth date the request gave is the one it was asked for)
            student, _, alike = match_student(request.site, backpack)
            enrolled = alike[0].__name__ if student is None and len(alike) == 1 else None
            result = import_backpack(request.site, backpack, request.user.login,
                                     student_id=enrolled,
                                     school=getattr(transfer, "our_school", None),
                                     confirmed=True)
        finally:
            backpack.close()
    except BackpackRefused as refused:
        savepoint.rollback()
        transfer.reason = str(refused)[:MAX_REASON]
        transfer.note(f"The record sent was refused: {refused}", request.user.login)
        return f"The record sent was refused, and nothing of it was kept: {refused}"
    finally:
        path.unlink(missing_ok=True)
    transfer.student_id = result.student.__name__
    transfer.status = transfers.IMPORTED
    transfer.arrived = tuple((kind, title, path) for kind, title, path in result.added)
    transfer.withheld = result.withheld
    transfer.note("Record received, verified and imported", request.user.login)
    return None
