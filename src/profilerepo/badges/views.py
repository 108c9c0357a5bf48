"""Badge pages: award one (signed by the district), receive one from elsewhere (checked),
the badge's page with its credential to download, checking it again, revoking it."""
from __future__ import annotations

import copy
import re
from datetime import UTC, date, datetime

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.badges.forms import (
    MAX_IMAGE_BYTES,
    AwardSchema,
    ReceiveSchema,
    RemoveSchema,
    RevokeSchema,
    image_data_uri,
    read_upload,
)
from profilerepo.badges.issuing import BadgeError, award_badge, revoke_badge
from profilerepo.badges.model import RECEIVED, Badge
from profilerepo.badges.receiving import (
    MAX_CREDENTIAL_BYTES,
    check_badge,
    receive_badge,
    remove_badge,
)
from profilerepo.content.portfolio import Portfolio, PortfolioItem
from profilerepo.credentials import get_issuer, get_trust
from profilerepo.family.rights import holds_family_rights
from profilerepo.security.roles import AWARD_BADGE, RECEIVE_BADGE, REVOKE_BADGE, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import person, plain, today
from profilerepo.views.documents import readable_versions, workflow_panel
from profilerepo.views.page_extras import page_extras
from profilerepo.views.uploads import pending_uploads

_SAFE_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=]+$")


# What a failed check means, in plain words, by the verifier's check (its reason starts
# with the check's name); the reason itself is shown too, for whoever issued the badge.
PLAIN_REASONS = (
    ("proof: the credential carries no proof", "it is not signed"),
    ("proof:", "its signature does not match: it was changed after it was signed, or "
               "was not signed by its issuer"),
    ("key:", "the key that signed it could not be found"),
    ("issuer:", "its issuer is not one this district trusts"),
    ("status:", "its issuer revoked it"),
    ("dates: expired", "it has expired"),
    ("dates: not valid until", "it is not valid yet"),
    ("contexts:", "it uses terms this district cannot check"),
    ("schema:", "it is not in the Open Badges form"),
    ("read:", "it could not be read as a badge"),
)


def plain_reason(reason: str) -> str:
    """Why a badge is not verified, as a family reads it."""
    for start, words in PLAIN_REASONS:
        if reason.startswith(start):
            return words
    return "it could not be checked"


def _allowed(request, action: str, document) -> None:
    allowed = request.access.may(action, document)
    if not allowed:
        raise HTTPForbidden(allowed.msg)


def _refused(request, form, page: dict, problem: str) -> dict:
    """The form shown again (status 400) with ``problem``: nothing was saved."""
    request.response.status = 400
    return {**page, "form": forms.render(form, page.get("entered")),
            "problems": [(problem, problem, "")]}


def _form_page(request, form, heading: str, cancel_url: str) -> dict:
    return {"heading": heading, "resources": forms.resources(form),
            "cancel_url": cancel_url, "stale": None}


def _image(request, portfolio, values: dict) -> str:
    """The badge's image: a small upload or portfolio image, kept inside the credential;
    a portfolio image too large for that, by its address."""
    uploaded = read_upload(values.get("image_upload"), MAX_IMAGE_BYTES)
    if uploaded:
        pending_uploads(request).discard(values["image_upload"].get("uid"))
        return image_data_uri(uploaded)
    item = portfolio.get(values.get("image_item") or "")
    if item is None or item.file is None:
        return ""
    if item.size <= MAX_IMAGE_BYTES:
        with item.file.open("r") as stream:
            return image_data_uri(stream.read())
    return request.resource_url(item, "download")


def _evidence_label(request, item) -> str:
    """A piece's title, saying so when the family cannot read it (a badge is shared with
    the family, who would then read "Evidence: not shown to you")."""
    from profilerepo.security.access import viewing_roles

    if "guardian" in viewing_roles(request.registry.workflows, item):
        return item.title
    return f"{item.title} (private to the school team: the family will not see it)"


@view_config(context=Portfolio, name="award-badge", permission=VIEW,
             renderer=template("form.pt"))
