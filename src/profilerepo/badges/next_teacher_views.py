"""Choosing portfolio pieces for the next teacher, and where the choice shows: the piece's
page, the portfolio (chosen first) and the student's page (a panel of the chosen pieces)."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.renderers import render
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.badges.forms import ChooseSchema
from profilerepo.badges.next_teacher import (
    ChoiceError,
    choose,
    chooser,
    chosen_for,
    chosen_pieces,
    unchoose,
)
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.security.roles import CHOOSE_FOR_NEXT_TEACHER, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import Html, person
from profilerepo.views.page_extras import page_extras

STAFF = frozenset({"counselor", "teacher", "administrator"})


def _allowed(request, item) -> None:
    allowed = request.access.may(CHOOSE_FOR_NEXT_TEACHER, item)
    if not allowed:
        raise HTTPForbidden(allowed.msg)
    if getattr(item, "imported", False):
        raise HTTPForbidden("This piece came from the student's last school and is kept "
                            "as it was sent, with that school's choice.")


def _may_choose(request, item) -> bool:
    """A teacher may choose a piece nobody chose yet; only the chooser changes the note
    or withdraws it (a colleague's name and note are never overwritten)."""
    if getattr(item, "imported", False) or not request.access.may(CHOOSE_FOR_NEXT_TEACHER,
                                                                   item):
        return False
    return not item.chosen_for_next or item.chosen_by == request.user.login


def _chooser_only(request, item) -> None:
    if item.chosen_for_next and item.chosen_by != request.user.login:
        who = chooser(item, lambda login: person(request.site, login))
        raise HTTPForbidden(f"{who} chose this piece for the next teacher: only they "
                            "change the note or withdraw it.")


def choice_words(request, item) -> str:
    """Who chose the piece and when, as this reader is told it (plain words for the
    family; "for you" to a teacher who did not choose it)."""
    if not item.chosen_for_next:
        return ""
    who = chooser(item, lambda login: person(request.site, login))
    when = f"{clock.day_of(item.chosen_at, request.registry):%-d %B %Y}" if item.chosen_at \
        else ""
    student = item.student.first_name if item.student is not None else "the student"
    if request.user is not None and item.chosen_by == request.user.login:
        return f"You chose this for {student}'s next teacher on {when}."
    roles = request.access.roles_on(item)
    if "teacher" in roles and chosen_for(item, request.user.login):
        return f"{who} chose this for you, {student}'s next teacher, on {when}."
    if roles & STAFF:
        return f"{who} chose this for {student}'s next teacher on {when}."
    return f"{who}, one of {student}'s teachers, picked this to show {student}'s next " \
           f"teacher, on {when}."


@page_extras(PortfolioItem)
def item_extras(request, item) -> dict:
    """On a piece's page: the choice (with the note), and choosing or un-choosing it."""
    may = _may_choose(request, item)
    return {"next_teacher": {"words": choice_words(request, item), "note": item.chosen_note,
                             "may_choose": may and not item.chosen_for_next,
                             "may_unchoose": may and item.chosen_for_next}}


def panel(request, student) -> Html:
    """The student page's panel of the pieces chosen for the next teacher that this
    person may see (empty when there are none)."""
    pieces = request.access.visible(chosen_pieces(student))
    if not pieces:
        return Html("")
    return Html(render(template("next_teacher_panel.pt"), {
        "student": student, "rows": [(p, choice_words(request, p)) for p in pieces]},
        request=request))


@view_config(context=PortfolioItem, name="choose-for-next-teacher", permission=VIEW,
             renderer=template("form.pt"))
def choose_view(context, request):
    """Choose the piece for the student's next teacher, with a note."""
    _allowed(request, context)
    _chooser_only(request, context)
    form = forms.build_form(request, ChooseSchema(), button="Choose it for the next teacher")
    student = context.student.first_name
    form.description = (f"{student}'s next teacher (here next year, or at a new school) "
                        "sees the pieces chosen for them first, with your note and your "
                        f"name. {student}'s family sees the choice too.")
    back = request.resource_url(context)

    def save(values: dict):
        try:
            choose(context, values["note"], by=request.user.login,
                   by_name=request.user.title)
        except ChoiceError as problem:
            request.session.flash(str(problem))
            return HTTPSeeOther(request.resource_url(context, "choose-for-next-teacher"))
        request.session.flash(f"Chosen for {student}'s next teacher.")
        return HTTPSeeOther(back)

    return forms.form_page(request, form, heading=f"Choose “{context.title}” for the next "
                                                  "teacher",
                           cancel_url=back, save=save,
                           appstruct={"note": context.chosen_note} if context.chosen_note
                           else None)


@view_config(context=PortfolioItem, name="unchoose", permission=VIEW, request_method="POST")
def unchoose_view(context, request):
    """No longer chosen for the next teacher."""
    _allowed(request, context)
    _chooser_only(request, context)
    try:
        unchoose(context, by=request.user.login)
    except ChoiceError as problem:
        request.session.flash(str(problem))
    else:
        request.session.flash("No longer chosen for the next teacher.")
    return HTTPSeeOther(request.resource_url(context))
