"""The page "Who can see <child>'s record": everyone with access and why (the school team,
the school's administrators, the family's grants, designees and a guide), with the
grant controls of whoever manages the record and, for administrators, the guide's.

Whoever manages the record (``family.designees.manages_record``) grants and revokes; the
student's school and district administrators read the page; everyone else is refused
with the reason. Forms are plain HTML (checkboxes and radio buttons in labelled
fieldsets); one that does not go through comes back with what was typed, each field
saying what is wrong, and nothing saved.
"""
from __future__ import annotations

import dataclasses
import datetime

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.renderers import get_renderer, render_to_response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import exception_view_config, view_config

from profilerepo.content.student import Student
from profilerepo.family.designees import (
    GUIDE,
    KIND_TITLES,
    designees_of,
    is_designee,
    live_designees,
)
from profilerepo.family.grants import (
    GRANTABLE,
    LEVELS,
    LIVE,
    NOT_YET,
    REVOKED,
    GrantError,
    find_grant,
    grants_of,
    make_grant,
    revoke_grant,
)
from profilerepo.family.invitations import InvitationError
from profilerepo.family.rights import holds_family_rights, rights_passed
from profilerepo.portability.family_views import records_requests_panel
from profilerepo.security.principals import (
    DISTRICT_ADMINISTRATORS,
    logins,
    school_administrators,
)
from profilerepo.views import template
from profilerepo.views.display import person, plain, today
from profilerepo.views.family_access_forms import (
    LABELS,
    NEW,
    FormState,
    blank_grant_form,
    date_field,
    invite_person,
    read_person,
    send_link,
    text,
)

PAGE = "who-can-see"
@dataclasses.dataclass(frozen=True)
class Standing:
    """What the person asking may do on the page."""

    family_rights: bool  # names and ends designees
    manages: bool  # grants and revokes (the family's rights, or a designee or guide)
    administers: bool  # reads the page; records and ends guides

    @property
    def reads(self) -> bool:
        return self.manages or self.administers


def standing(request, student: Student) -> Standing:
    user, day = request.user, today(request)
    rights = holds_family_rights(student, user, day)
    groups = getattr(user, "groups", ())
    return Standing(
        family_rights=rights,
        manages=rights or is_designee(student, user, day),
        administers=DISTRICT_ADMINISTRATORS in groups
        or school_administrators(student.school) in groups)


def may_open(request, student: Student) -> bool:
    """Whether the page opens to the person asking (for the links to it)."""
    return request.user is not None and standing(request, student).reads


def family_words(student: Student, day: datetime.date) -> str:
    """Who holds the family's rights, in words: "Maya's parents or guardians", or from
    18 "Maya"."""
    name = student.first_name
    return name if rights_passed(student, day) else f"{name}'s parents or guardians"


def managers_words(student: Student, day: datetime.date) -> str:
    """Who manages the record, as the refusals say it."""
    return f"{family_words(student, day)}, or someone they named to help"


class Refused(Exception):
    """A refusal of someone who knows the record (a manager, an administrator): a 403
    saying why, rather than the "nothing here" of people who may not know of it."""


@exception_view_config(Refused, renderer=template("error.pt"))
def refused(exc, request):
    request.response.status = 403
    return {"heading": "Not possible here", "message": str(exc)}


def refuse_unless(request, mine: Standing, allowed: bool, reason: str) -> None:
    """Refuse unless ``allowed``: the anonymous are sent to log in; others get a 403
    saying ``reason`` (or, if they may not know the student exists, "not found", as
    everywhere in the product)."""
    if request.user is None:
        raise HTTPForbidden()
    if not allowed:
        raise Refused(reason) if mine.reads else HTTPForbidden(reason)


def page_refusal(student: Student, day: datetime.date) -> str:
    return (f"This page is for the people who manage who sees {student.first_name}'s "
            f"record ({managers_words(student, day)}) and for the school's administrators.")


def grant_refusal(student: Student, day: datetime.date, mine: Standing) -> str:
    if not mine.administers:
        return page_refusal(student, day)
    return (f"Access to {student.first_name}'s record is granted and revoked by "
            f"{managers_words(student, day)}. Administrators read this page; the family "
            "makes the grants.")


# --- what the page shows --------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Reason:
    """One line of "who can see it and why"."""

    who: str
    why: str


