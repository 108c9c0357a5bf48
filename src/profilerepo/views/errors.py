"""Refusals and failures as pages a person can act on, never a traceback."""
from __future__ import annotations

import logging
from urllib.parse import quote

from pyramid.events import NewResponse, subscriber
from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPException, HTTPMethodNotAllowed, HTTPSeeOther
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config
from pyramid_retry import is_error_retryable, is_last_attempt
from ZODB.POSException import ConflictError

from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
from profilerepo.content.lineage import student_of
from profilerepo.security.roles import VIEW
from profilerepo.views import template
from profilerepo.views.admission import UnreadableForm
from profilerepo.views.documents import NoSuchVersion

log = logging.getLogger(__name__)


def _to_login(request) -> HTTPSeeOther:
    return HTTPSeeOther(f"{request.application_url}/login?next={quote(request.path)}")


def _page(request, status: int, heading: str, message: str) -> dict:
    request.response.status = status
    return {"heading": heading, "message": message}


def _existence_is_private(request, student) -> bool:
    """A student the user may not see, or a document they may not read among a folder's
    many (narratives, portfolio items, goals, reports): not theirs to know of. The
    sections every student has (profile, plan, transcript) are no secret."""
    if not request.has_permission(VIEW, student):
        return True
    context = request.context
    in_a_folder = isinstance(context, Document) and isinstance(context.__parent__, Folder)
    return (in_a_folder and context.__parent__ is not student
            and not request.has_permission(VIEW, context))


@forbidden_view_config(renderer=template("error.pt"))
def forbidden(request):
    """Anonymous: go log in. What the user may not know exists: exactly as not found."""
    if request.user is None:
        return _to_login(request)
    student = student_of(request.context)
    if student is not None and _existence_is_private(request, student):
        return not_found(request)
    refusal = request.exception
    if refusal is not None and getattr(refusal, "result", None) is None and refusal.detail:
        # refused by a view, which says why (a permission check's refusal has a result)
        return _page(request, 403, "Not possible here", refusal.detail)
    return _page(request, 403, "You do not have access to this", _who_decides(request, student))


def _who_decides(request, student) -> str:
    """Who to ask for a refused page: for a tutor, the family who shares the student's
    record with them; on a page about no student, who such pages are for."""
    if student is None:
        return ("Pages that are not about one student (schools, review cycles, the "
                "district's lists) are for school and district administrators. If you need "
                "this one for your work, ask your school administrator.")
    if getattr(request.user, "kind", "") == "contributor":
        name = student.first_name
        return (f"What you can see of {name}'s record is for {name}'s family to decide. "
                f"If you need this page, ask them to share it with you.")
    return ("Your role does not include this page or action. If you need it, ask the "
            "student's counselor or your school administrator.")


@notfound_view_config(renderer=template("error.pt"))
def not_found(request):
    """Anonymous visitors are sent to log in whether or not the page exists, so they
    cannot learn which student ids exist."""
    if request.user is None and not request.path.startswith(("/static", "/login")):
        return _to_login(request)
    return _page(request, 404, "Page not found",
                 "There is nothing here, or it is not shared with you.")


@exception_view_config(NoSuchVersion, renderer=template("error.pt"))
def no_such_version(exc, request):
    return _page(request, 404, "No such version", exc.detail)


@exception_view_config(UnicodeDecodeError, renderer=template("error.pt"))
def undecodable(exc, request):
    """An address or form whose text is not UTF-8: not from our pages."""
    return _page(request, 400, "This address could not be read",
                 "It contains characters that are not valid text. Go back and try again.")


@exception_view_config(UnreadableForm, renderer=template("error.pt"))
def unreadable_form(request):
    return _page(request, 400, "This form could not be read",
                 "It was sent in a text encoding our pages never use. Go back, reload the "
                 "page and try again; nothing was changed.")


@exception_view_config(HTTPMethodNotAllowed, renderer=template("error.pt"))
def method_not_allowed(exc, request):
    request.response.headers["Allow"] = exc.headers["Allow"]
    return _page(request, 405, "This page cannot be used that way",
                 "Pages here are only opened and their forms sent. Go to your home page "
                 "and find the page from there.")


@exception_view_config(ConflictError, renderer=template("conflict.pt"))
def conflict(exc, request):
    """Someone else's save met this one at every attempt: say so, and offer the way back.
    Earlier attempts are retried unseen, so only the last one is logged."""
    if is_last_attempt(request):
        log.warning("gave up after %s conflicting attempts: %s %s (%s)",
                    request.environ.get("retry.attempts", 1), request.method,
                    request.path_qs, exc)
    page = _page(request, 409, "Someone saved this at the same moment",
                 "Nothing of yours was saved; please try again.")
    return {**page, "back": _way_back(request)}


def _way_back(request) -> str:
    """The page to try again from: this one, or the document a form was sent from."""
    if request.method == "GET":
        return request.path_qs
    context = getattr(request, "context", None)  # none when the conflict came before traversal
    if not hasattr(context, "__parent__"):
        return request.application_url + "/"
    return request.resource_url(context)


@subscriber(NewResponse)
def note_saved_after_conflicts(event: NewResponse) -> None:
    """One line for a request that met conflicts and then went through."""
    request = event.request
    attempt = request.environ.get("retry.attempt")
    if attempt and request.exception is None:
        log.info("%s %s went through after %d conflicting attempt(s)",
                 request.method, request.path_qs, attempt)


@exception_view_config(BadCSRFToken, renderer=template("error.pt"))
def bad_csrf(request):
    return _page(request, 400, "This form has expired",
                 "For your safety the form could not be accepted. Go back, reload the page "
                 "and try again; nothing was changed.")


@exception_view_config(HTTPException, renderer=template("error.pt"))
def http_exception(exc, request):
    """Other refusals (a bad version number...) on a page, with their own message."""
    if exc.code < 400:
        return exc
    return _page(request, exc.code, exc.title, exc.detail or exc.explanation)


@exception_view_config(Exception, renderer=template("error.pt"))
def failure(exc, request):
    if not is_error_retryable(request, exc):  # a retried attempt's page is never shown
        log.exception("request failed: %s", request.path_qs)
    return _page(request, 500, "Something went wrong",
                 "Nothing was saved. Please try again; if it keeps happening, tell your "
                 "school's ProfileRepo administrator.")
