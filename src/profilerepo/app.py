"""Wires the application: database, transactions, sessions, security, views."""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import transaction
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationError
from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool
from pyramid_zodbconn import get_connection

from profilerepo.content.site import create_site
from profilerepo.security.policy import SecurityPolicy, request_user
from profilerepo.security.throttle import LoginThrottle

ROOT_KEY = "profilerepo"
DEFAULTS = {
    "tm.manager_hook": "pyramid_tm.explicit_manager",
    "retry.attempts": "3",
    "zodbconn.uri": "memory://",
    "profilerepo.max_upload_bytes": str(10 * 1024 * 1024),
}


def site_of(request):
    """The site root, from this request's ZODB connection."""
    return get_connection(request).root()[ROOT_KEY]


def root_factory(request):
    return request.site


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


def district_timezone(name: str) -> ZoneInfo:
    """The time zone pages show times in; a wrong name stops start-up, saying so."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"profilerepo.timezone = {name!r} is not a time zone name such as "
            "'America/Chicago' or 'UTC'") from None


def ensure_site(db) -> None:
    """Create the empty site on first start."""
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    try:
        with manager:
            root = conn.root()
            if ROOT_KEY not in root:
                root[ROOT_KEY] = create_site()
    finally:
        conn.close()


def database(registry):
    """The application's ZODB database (opened by pyramid_zodbconn)."""
    return registry._zodb_databases[""]


def includeme(config: Configurator) -> None:
    settings = config.get_settings()
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    # Checked before the database opens, so a bad setting leaves nothing open.
    config.registry.timezone = district_timezone(settings.get("profilerepo.timezone", "UTC"))
    config.include("pyramid_tm")
    config.include("pyramid_retry")
    config.include("pyramid_zodbconn")
    config.include("pyramid_chameleon")
    config.set_root_factory(root_factory)
    config.add_request_method(site_of, "site", reify=True)
    config.add_request_method(request_user, "user", reify=True)
    config.set_session_factory(SignedCookieSessionFactory(
        session_secret(settings),
        cookie_name="profilerepo",
        httponly=True,
        samesite="Lax",
        secure=asbool(settings.get("profilerepo.secure_cookies", False)),
        timeout=8 * 3600,
        reissue_time=600,
    ))
    config.set_security_policy(SecurityPolicy())
    config.set_default_csrf_options(require_csrf=True)
    lockout = float(settings.get("profilerepo.login_lockout_seconds", 60))
    attempts = int(settings.get("profilerepo.login_attempts", 5))
    config.registry.login_throttle = LoginThrottle(limit=attempts, lockout=lockout)
    # A whole school may share one public address: allow it many more failures.
    config.registry.address_throttle = LoginThrottle(
        limit=int(settings.get("profilerepo.address_attempts", attempts * 10)),
        lockout=lockout,
    )
    config.registry.max_upload_bytes = int(settings["profilerepo.max_upload_bytes"])
    # Without a setting, a private folder of this process's own (mode 0700).
    config.registry.upload_dir = settings.get("profilerepo.upload_dir") or tempfile.mkdtemp(
        prefix="profilerepo-uploads-")
    config.include("profilerepo.views")
    config.action(None, lambda: ensure_site(database(config.registry)), order=10**6)
