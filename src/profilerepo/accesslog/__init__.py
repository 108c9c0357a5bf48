"""Who looked at a student's record (FERPA 34 CFR 99.32): every view and file download of
a student's pages by anyone outside the family, kept as long as the record, read by the
family holding the rights and by administrators.

``store`` keeps the log in SQLite (never ZODB: views must not become conflicting
writes); ``capacity`` says in what capacity someone looked; ``subscribers`` records each
view as its response is made; ``views`` are the two pages that read it.
"""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from pyramid.config import Configurator

from profilerepo.accesslog.store import AccessLog, Scope, View, Viewer

SETTING = "profilerepo.access_log"
OFF = "off"
FILE_NAME = "access-log.sqlite"

log = logging.getLogger(__name__)

__all__ = ["AccessLog", "Scope", "View", "Viewer", "log_path"]


def log_path(settings: dict) -> Path | None:
    """The log's file: the setting; by default beside a FileStorage's ``Data.fs``, else
    (an in-memory or a remote database) in a private temporary folder. None when off."""
    chosen = (settings.get(SETTING) or "").strip()
    if chosen == OFF:
        return None
    if chosen:
        return Path(chosen)
    uri = urlparse(settings.get("zodbconn.uri", ""))
    if uri.scheme == "file" and uri.path:
        return Path(uri.path).parent / FILE_NAME
    if uri.scheme != "memory":
        log.warning("%s is not set: the access log is kept in a temporary folder, lost "
                    "when it is cleaned; set it to a file kept with the database", SETTING)
    return Path(tempfile.mkdtemp(prefix="profilerepo-access-log-")) / FILE_NAME


def includeme(config: Configurator) -> None:
    """``registry.access_log`` (an ``AccessLog``, or None when the setting is "off"), the
    subscriber that records views, and the pages that read them."""
    path = log_path(config.get_settings())
    if path is None:
        log.warning("%s = off: views of students' records are NOT recorded, as FERPA "
                    "99.32 requires; use this only to measure what recording costs", SETTING)
        config.registry.access_log = None
    else:
        config.registry.access_log = AccessLog(path)
    config.include("profilerepo.accesslog.subscribers")
    config.scan("profilerepo.accesslog.views")