def award(context, request):
    """Award a badge, with a piece of the student's work as evidence."""
    _allowed(request, AWARD_BADGE, context)
    work = [i for i in request.access.visible(context.values()) if isinstance(i, PortfolioItem)]
    schema = AwardSchema()
    if not any(i.is_image for i in work):  # (an empty list to choose from says nothing)
        del schema["image_item"]
        schema["image_upload"].title = "Badge image (optional)"
        schema["image_upload"].description = (
            "There is no picture in the portfolio to use: upload one if you like (a PNG, "
            "JPEG or GIF of at most 256 KB)")
    form = forms.build_form(
        request, schema, button="Award the badge", today=today(request),
        evidence_choices=[(i.__name__, _evidence_label(request, i)) for i in work],
        image_choices=[(i.__name__, i.title) for i in work if i.is_image],
        upload_store=pending_uploads(request))
    student = context.__parent__
    if not work:
        form.description = (f"There is no portfolio work of {student.first_name}'s yet to "
                            "show as evidence: add a piece first.")
    cancel = request.resource_url(context)
    page = _form_page(request, form, f"Award {student.first_name} a badge", cancel)

    def save(values: dict):
        try:
            badge = award_badge(
                request.site, get_issuer(request.registry), student, values,
                by=request.user.login,
                evidence_url=request.resource_url(context[values["evidence"]]),
                image=_image(request, context, values), engine=request.registry.workflows)
        except BadgeError as problem:
            return _refused(request, form, {**page, "entered": values}, str(problem))
        request.session.flash(f"Badge awarded: “{badge.name}”, signed by the district.")
        return HTTPSeeOther(request.resource_url(badge))

    return forms.form_page(request, form, heading=page["heading"], cancel_url=cancel,
                           save=save)


@view_config(context=Portfolio, name="receive-badge", permission=VIEW,
             renderer=template("form.pt"))
def receive(context, request):
    """Add a badge from elsewhere; it is checked and kept with the verdict."""
    _allowed(request, RECEIVE_BADGE, context)
    form = forms.build_form(request, ReceiveSchema(), button="Check and add the badge",
                            upload_store=pending_uploads(request))
    # Focus starts on the file (deform would give it to the first text box, the paste).
    form["pasted"].autofocus = None
    form["upload"].widget = copy.copy(form["upload"].widget)
    form["upload"].widget.attributes = {"autofocus": "autofocus"}
    form.description = ("An Open Badges 3.0 badge from another school, a club or a course. "
                        "It is checked: a badge that fails is kept, marked “Not verified” "
                        "with the reason.")
    cancel = request.resource_url(context)
    page = _form_page(request, form, "Add a badge from elsewhere", cancel)

    def save(values: dict):
        data = read_upload(values.get("upload"), MAX_CREDENTIAL_BYTES) or values["pasted"]
        try:
            badge = receive_badge(context.__parent__, data, get_trust(request.registry),
                                  by=request.user.login, engine=request.registry.workflows)
        except BadgeError as problem:
            return _refused(request, form, {**page, "entered": {"pasted": values["pasted"]}},
                            str(problem))
        upload = values.get("upload")
        if upload:
            pending_uploads(request).discard(upload.get("uid"))
        request.session.flash("Badge added and checked: " + (
            ("verified." if names_student(badge) else "its signature checks, but it is "
             f"issued to someone else by name: check it is {badge.student.first_name}'s.")
            if badge.verified else f"not verified: {plain_reason(badge.verdict_reason)}."))
        return HTTPSeeOther(request.resource_url(badge))

    return forms.form_page(request, form, heading=page["heading"], cancel_url=cancel,
                           save=save)


def _local_day(request, moment: datetime | None) -> date | None:
    """The district's day of a stored moment (what "on 4 December" means here)."""
    return clock.day_of(moment, request.registry) if moment is not None else None


def credential_day(request, badge, moment: datetime | None) -> date | None:
    """A date the credential states, as the date it gives (validFrom 2010-01-01T00:00:00Z
    is 1 January 2010 wherever it is read); one this district wrote, as its own day."""
    if moment is None:
        return None
    return _local_day(request, moment) if badge.awarded_here else moment.date()