def through_the_school(request, student: Student, day: datetime.date) -> list[Reason]:
    """The family, the student and the school team, each with why they have access."""
    site, name = request.site, student.first_name
    adult = rights_passed(student, day)
    rows = []
    for login in logins(student.holders("guardian")):
        rows.append(Reason(person(site, login), (
            f"Parent or guardian. Since {name} turned 18, sees only what {name} grants."
            if adult else "Parent or guardian: reads what the school shares with the "
                          "family, and manages who else sees the record.")))
    for login in logins(student.holders("student")):
        rows.append(Reason(person(site, login), (
            f"{name} (the student): holds the family's rights since turning 18."
            if adult else f"{name} (the student): reads what is shared with the family.")))
    for role, why in (("counselor", "Counselor on the school team: keeps the success plan."),
                      ("teacher", "Teacher on the school team: teaches " + name + ".")):
        for login in logins(student.holders(role)):
            rows.append(Reason(person(site, login), why))
    school = site["schools"].get(student.school)
    title = school.title if school is not None else "the school"
    rows.append(Reason(f"Administrators of {title}", "Keep the school's official records."))
    rows.append(Reason("The district's administrators",
                       "Keep the district's records and move them with the student."))
    return rows


@dataclasses.dataclass(frozen=True)
class GrantRow:
    grant: object
    who: str
    parts: list[str]
    level: str
    status: str  # in words, with by whom and when
    revocable: bool


def grant_rows(request, student: Student, day: datetime.date) -> list[GrantRow]:
    site, zone = request.site, request.registry.timezone
    rows = []
    for grant in reversed(grants_of(student)):  # (newest first: what was just done)
        state = grant.status(day)
        if state == REVOKED:
            words = (f"Revoked by {person(site, grant.revoked_by)} on "
                     f"{plain(grant.revoked_at, zone)}")
        elif state == NOT_YET:
            words = f"Not yet started (starts {plain(grant.starts)})"
        elif state == LIVE:
            words = "Live now"
        else:
            words = f"Ended on {plain(grant.ends)}"
        rows.append(GrantRow(grant, person(site, grant.login),
                             [t for s, t in GRANTABLE.items() if s in grant.sections],
                             LEVELS.get(grant.level, grant.level), words,
                             state in (LIVE, NOT_YET)))
    return rows


@dataclasses.dataclass(frozen=True)
class DesigneeRow:
    designee: object
    who: str
    role: str
    appointed: str
    status: str
    endable: bool


def designee_rows(request, student: Student, day: datetime.date,
                  mine: Standing) -> list[DesigneeRow]:
    site, zone = request.site, request.registry.timezone
    rows = []
    for d in designees_of(student):
        role = KIND_TITLES[d.kind]
        if d.kind == GUIDE:
            role += f" (order {d.order_reference} of {plain(d.order_date)})"
        if d.ended_at is not None:
            status = f"Ended by {person(site, d.ended_by)} on {plain(d.ended_at, zone)}"
        else:
            status = d.status(student, day).capitalize()
        live = d.live(student, day)
        # (the family ends whom it named; administrators end the guides they recorded)
        endable = live and (mine.administers if d.kind == GUIDE else mine.family_rights)
        rows.append(DesigneeRow(d, person(site, d.login), role,
                                f"{person(site, d.appointed_by)}, {plain(d.appointed_at, zone)}",
                                status, endable))
    return rows


def people_to_pick(request, student: Student) -> list[tuple[str, str]]:
    """(login, name) of the people a manager may pick without typing a login: those the
    family already granted or named, and the student's guardians (whom an adult student
    may grant back). Not every contributor of the district: that list is not theirs."""
    site, me = request.site, getattr(request.user, "login", "")
    found = {}
    candidates = [*(g.login for g in grants_of(student)),
                  *(d.login for d in designees_of(student)),
                  *logins(student.holders("guardian"))]
    for login in candidates:
        user = site["principals"].get_user(login)
        if user is not None and login != me and user.kind in ("contributor", "guardian"):
            found[login] = user.title
    return sorted(found.items(), key=lambda pair: pair[1].lower())


def page_values(request, student: Student, mine: Standing, **forms: FormState) -> dict:
    day = today(request)
    return {
        "heading": f"Who can see {whose(request, student)} record",
        "student": student, "mine": mine, "day": day,
        "team": through_the_school(request, student, day),
        "managers": [Reason(person(request.site, d.login), KIND_TITLES[d.kind])
                     for d in live_designees(student, day)],
        "grants": grant_rows(request, student, day),
        "designees": designee_rows(request, student, day, mine),
        "people": people_to_pick(request, student),
        "grantable": list(GRANTABLE.items()), "levels": list(LEVELS.items()),
        "grant_form": forms.get("grant_form") or blank_grant_form(day),
        "designee_form": forms.get("designee_form") or FormState(),
        "guide_form": forms.get("guide_form") or FormState(),
        "adult": rights_passed(student, day), "labels": LABELS,
        "parts": get_renderer(template("family_access_parts.pt")).implementation().macros,
        # (designees and guides manage from here: they do not open the student's page)
        "records_requests": records_requests_panel(request, student),
    }


