"""Who holds which role on a student: administrators find people by name, add and
remove them (asked first); the student's counselor reads the team."""
from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from profilerepo.content import fields
from profilerepo.content.student import Student
from profilerepo.principals import normalise_login
from profilerepo.security.local_roles import (
    ASSIGNABLE,
    RoleError,
    assign,
    check_assignment,
    unassign,
)
from profilerepo.security.policy import roles_on
from profilerepo.security.principals import logins, user_principal
from profilerepo.security.roles import EDIT, ROLE_TITLES, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import person
from profilerepo.views.team_finder import find_people


@colander.deferred
def _fits_the_student(node, kw):
    def validate(form, values):
        try:
            check_assignment(kw["site"], kw["student"], values["login"], values["role"],
                             by=kw["request"].user.login)
        except RoleError as refused:
            error = colander.Invalid(form)
            error["login"] = str(refused)
            raise error from None

    return validate


class TeamAssignmentSchema(colander.MappingSchema):
    login = fields.text("Login", required=True, max_length=64,
                        description="If you know it, e.g. jrivera; or find them by name "
                                    "above")
    role = fields.choice("Role", [(r, ROLE_TITLES[r]) for r in ASSIGNABLE])
    validator = _fits_the_student

    @staticmethod
    def preparer(values):
        if isinstance(values, dict) and isinstance(values.get("login"), str):
            values = {**values, "login": normalise_login(values["login"])}
        return values


def holders(request, student: Student) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(role, title, [(login, name)]) for each assignable role."""
    rows = []
    for role in ASSIGNABLE:
        people = [(login, person(request.site, login))
                  for login in logins(student.holders(role))]
        rows.append((role, ROLE_TITLES[role], people))
    return rows


def _text(request, name: str, limit: int = 100) -> str:
    value = request.params.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


@view_config(context=Student, name="team", permission=VIEW, renderer=template("team.pt"))
def team(context, request):
    """Administrators manage the team; the student's counselor reads it."""
    if not request.has_permission(EDIT, context):
        if "counselor" not in roles_on(request, context):
            raise HTTPForbidden()
        return {"heading": f"Team of {context.title}", "student": context, "manage": False,
                "holders": holders(request, context), "cancel_url": request.resource_url(
                    context), "resources": {"css": ()}, "found": None, "find": ""}
    form = forms.build_form(request, TeamAssignmentSchema(), button="Add to the team",
                            student=context)

    def save(values: dict):
        assign(request.site, context, values["login"], values["role"], by=request.user.login)
        request.session.flash(joined(request, context, values["login"], values["role"]))
        return HTTPSeeOther(request.resource_url(context, "team"))

    shown = forms.form_page(request, form, heading=f"Team of {context.title}",
                            cancel_url=request.resource_url(context), save=save)
    if isinstance(shown, dict):
        find = _text(request, "find")
        shown.update(student=context, holders=holders(request, context), manage=True,
                     find=find, found=find_people(request.site, context, find,
                                                  request.user.login) if find else None)
    return shown


def joined(request, student, login: str, role: str) -> str:
    """What the page says once someone is added: "Tess Other is on the team of Maya
    Lopez now, as teacher." """
    return (f"{person(request.site, login)} is on the team of {student.title} now, as "
            f"{ROLE_TITLES[role].lower()}.")


@view_config(context=Student, name="team-add", permission=EDIT, request_method="POST")
def add_found(context, request):
    """Add someone found by name, in the role picked beside their name."""
    login, role = _text(request, "login", 64), _text(request, "role", 20)
    try:
        assign(request.site, context, login, role, by=request.user.login)
    except RoleError as refused:
        request.session.flash(f"Not added: {refused}")
    else:
        request.session.flash(joined(request, context, login, role))
    return HTTPSeeOther(request.resource_url(context, "team"))


@view_config(context=Student, name="team-remove", permission=EDIT, request_method="GET",
             renderer=template("confirm.pt"))
def confirm_remove(context, request):
    """Who loses what, asked first; the button posts to the same address."""
    login, role = _text(request, "login", 64), _text(request, "role", 20)
    back = request.resource_url(context, "team")
    page = {"heading": "Remove from the team?", "cancel_url": back, "refusal": None,
            "facts": (), "comment": None}
    if role not in ASSIGNABLE or user_principal(login) not in context.local_roles or \
            user_principal(login) not in context.holders(role):
        request.response.status = 404
        return {**page, "refusal": "That person does not hold that role here (any more)."}
    name, title = person(request.site, login), ROLE_TITLES[role].lower()
    return {**page, "heading": f"Remove {name} as {title}?",
            "what": f"{name} will leave the team of {context.title} (as {title}), and loses what "
                    f"that role opens of the record at once. You can add them again later.",
            "action": request.resource_url(context, "team-remove"),
            "hidden": (("login", login), ("role", role)), "button": f"Remove {name}"}


@view_config(context=Student, name="team-remove", permission=EDIT, request_method="POST")
def remove(context, request):
    login, role = request.POST.get("login", ""), request.POST.get("role", "")
    if role in ASSIGNABLE and user_principal(login) in context.local_roles:
        unassign(request.site, context, login, role)
        request.session.flash(f"{person(request.site, login)} has left the team of "
                              f"{context.title} (as {ROLE_TITLES[role].lower()}).")
    return HTTPSeeOther(request.resource_url(context, "team"))