def _came_from(badge) -> str:
    """"<school>, <district>" an imported badge came from ("" for one that did not)."""
    found = getattr(badge, "provenance", None)
    if not getattr(badge, "imported", False) or not isinstance(found, dict):
        return ""
    return ", ".join(filter(None, (found.get("school"), found.get("district")))) or \
        "another district"


def lede(request, badge) -> str:
    """The badge's first line: who awarded or added it, when (the district's day)."""
    student = badge.student
    name = student.first_name if student is not None else "the student"
    came_from = _came_from(badge)
    if came_from:
        return f"A badge that came with {name}'s record from {came_from}."
    day = plain(_local_day(request, badge.created))
    if badge.awarded_here:
        return f"A badge awarded to {name} by {person(request.site, badge.creator)} on {day}."
    return f"A badge from elsewhere, added by {person(request.site, badge.creator)} on {day}."


def verified_words(badge) -> str:
    """Why a verified badge is verified, never empty (a badge a backpack brought was
    checked as the record arrived, with no reason of its own)."""
    if badge.verdict_reason:
        return badge.verdict_reason
    came_from = _came_from(badge)
    return (f"checked when it arrived with the record from {came_from}" if came_from
            else "its signature checks")


def names_student(badge) -> bool:
    """Whether the badge is the student's: awarded here, brought by their record, or a
    badge from elsewhere whose credential names them."""
    return badge.awarded_here or bool(_came_from(badge)) or badge.names(badge.student)


def may_remove(request, badge) -> bool:
    """A badge from elsewhere is removed by whoever added it, or by whoever holds the
    family's rights; badges awarded here (revoked instead) and imported ones stay."""
    if badge.origin != RECEIVED or getattr(badge, "imported", False) or request.user is None:
        return False
    return badge.creator == request.user.login or holds_family_rights(
        badge.student, request.user, today(request))


@page_extras(Badge)
def badge_extras(request, badge) -> dict:
    """What the badge's page shows beyond the document (on a refused transition's page
    too): its image, evidence, whether it is still valid, what this person may do."""
    evidence = badge.__parent__.get(badge.evidence) if badge.evidence else None
    image = badge.image
    if not (_SAFE_IMAGE.match(image) or image.startswith(request.application_url + "/")):
        image = ""  # (nothing fetched from other sites, nothing but images)
    subject_id, subject_name = badge.subject()
    return {"image": image, "now": clock.now(request.registry),
            "evidence": evidence if evidence is not None
            and request.access.can_view(evidence) else None,
            "can_revoke": badge.awarded_here and not badge.revoked
            and bool(request.access.may(REVOKE_BADGE, badge)),
            "can_check": bool(request.access.may(RECEIVE_BADGE, badge))
            or "administrator" in request.access.roles_on(badge),
            "can_remove": may_remove(request, badge),
            "can_edit": False, "plain_reason": plain_reason(badge.verdict_reason),
            "lede": lede(request, badge), "verified_words": verified_words(badge),
            "issued_to": (badge.student.first_name if badge.awarded_here or _came_from(badge)
                          else subject_name or subject_id or "nobody named"),
            "names_student": names_student(badge),
            "subject_id": subject_id,
            "day": lambda moment: plain(_local_day(request, moment)),
            "credential_day": lambda moment: plain(credential_day(request, badge, moment)),
            # (the badge's own History, with its revocation, replaces the workflow's)
            "history": [], "badge_history": badge_history(
                request, badge, workflow_panel(request, badge)["history"])}


def badge_history(request, badge, history: list[dict]) -> list[dict]:
    """The badge's workflow history, with its revocation (newest first)."""
    if not badge.revoked:
        return history
    revoked = {"time": badge.revoked_at, "actor": badge.revoked_by, "action": "Revoked",
               "comment": badge.revoked_reason, "source": "", "target": ""}
    return sorted([*history, revoked], key=lambda h: h["time"], reverse=True)


