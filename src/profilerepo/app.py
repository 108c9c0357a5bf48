"""Wires the application: database, transactions, time zone, security, views."""
from __future__ import annotations

import os
import tempfile
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationError
from pyramid_zodbconn import get_connection

from profilerepo.database import ROOT_KEY, database
from profilerepo.evolution import evolve
from profilerepo.evolution.classes import install as find_moved_classes
from profilerepo.jobs import resume_openings
from profilerepo.search import start_indexer
from profilerepo.site_setup import ensure_site
from profilerepo.views.address import SETTING as SITE_URL
from profilerepo.views.address import site_address

# Set by the console scripts (``pyramid.paster.bootstrap`` options): the application
# without its background work (the indexer thread, resumed cycle openings).
SCRIPT = "profilerepo.script"
DEFAULTS = {
    "tm.manager_hook": "pyramid_tm.explicit_manager",
    "retry.attempts": "3",
    "zodbconn.uri": "memory://",
    "profilerepo.max_upload_bytes": str(10 * 1024 * 1024),
    "profilerepo.mail_sender": "ProfileRepo <no-reply@localhost>",  # (family.invitations)
}


def site_of(request):
    """The site root, from this request's ZODB connection."""
    return get_connection(request).root()[ROOT_KEY]


def root_factory(request):
    return request.site


def district_timezone(name: str) -> ZoneInfo:
    """The time zone pages show times in; a wrong name stops start-up, saying so."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"profilerepo.timezone = {name!r} is not a time zone name such as "
            "'America/Chicago' or 'UTC'") from None


def includeme(config: Configurator) -> None:
    settings = config.get_settings()
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if not settings.get(SITE_URL) and os.environ.get("PROFILEREPO_SITE_URL"):
        settings[SITE_URL] = os.environ["PROFILEREPO_SITE_URL"]  # (scripts/serve's address)
    # Checked before the database opens, so a bad setting leaves nothing open.
    config.registry.timezone = district_timezone(settings.get("profilerepo.timezone", "UTC"))
    site_address(settings.get(SITE_URL))  # (views use it; a bad one must stop us here)
    config.include("profilerepo.workflow")  # a bad workflow file stops start-up here too
    config.include("pyramid_tm")
    config.include("pyramid_retry")
    config.include("pyramid_zodbconn")
    find_moved_classes(database(config.registry))  # (before any connection opens)
    config.include("pyramid_chameleon")
    # (here, in the includer of both, so that it overrides pyramid_chameleon's own)
    config.add_renderer(".pt", "profilerepo.views.page_renderer")
    config.set_root_factory(root_factory)
    config.add_request_method(site_of, "site", reify=True)
    config.include("profilerepo.security")
    config.registry.max_upload_bytes = int(settings["profilerepo.max_upload_bytes"])
    # Without a setting, a private folder of this process's own (mode 0700).
    config.registry.upload_dir = settings.get("profilerepo.upload_dir") or tempfile.mkdtemp(
        prefix="profilerepo-uploads-")
    config.include("profilerepo.search")
    config.include("profilerepo.views")
    config.include("profilerepo.accesslog")  # who looked at each record (99.32)
    config.include("profilerepo.family_requests")  # to see or correct it (99.10, 99.20)
    config.include("profilerepo.badges")  # awarded, received; for the next teacher
    config.include("profilerepo.credentials")  # this district's keys and DID; trusted issuers
    config.include("profilerepo.portability")  # the backpack: export, import, transfers
    config.action(None, lambda: start(config.registry), order=10**6)


def start(registry) -> None:
    """Once configured: the site exists and is evolved; and, unless a console script
    runs, half-opened review cycles go on opening and the indexer starts."""
    ensure_site(database(registry), registry)
    evolve(database(registry), registry.workflows, ROOT_KEY)
    if getattr(registry, "in_script", False):
        return
    resume_openings(registry)
    start_indexer(registry, database(registry), ROOT_KEY)
