"""The student's own voice in their profile: their dream and goals in their own words, and
dated reflections. Only the student writes them; whoever reads the profile reads them."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from profilerepo.content.profile import (
    MyDreamSchema,
    MyGoalsSchema,
    Profile,
    ReflectionSchema,
    add_reflection,
    set_my_dream,
    set_my_goals,
)
from profilerepo.family.grants import grantees
from profilerepo.security.access import viewing_roles
from profilerepo.security.roles import VIEW, WRITE_OWN_WORDS
from profilerepo.views import forms, template
from profilerepo.views.display import person, today
from profilerepo.views.documents import _page
from profilerepo.views.page_extras import page_extras


def _only_the_student(request, profile: Profile) -> None:
    allowed = request.access.may(WRITE_OWN_WORDS, profile)
    if not allowed:
        raise HTTPForbidden(allowed.msg)


@page_extras(Profile)
def voice_extras(request, profile: Profile) -> dict:
    return {"own": bool(request.access.may(WRITE_OWN_WORDS, profile)),
            "reflections": list(reversed(profile.reflections))}


@view_config(context=Profile, permission=VIEW, renderer=template("profile.pt"))
def profile_view(context, request):
    return _page(request, context)


def _own_words(context: Profile, request, schema, store, *, field: str, button: str,
               heading: str, saved: str):
    """A form for one field of the student's own words: only the student opens it."""
    _only_the_student(request, context)
    form = forms.build_form(request, schema, button=button, edits=context)

    def save(values: dict):
        store(context, values[field], by=request.user.login)
        request.session.flash(saved)
        return HTTPSeeOther(request.resource_url(context))

    return forms.form_page(request, form, heading=heading,
                           cancel_url=request.resource_url(context), save=save,
                           appstruct={field: getattr(context, field)})


@view_config(context=Profile, name="my-goals", permission=VIEW, renderer=template("form.pt"))
def my_goals(context, request):
    return _own_words(context, request, MyGoalsSchema(), set_my_goals, field="my_goals",
                      button="Save my goals", heading="My goals, in my own words",
                      saved="Saved your goals, in your own words.")


@view_config(context=Profile, name="my-dream", permission=VIEW, renderer=template("form.pt"))
def my_dream(context, request):
    return _own_words(context, request, MyDreamSchema(), set_my_dream, field="my_dream",
                      button="Save my dream", heading="My dream",
                      saved="Saved your dream, in your own words.")


def who_reads(request, profile: Profile) -> str:
    """Who reads what the student writes in their profile, from the student's team and
    the profile's sharing: "Your family, your school team and Chinedu Le can read this." """
    roles = viewing_roles(request.registry.workflows, profile)
    readers = ["your family"] if "guardian" in roles else []
    if roles & {"counselor", "teacher", "administrator"}:
        readers.append("your school team")
    if "contributor" in roles and profile.student is not None:
        readers += [person(request.site, login)
                    for login in grantees(profile.student, profile.section)]
    if not readers:
        return "Only you can read this."
    said = readers[0] if len(readers) == 1 else f"{', '.join(readers[:-1])} and {readers[-1]}"
    return f"{said[:1].upper()}{said[1:]} can read this."


@view_config(context=Profile, name="reflect", permission=VIEW, renderer=template("form.pt"))
def reflect(context, request):
    _only_the_student(request, context)
    schema = ReflectionSchema().clone()  # (its fields are the class's own until cloned)
    schema["text"].description = f"{schema['text'].description}. {who_reads(request, context)}"
    form = forms.build_form(request, schema, button="Save my reflection")

    def save(values: dict):
        add_reflection(context, values["text"], by=request.user.login, day=today(request))
        request.session.flash("Saved your reflection, dated today.")
        return HTTPSeeOther(request.resource_url(context) + "#reflections-heading")

    return forms.form_page(request, form, heading="Add a reflection",
                           cancel_url=request.resource_url(context), save=save)