@view_config(context=Badge, permission=VIEW, renderer=template("badge_page.pt"))
def badge_page(context, request):
    """The badge as its credential states it, whether it is verified, and its state."""
    return {"document": context, "recent_versions": readable_versions(request, context, 6),
            **workflow_panel(request, context), **badge_extras(request, context)}


@view_config(context=Badge, name="credential", permission=VIEW)
def download_credential(context, request) -> Response:
    """The credential exactly as signed (JSON, or the VC-JWT as it came)."""
    slug = re.sub(r"[^a-z0-9]+", "-", context.name.lower()).strip("-")[:60] or "badge"
    extension, kind = ((".jwt", "application/jwt") if context.is_jwt
                       else (".json", "application/json"))
    response = Response(body=context.credential.encode("utf-8"), content_type=kind,
                        charset="utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}{extension}"'
    return response


@view_config(context=Badge, name="check", permission=VIEW, request_method="POST")
def check_again(context, request):
    """Check the badge again now (an expiry or a revocation since shows)."""
    if not (request.access.may(RECEIVE_BADGE, context)
            or "administrator" in request.access.roles_on(context)):
        raise HTTPForbidden(request.access.may(RECEIVE_BADGE, context).msg)
    valid = check_badge(context, get_trust(request.registry), by=request.user.login,
                        when=clock.now(zone=UTC))
    request.session.flash("Checked again: " + (
        "verified." if valid else f"not verified: {plain_reason(context.verdict_reason)}."))
    return HTTPSeeOther(request.resource_url(context))


@view_config(context=Badge, name="revoke", permission=VIEW, renderer=template("form.pt"))
def revoke(context, request):
    """Revoke a badge this district awarded, saying why."""
    _allowed(request, REVOKE_BADGE, context)
    if not context.awarded_here or context.revoked:
        raise HTTPForbidden("This badge was revoked already." if context.revoked else
                            "Only badges this district awarded can be revoked here.")
    form = forms.build_form(request, RevokeSchema(), button="Revoke the badge")
    form.description = ("Anyone who checks the badge from now on is told it is revoked. "
                        "This cannot be undone.")
    cancel = request.resource_url(context)
    page = _form_page(request, form, f"Revoke “{context.name}”", cancel)

    def save(values: dict):
        try:
            revoke_badge(request.site, context, by=request.user.login, reason=values["reason"])
        except BadgeError as problem:
            return _refused(request, form, {**page, "entered": values}, str(problem))
        request.session.flash("The badge is revoked.")
        return HTTPSeeOther(request.resource_url(context))

    return forms.form_page(request, form, heading=page["heading"], cancel_url=cancel,
                           save=save)


@view_config(context=Badge, name="edit", permission=VIEW)
def no_editing(context, request):
    """A badge is kept exactly as signed: not edited (the issuer revokes one instead)."""
    raise HTTPForbidden("A badge is kept exactly as it was signed, so it is not edited. "
                        "A badge awarded by mistake is revoked.")


@view_config(context=Badge, name="remove", permission=VIEW, renderer=template("form.pt"))
def remove(context, request):
    """Take a badge from elsewhere out of the portfolio (added by mistake), after a
    confirmation; the portfolio keeps a line saying who removed which badge, when."""
    if not may_remove(request, context):
        raise HTTPForbidden("A badge from elsewhere is removed by whoever added it, or by "
                            "the student's parents or guardians (the student from 18). "
                            "A badge this school awarded is revoked instead.")
    form = forms.build_form(request, RemoveSchema(), button="Remove the badge")
    student = context.student
    form.description = (f"“{context.title}” is taken out of {student.first_name}'s portfolio "
                        "for everyone. The badge itself is not changed: you can add its "
                        "file again later.")
    cancel = request.resource_url(context)

    def save(values: dict):
        portfolio = context.__parent__
        remove_badge(portfolio, context, by=request.user.login,
                     when=clock.now(zone=UTC))
        request.session.flash(f"“{context.title}” was removed from {student.first_name}'s "
                              "portfolio.")
        return HTTPSeeOther(request.resource_url(portfolio))

    return forms.form_page(request, form, heading=f"Remove “{context.title}”?",
                           cancel_url=cancel, save=save)
