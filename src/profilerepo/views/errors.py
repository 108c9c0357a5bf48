"""Refusals and failures as pages a person can act on, never a traceback."""
from __future__ import annotations

import logging
from urllib.parse import quote

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPException, HTTPSeeOther
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from profilerepo.security.policy import find_student
from profilerepo.security.roles import VIEW
from profilerepo.views import template
from profilerepo.views.documents import NoSuchVersion

log = logging.getLogger(__name__)


def _to_login(request) -> HTTPSeeOther:
    return HTTPSeeOther(f"{request.application_url}/login?next={quote(request.path)}")


def _page(request, status: int, heading: str, message: str) -> dict:
    request.response.status = status
    return {"heading": heading, "message": message}


@forbidden_view_config(renderer=template("error.pt"))
def forbidden(request):
    """Anonymous: go log in. A student the user may not see at all: not found."""
    if request.user is None:
        return _to_login(request)
    student = find_student(request.context)
    if student is not None and not request.has_permission(VIEW, student):
        return not_found(request)
    refusal = request.exception
    if refusal is not None and getattr(refusal, "result", None) is None and refusal.detail:
        # refused by a view, which says why (a permission check's refusal has a result)
        return _page(request, 403, "Not possible here", refusal.detail)
    return _page(request, 403, "You do not have access to this",
                 "Your role does not include this page or action. If you need it, "
                 "ask the student's counselor or your school administrator.")


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
    log.exception("request failed: %s", request.path_qs)
    return _page(request, 500, "Something went wrong",
                 "Nothing was saved. Please try again; if it keeps happening, tell your "
                 "school's ProfileRepo administrator.")
