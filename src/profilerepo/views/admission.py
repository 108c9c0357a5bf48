"""Requests no page answers, refused before any view runs: methods other than GET, HEAD
and POST (405, saying which are answered), and forms sent in a charset other than UTF-8."""
from __future__ import annotations

from pyramid.events import NewRequest, subscriber
from pyramid.httpexceptions import HTTPBadRequest, HTTPMethodNotAllowed

ANSWERED_METHODS = ("GET", "HEAD", "POST")
FORM_TYPES = ("", "application/x-www-form-urlencoded", "multipart/form-data")


class UnreadableForm(HTTPBadRequest):
    """A form whose text is in a charset our pages never send."""


@subscriber(NewRequest)
def admit(event: NewRequest) -> None:
    request = event.request
    if request.method not in ANSWERED_METHODS:
        raise HTTPMethodNotAllowed(headers={"Allow": ", ".join(ANSWERED_METHODS)})
    # WebOb reads forms as UTF-8 only (others raise when the form is first read).
    if (request.method == "POST" and request.content_type in FORM_TYPES
            and request.charset != "UTF-8"):
        raise UnreadableForm()