def whose(request, student) -> str:
    """"your" to the student holding their own rights; "<first name>'s" to others."""
    from profilerepo.views.students import holds_own_rights

    return "your" if holds_own_rights(request, student) else f"{student.first_name}'s"


def show_page(request, student: Student, mine: Standing, status: int = 200, **forms):
    """The page (again, with a form's errors: status 400, nothing saved)."""
    if status >= 400:
        request.tm.doom()  # (whatever the failed step wrote first is not kept)
    response = render_to_response(template("who_can_see.pt"),
                                  page_values(request, student, mine, **forms),
                                  request=request)
    response.status = status
    return response


@view_config(context=Student, name=PAGE, permission=NO_PERMISSION_REQUIRED,
             request_method="GET")
def who_can_see(context, request):
    mine = standing(request, context)
    refuse_unless(request, mine, mine.reads, page_refusal(context, today(request)))
    return show_page(request, context, mine)


@view_config(context=Student, name=PAGE, permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def grant(context, request):
    """Grant someone chosen parts of the record (inviting them first if they are new)."""
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.manages, grant_refusal(context, day, mine))
    form = FormState()
    who = read_person(request, form)
    form.values["sections"] = [s for s in request.POST.getall("sections")
                               if isinstance(s, str)]
    form.values["level"] = text(request, "level", 20)
    form.values["purpose"] = text(request, "purpose")
    form.values["starts"] = text(request, "starts", 20)
    form.values["ends"] = text(request, "ends", 20)
    if not form.values["sections"]:
        form.errors["sections"] = "Choose at least one part of the record to share."
    if not form.values["purpose"]:
        form.errors["purpose"] = "Say what the access is for (for example: reading tutoring)."
    starts = date_field(form, "starts", "Give the first day the access works.")
    ends = date_field(form, "ends", "Give the last day the access works (you can grant "
                                    "again later).")
    if form.failed:
        return show_page(request, context, mine, 400, grant_form=form)
    link = ""
    try:
        if who == NEW:
            who, link = invite_person(request, context, form)
        made = make_grant(request.site, context, who, form.values["sections"],
                          form.values["level"], form.values["purpose"], starts, ends,
                          by=request.user.login)
    except (GrantError, InvitationError) as refused:
        form.problem = str(refused)
        return show_page(request, context, mine, 400, grant_form=form)
    name = person(request.site, made.login)
    request.session.flash(f"{name} can see what you chose of {context.first_name}'s record "
                          f"from {plain(made.starts)} until {plain(made.ends)}.")
    send_link(request, name, link)
    return HTTPSeeOther(request.resource_url(context, PAGE))


# --- revoking ---------------------------------------------------------------------------

def _grant_asked(request, student: Student):
    try:
        return find_grant(student, text(request, "grant", 40))
    except GrantError:
        return None


@view_config(context=Student, name=f"{PAGE}-revoke", permission=NO_PERMISSION_REQUIRED,
             request_method="GET", renderer=template("confirm.pt"))
def confirm_revoke(context, request):
    """What revoking does, asked first; the button posts to the same address."""
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.manages, grant_refusal(context, day, mine))
    back = request.resource_url(context, PAGE)
    page = {"heading": "Revoke this access?", "cancel_url": back, "refusal": None,
            "facts": (), "comment": None}
    found = _grant_asked(request, context)
    if found is None or found.status(day) not in (LIVE, NOT_YET):
        request.response.status = 404
        return {**page, "refusal": "That access is not open (any more): nothing to revoke."}
    name = person(request.site, found.login)
    parts = ", ".join(t for s, t in GRANTABLE.items() if s in found.sections)
    return {**page, "heading": f"Revoke {name}'s access?",
            "what": f"{name} will no longer see {context.first_name}'s record ({parts}), "
                    "from this moment: pages, files and search alike. To open it again, "
                    "grant it again.",
            "facts": [f"For: {found.purpose}",
                      f"From {plain(found.starts)} until {plain(found.ends)}."],
            "action": request.resource_url(context, f"{PAGE}-revoke"),
            "hidden": (("grant", found.id),), "button": f"Revoke {name}'s access"}


@view_config(context=Student, name=f"{PAGE}-revoke", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def revoke(context, request):
    mine, day = standing(request, context), today(request)
    refuse_unless(request, mine, mine.manages, grant_refusal(context, day, mine))
    found = _grant_asked(request, context)
    if found is None or found.status(day) not in (LIVE, NOT_YET):
        request.session.flash("That access was not open any more: nothing was revoked.")
    else:
        revoke_grant(context, found.id, by=request.user.login)
        request.session.flash(f"{person(request.site, found.login)} no longer sees "
                              f"{context.first_name}'s record through that grant.")
    return HTTPSeeOther(request.resource_url(context, PAGE))
