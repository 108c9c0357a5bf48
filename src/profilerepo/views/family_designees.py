"""Naming a designee (the family) and recording a court- or state-appointed guide (the
school's or the district's administrators), and ending either, from the page "Who can
see <child>'s record" (``views.family_access``)."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content.student import Student
from profilerepo.family.designees import (
    GUIDE,
    KIND_TITLES,
    DesigneeError,
    end_designee,
    find_designee,
    name_designee,
    record_guide,
)
from profilerepo.family.invitations import InvitationError
from profilerepo.views import template
from profilerepo.views.display import person, plain, today
from profilerepo.views.family_access import (
    PAGE,
    family_words,
    page_refusal,
    refuse_unless,
    show_page,
    standing,
)
from profilerepo.views.family_access_forms import (
    NEW,
    FormState,
    date_field,
    invite_person,
    read_person,
    send_link,
    text,
)


def _family_refusal(student, day) -> str:
    return (f"Designees are named by {family_words(student, day)}. Someone they named "
            "helps manage grants, but does not name others.")


def _appoint(request, student, form: FormState, who: str, make) -> tuple[object, str]:
    """Invite the new person if need be, then ``make(login)``; (appointment, link)."""
    link = ""
    if who == NEW:
        who, link = invite_person(request, student, form)
    return make(who), link


def _done(request, student, made, link: str) -> HTTPSeeOther:
    name = person(request.site, made.login)
    request.session.flash(f"{name} now helps manage who sees {student.first_name}'s record "
                          f"({KIND_TITLES[made.kind].lower()}).")
    send_link(request, name, link)
    return HTTPSeeOther(request.resource_url(student, PAGE))


@view_config(context=Student, name=f"{PAGE}-designee", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def add_designee(context, request):
    """The family names someone to manage the record beside them."""
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.family_rights,
                  _family_refusal(context, day) if mine.reads else page_refusal(context, day))
    form = FormState()
    who = read_person(request, form)
    if form.failed:
        return show_page(request, context, mine, 400, designee_form=form)
    try:
        made, link = _appoint(request, context, form, who, lambda login: name_designee(
            request.site, context, login, by=request.user.login))
    except (DesigneeError, InvitationError) as refused:
        form.problem = str(refused)
        return show_page(request, context, mine, 400, designee_form=form)
    return _done(request, context, made, link)


@view_config(context=Student, name=f"{PAGE}-guide", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def add_guide(context, request):
    """An administrator records the guide a court or the state appointed."""
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.administers,
                  "A guide appointed by a court or the state is recorded by the school's "
                  "administrators, from the order." if mine.reads
                  else page_refusal(context, day))
    form = FormState()
    who = read_person(request, form)
    form.values["order_reference"] = text(request, "order_reference", 100)
    form.values["order_date"] = text(request, "order_date", 20)
    if not form.values["order_reference"]:
        form.errors["order_reference"] = ("Give the order's reference (for example its "
                                          "case number).")
    ordered = date_field(form, "order_date", "Give the date of the order.")
    if form.failed:
        return show_page(request, context, mine, 400, guide_form=form)
    try:
        made, link = _appoint(request, context, form, who, lambda login: record_guide(
            request.site, context, login, form.values["order_reference"], ordered,
            by=request.user.login))
    except (DesigneeError, InvitationError) as refused:
        form.problem = str(refused)
        return show_page(request, context, mine, 400, guide_form=form)
    return _done(request, context, made, link)


def _asked(request, student):
    try:
        return find_designee(student, text(request, "designee", 40))
    except DesigneeError:
        return None


def _may_end(mine, designee) -> bool:
    """The family ends the designees it named; administrators end guides."""
    return mine.administers if designee.kind == GUIDE else mine.family_rights


@view_config(context=Student, name=f"{PAGE}-end", permission=NO_PERMISSION_REQUIRED,
             request_method="GET", renderer=template("confirm.pt"))
def confirm_end(context, request):
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.reads, page_refusal(context, day))
    back = request.resource_url(context, PAGE)
    page = {"heading": "End this appointment?", "cancel_url": back, "refusal": None,
            "facts": (), "comment": None}
    found = _asked(request, context)
    if found is None or not found.live(context, day):
        request.response.status = 404
        return {**page, "refusal": "That person does not manage the record (any more)."}
    refuse_unless(request, mine, _may_end(mine, found),
                  "A guide's appointment is ended by the school's administrators."
                  if found.kind == GUIDE else
                  f"A designee is ended by {family_words(context, day)}.")
    name = person(request.site, found.login)
    return {**page, "heading": f"End {name}'s appointment?",
            "what": f"{name} will no longer manage who sees {context.first_name}'s record, "
                    "from this moment. The record keeps who appointed them, who ended it "
                    "and when.",
            "facts": [f"{KIND_TITLES[found.kind]}, since "
                      f"{plain(found.appointed_at, request.registry.timezone)}."],
            "action": request.resource_url(context, f"{PAGE}-end"),
            "hidden": (("designee", found.id),), "button": f"End {name}'s appointment"}


@view_config(context=Student, name=f"{PAGE}-end", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def end(context, request):
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.reads, page_refusal(context, day))
    found = _asked(request, context)
    if found is None or not found.live(context, day):
        request.session.flash("That person did not manage the record any more: nothing "
                              "was changed.")
        return HTTPSeeOther(request.resource_url(context, PAGE))
    refuse_unless(request, mine, _may_end(mine, found),
                  "Only the family ends a designee, and only administrators end a guide.")
    end_designee(context, found.id, by=request.user.login)
    request.session.flash(f"{person(request.site, found.login)} no longer manages who "
                          f"sees {context.first_name}'s record.")
    return HTTPSeeOther(request.resource_url(context, PAGE))
