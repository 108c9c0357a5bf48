"""Who holds which role on a student: administrators add and remove people."""
from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPSeeOther
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
from profilerepo.security.roles import EDIT, ROLE_TITLES
from profilerepo.views import forms, template
from profilerepo.views.display import person


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
                        description="The person's login, e.g. jrivera")
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
        people = [(p[5:], person(request.site, p[5:])) for p in student.holders(role)
                  if p.startswith("user:")]
        rows.append((role, ROLE_TITLES[role], people))
    return rows


@view_config(context=Student, name="team", permission=EDIT, renderer=template("team.pt"))
def team(context, request):
    form = forms.build_form(request, TeamAssignmentSchema(), button="Add to the team",
                            student=context)

    def save(values: dict):
        assign(request.site, context, values["login"], values["role"], by=request.user.login)
        request.session.flash(f"{person(request.site, values['login'])} is now "
                              f"{ROLE_TITLES[values['role']].lower()} here.")
        return HTTPSeeOther(request.resource_url(context, "team"))

    shown = forms.form_page(request, form, heading=f"Team of {context.title}",
                            cancel_url=request.resource_url(context), save=save)
    if isinstance(shown, dict):
        shown.update(student=context, holders=holders(request, context))
    return shown


@view_config(context=Student, name="team-remove", permission=EDIT, request_method="POST")
def remove(context, request):
    login, role = request.POST.get("login", ""), request.POST.get("role", "")
    if role in ASSIGNABLE and f"user:{login}" in context.local_roles:
        unassign(request.site, context, login, role)
        request.session.flash(f"{person(request.site, login)} is no longer "
                              f"{ROLE_TITLES[role].lower()} here.")
    return HTTPSeeOther(request.resource_url(context, "team"))
