"""Logging in and out."""
from __future__ import annotations

from urllib.parse import urlsplit

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import view_config

from profilerepo.content.site import Site
from profilerepo.principals import normalise_login
from profilerepo.security.policy import SESSION_EPOCH
from profilerepo.security.throttle import client_address
from profilerepo.views import template

LOGIN_SHOWN = 64  # no login is longer; a longer one is shown back cut to this


def _safe_next(request, target: str | None) -> str:
    """Only redirect back into this site, never to another host."""
    home = request.application_url + "/"
    if not target:
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return home
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in target) or "\\" in target:
        return home
    return request.application_url + target


@view_config(context=Site, name="login", renderer=template("login.pt"),
             permission=NO_PERMISSION_REQUIRED, require_csrf=False, request_method="GET")
def login_form(request):
    if request.user is not None:
        return HTTPSeeOther(_safe_next(request, request.params.get("next")))
    return {"login": "", "error": None, "next": request.params.get("next", "")}


@view_config(context=Site, name="login", renderer=template("login.pt"),
             permission=NO_PERMISSION_REQUIRED, request_method="POST")
def login(request):
    login_name = normalise_login(request.POST.get("login", ""))
    password = request.POST.get("password", "")[:1024]
    next_url = request.POST.get("next", "")
    shown = {"login": login_name[:LOGIN_SHOWN], "next": next_url}
    guard = request.registry.login_guard
    address = client_address(request.environ, request.registry.trusted_proxies)
    wait = guard.wait_seconds(login_name, address)
    if wait:
        request.response.status = 429
        request.response.headers["Retry-After"] = str(wait)
        return {**shown, "error": f"Too many failed attempts. Try again in {wait} seconds."}
    user = request.site["principals"].authenticate(login_name, password)
    if user is None:
        guard.failed(login_name, address)
        request.response.status = 400
        return {**shown,
                "error": "That login and password do not match. Check them and try again."}
    guard.succeeded(login_name, address)
    request.session.invalidate()  # a fresh session: no fixation across the login
    headers = remember(request, user.login)
    request.session[SESSION_EPOCH] = user.session_epoch
    return HTTPSeeOther(_safe_next(request, next_url), headers=headers)


@view_config(context=Site, name="logout", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def logout(request):
    if request.user is not None:
        # Every copy of this user's session cookie stops working, not just this one.
        request.user.session_epoch += 1
    request.session.invalidate()
    headers = forget(request)
    return HTTPSeeOther(request.application_url + "/login", headers=headers)
