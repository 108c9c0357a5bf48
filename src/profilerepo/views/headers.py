"""Security headers on every response, and records kept out of every cache.

The policy allows only our own scripts and styles (no inline ones), no framing, and sends
no address to other sites; everything but static files is marked ``no-store``."""
from __future__ import annotations

from pyramid.events import NewResponse, subscriber

from profilerepo.views import STATIC_VIEWS

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "img-src 'self' data:",  # data: for the empty favicon every page names
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
STATIC_PATHS = tuple(f"/{name}/" for name in STATIC_VIEWS)


@subscriber(NewResponse)
def secure_headers(event: NewResponse) -> None:
    response = event.response
    response.headers.update(HEADERS)
    if not event.request.path_info.startswith(STATIC_PATHS):
        # A student's record must not stay in a shared computer's browser cache.
        response.headers["Cache-Control"] = "no-store"
