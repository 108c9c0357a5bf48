"""The family's own words on the record's pages: comments on the transcript and
observations on goals (``family.words``), shown signed and dated to everyone who reads
the document; added by those ``roles.ADD_FAMILY_WORDS`` names, changed or withdrawn by
their writer only, every version kept and readable."""
from __future__ import annotations

from dataclasses import dataclass

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.renderers import render
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.content.transcript import Transcript
from profilerepo.family import words
from profilerepo.family.words import FamilyWord
from profilerepo.plans.goals import Goal
from profilerepo.security.roles import ADD_FAMILY_WORDS, FAMILY_RIGHTS, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import Html, person, plain, today

ONLY_THE_WRITER = "Only the person who wrote these words changes or withdraws them."


@dataclass(frozen=True)
class Kind:
    """How a document's page speaks of its family's words."""

    noun: str  # "comment"
    heading: str
    none_yet: str
    add: str  # the add link's words and the add form's heading
    add_view: str  # the add form's view name
    schema: type


KINDS = {
    Transcript: Kind("comment", "Comments from the family",
                     "No comments from the family yet.", "Add a comment", "add-comment",
                     words.CommentSchema),
    Goal: Kind("observation", "Observations from the family",
               "No observations from the family yet.", "Add an observation",
               "add-observation", words.ObservationSchema),
}


def kind_of(document) -> Kind:
    return next(kind for cls, kind in KINDS.items() if isinstance(document, cls))


@dataclass(frozen=True)
class Shown:
    """An entry as a page shows it: signed, dated, marked when edited."""

    name: str
    word: FamilyWord
    writer: str  # the writer's name
    written: str  # the day it was written, on the district's calendar
    edited: str  # the day of its last change ("" if never changed)
    own: bool  # the reader wrote it and may change it now


def _day(request, moment) -> str:
    return plain(clock.day_of(moment, request.registry)) if moment is not None else ""


def shown_entries(request, document) -> list[Shown]:
    """The document's entries, as this reader sees them."""
    found = words.entries(document)
    if not found:
        return []
    login = request.user.login if request.user is not None else None
    may_write = bool(request.access.may(ADD_FAMILY_WORDS, document))
    return [Shown(name, w, person(request.site, w.creator), _day(request, w.created),
                  _day(request, w.modified) if w.version_number > 1 else "",
                  may_write and w.creator == login)
            for name, w in found]


def panel(request, document) -> Html:
    """The section of the document's page with its family's words (templates call this:
    the goal's and the transcript's pages both show it, whatever else they show)."""
    kind = kind_of(document)
    return Html(render(template("family_words_panel.pt"), {
        "document": document, "kind": kind, "entries": shown_entries(request, document),
        "can_add": bool(request.access.may(ADD_FAMILY_WORDS, document))}, request=request))


def capacity(request, document) -> str:
    """In what capacity the person signs what they add here."""
    if FAMILY_RIGHTS in request.access.roles_on(document):
        student = document.student
        is_student = student is not None and request.user.student_id == student.__name__
        return words.AS_STUDENT if is_student else words.AS_GUARDIAN
    return words.AS_GRANTEE


def _may_write(request, document) -> None:
    allowed = request.access.may(ADD_FAMILY_WORDS, document)
    if not allowed:
        raise HTTPForbidden(allowed.msg)


def _bind(document, keep: str = "") -> dict:
    """What the form's schema is bound with: a comment's choices of what it is about."""
    if isinstance(document, Transcript):
        return {"about_choices": words.about_choices(document, keep)}
    return {}


def _back(request, document, name: str = "") -> str:
    return request.resource_url(document) + (f"#words-{name}" if name else
                                             "#family-words-heading")


@view_config(context=Transcript, name="add-comment", permission=VIEW,
             renderer=template("form.pt"))
@view_config(context=Goal, name="add-observation", permission=VIEW,
             renderer=template("form.pt"))
def add_words(context, request):
    """A new comment or observation, signed by the person writing it."""
    _may_write(request, context)
    kind = kind_of(context)
    form = forms.build_form(request, kind.schema(), button=f"Add the {kind.noun}",
                            **_bind(context))

    def save(values: dict):
        name = words.add_words(context, values, by=request.user.login,
                               capacity=capacity(request, context))
        request.session.flash(f"Your {kind.noun} is added, signed with your name and "
                              "dated today.")
        return HTTPSeeOther(_back(request, context, name))

    starting = {"observed": today(request)} if isinstance(context, Goal) else {}
    return forms.form_page(request, form, heading=kind.add,
                           cancel_url=request.resource_url(context), save=save,
                           appstruct=starting)


def _entry(request, document) -> tuple[str, FamilyWord]:
    """The shown entry the URL names (``.../change-words/<name>``), or 404 (a withdrawn
    one too: it is no longer part of the record's pages)."""
    name = request.subpath[0] if len(request.subpath) == 1 else ""
    word = words.entry(document, name)
    if word is None or not word.shown:
        raise HTTPNotFound(f"There is no such {kind_of(document).noun} here.")
    return name, word


def _own_entry(request, document) -> tuple[str, FamilyWord]:
    """The entry, if the person wrote it and may still add words here; else 403."""
    name, word = _entry(request, document)
    _may_write(request, document)
    if word.creator != request.user.login:
        raise HTTPForbidden(ONLY_THE_WRITER)
    return name, word


@view_config(context=Transcript, name="change-words", permission=VIEW,
             renderer=template("family_words_form.pt"))
@view_config(context=Goal, name="change-words", permission=VIEW,
             renderer=template("family_words_form.pt"))
def change_words(context, request):
    """The writer changes their entry: a new version, the earlier ones kept."""
    name, word = _own_entry(request, context)
    kind = kind_of(context)
    form = forms.build_form(request, kind.schema(), button="Save the changes", edits=word,
                            **_bind(context, word.about))

    def save(values: dict):
        number = words.change_words(context, word, values, by=request.user.login)
        request.session.flash(f"Your {kind.noun} is changed. This is version {number}; "
                              "the earlier ones are kept.")
        return HTTPSeeOther(_back(request, context, name))

    current = {k: v for k, v in word.field_values().items() if v is not None}
    page = forms.form_page(request, form, heading=f"Change your {kind.noun}",
                           cancel_url=_back(request, context, name), save=save,
                           appstruct=current)
    if isinstance(page, dict):
        page.update(noun=kind.noun, document=context,
                    withdraw_url=request.resource_url(context, "withdraw-words", name),
                    versions_url=request.resource_url(context, "family-words", name))
    return page


@view_config(context=Transcript, name="withdraw-words", permission=VIEW,
             request_method="POST")
@view_config(context=Goal, name="withdraw-words", permission=VIEW, request_method="POST")
def withdraw_words(context, request):
    """The writer takes their entry off the page (it is kept, with its versions)."""
    _name, word = _own_entry(request, context)
    words.withdraw_words(context, word, by=request.user.login)
    request.session.flash(f"Your {kind_of(context).noun} is withdrawn: it is no longer "
                          "shown with the record.")
    return HTTPSeeOther(request.resource_url(context) + "#family-words-heading")


@view_config(context=Transcript, name="family-words", permission=VIEW,
             renderer=template("family_words_versions.pt"))
@view_config(context=Goal, name="family-words", permission=VIEW,
             renderer=template("family_words_versions.pt"))
def entry_versions(context, request):
    """Every version of an entry, newest first, for everyone who reads the document."""
    name, word = _entry(request, context)
    return {"document": context, "kind": kind_of(context), "name": name, "word": word,
            "writer": person(request.site, word.creator),
            "versions": word.history(), "back": _back(request, context, name)}
