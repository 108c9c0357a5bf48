"""Signed credentials: this district's keys and DID, Data Integrity proofs, trusted issuers.

Settings: ``profilerepo.signing_keys`` (the folder of key files; never the database or the
repository), ``profilerepo.issuer_did`` (default: the did:web of ``profilerepo.site_url``),
``profilerepo.district_name``, ``profilerepo.credential_files`` (the folder holding the
JSON-LD ``contexts/`` and JSON ``schema/``), ``profilerepo.trusted_issuers``.
"""
from __future__ import annotations

import logging
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from pyramid.config import Configurator

from profilerepo.credentials.contexts import ContextLibrary
from profilerepo.credentials.issuer import Issuer, did_web
from profilerepo.credentials.keys import KeyRing

DEFAULT_DISTRICT_NAME = "ProfileRepo district"
log = logging.getLogger(__name__)


def default_credential_files() -> Path:
    """The standards' public files: $PROFILEREPO_CREDENTIAL_FILES, else the shared
    interop folder beside the project (``../shared/interop/credentials``)."""
    named = os.environ.get("PROFILEREPO_CREDENTIAL_FILES")
    if named:
        return Path(named)
    return Path(__file__).resolve().parents[3].parent / "shared/interop/credentials"


def default_key_folder(settings: dict) -> str:
    """Beside a FileStorage's ``Data.fs`` (``keys/``); else (an in-memory or a remote
    database) a private temporary folder, made on first use, and a warning: what the
    district signs must stay verifiable, so its keys must outlive the process."""
    uri = urlparse(settings.get("zodbconn.uri", ""))
    if uri.scheme == "file" and uri.path:
        return str(Path(uri.path).parent / "keys")
    if uri.scheme not in ("memory", ""):
        log.warning("profilerepo.signing_keys is not set: the district's signing keys are "
                    "kept in a temporary folder, lost when it is cleaned, and with them "
                    "the means to check what they signed; set it to a folder kept safe")
    return os.path.join(tempfile.gettempdir(), f"profilerepo-keys-{secrets.token_hex(8)}")


def issuer_from_settings(settings: dict) -> Issuer:
    """The district as an issuer, from the settings (a key is made on first use)."""
    site_url = (settings.get("profilerepo.site_url") or os.environ.get("PROFILEREPO_SITE_URL")
                or "").strip().rstrip("/") or None  # (scripts/serve gives its address)
    did = settings.get("profilerepo.issuer_did") or did_web(site_url or "http://localhost")
    folder = settings.get("profilerepo.signing_keys") or default_key_folder(settings)
    files = settings.get("profilerepo.credential_files") or default_credential_files()
    name = settings.get("profilerepo.district_name") or DEFAULT_DISTRICT_NAME
    return Issuer(did, name, site_url, KeyRing(folder, did), ContextLibrary(files))


def get_issuer(registry) -> Issuer:
    return registry.credential_issuer


def get_trust(registry):
    """The trusted issuers (``credentials.trust.TrustedIssuers.from_settings(settings,
    issuer)``), made on first use."""
    trust = getattr(registry, "credential_trust", None)
    if trust is None:
        from profilerepo.credentials.trust import TrustedIssuers

        trust = registry.credential_trust = TrustedIssuers.from_settings(
            registry.settings, get_issuer(registry))
    return trust


def includeme(config: Configurator) -> None:
    config.registry.credential_issuer = issuer_from_settings(config.get_settings())
    config.include("profilerepo.credentials.views")  # did.json, status lists
