"""Who the user is and what they may do: roles, local roles, the policy, throttling.

``includeme`` sets up sessions (signed, HttpOnly cookies), the security
policy, ``request.access``, CSRF checks on every state-changing request and login
throttling.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from pyramid.config import Configurator
from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool

from profilerepo.security.policy import SecurityPolicy, request_user


def session_secret(settings: dict) -> str:
    """The session signing secret: set in the .ini, or kept in a private file."""
    if settings.get("profilerepo.secret"):
        return settings["profilerepo.secret"]
    path = Path(settings.get("profilerepo.secret_file") or "var/session-secret")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
    return path.read_text().strip()


def session_factory(settings: dict) -> Callable:
    """Signed, HttpOnly session cookies, marked Secure on every HTTPS request (and on
    every request with ``profilerepo.secure_cookies``)."""
    secret, always_secure = session_secret(settings), asbool(
        settings.get("profilerepo.secure_cookies", False))
    by_secure = {secure: SignedCookieSessionFactory(
        secret, cookie_name="profilerepo", httponly=True, samesite="Lax", secure=secure,
        timeout=8 * 3600, reissue_time=600) for secure in (False, True)}

    def session(request):
        return by_secure[always_secure or request.scheme == "https"](request)

    return session


def includeme(config: Configurator) -> None:
    settings = config.get_settings()
    config.add_request_method(request_user, "user", reify=True)
    config.set_session_factory(session_factory(settings))
    config.set_security_policy(SecurityPolicy())
    config.set_default_csrf_options(require_csrf=True)
    config.include("profilerepo.security.access")
    config.include("profilerepo.security.throttle")
