"""Badges from elsewhere: kept exactly as they came, with the verifier's verdict; one that
fails verification is kept as "not verified" with the reason, never shown as valid."""
from __future__ import annotations

import json
from datetime import UTC, datetime

from profilerepo import clock
from profilerepo.badges.issuing import BadgeError
from profilerepo.badges.model import (
    RECEIVED,
    Badge,
    credential_document,
    described,
    same_credential,
)
from profilerepo.content.folder import new_name
from profilerepo.content.lineage import site_of
from profilerepo.credentials.verify import verify_credential

MAX_CREDENTIAL_BYTES = 1024 * 1024  # (a badge with its image inside is well under this)
_JWT_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def credential_text(data: bytes | str) -> str:
    """The credential in an upload or a paste, as text: JSON or a compact VC-JWT;
    ``BadgeError`` saying what is wrong with anything else."""
    if isinstance(data, bytes):
        if len(data) > MAX_CREDENTIAL_BYTES:
            raise BadgeError("The file is larger than a badge can be (1 MB).")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadgeError("This file is not a badge: a badge's file is text (the "
                             "file the issuer sent, or its code).") from None
    text = data.strip()
    if not text:
        raise BadgeError("The file is empty.")
    if len(text) > MAX_CREDENTIAL_BYTES:
        raise BadgeError("The text is longer than a badge can be (1 MB).")
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError as error:
            raise BadgeError("This file is not a badge: it is damaged or not a badge's "
                             f"file (it stops making sense on line {error.lineno}). Ask "
                             "whoever gave it for the badge's file again.") from None
        if not isinstance(parsed, dict):
            raise BadgeError("This file is not a badge: it holds no badge's details.")
        return text
    if text.count(".") == 2 and set(text) <= _JWT_CHARACTERS and credential_document(text):
        return text
    raise BadgeError("This is not a badge: paste the badge's code (a long text of three "
                     "parts separated by dots) or upload the badge's file.")


def _verdict(text: str, trust, site) -> tuple[bool, str, object]:
    """(valid, the reason, the verdict) from the project's verifier (our own status lists
    read from ``site``)."""
    try:
        verdict = verify_credential(text, trust, site=site,
                                    today=clock.now(zone=UTC))  # (the district's clock)
    except Exception as error:  # noqa: BLE001 - the verifier promises none; never a 500
        return False, f"it could not be checked ({type(error).__name__})", None
    if verdict.valid:
        trusted = getattr(verdict, "trusted", False)
        return True, ("Signed by a trusted issuer" if trusted
                      else "Signature checked; the issuer is not on this district's "
                           "trusted list"), verdict
    return False, str(getattr(verdict, "reason", "") or "it did not pass the checks"), verdict


def receive_badge(student, data: bytes | str, trust, *, by: str, engine=None,
                  when: datetime | None = None) -> Badge:
    """Keep a badge from elsewhere in ``student``'s portfolio with the verdict of checking
    it (shared with the family, who may have brought it)."""
    text = credential_text(data)
    for kept in student["portfolio"].values():
        if isinstance(kept, Badge) and same_credential(kept.credential, text):
            raise BadgeError(f"This badge is already in {student.first_name}'s portfolio: "
                             f"“{kept.title}”. Nothing was added.")
    when = when or clock.now(zone=UTC)
    valid, reason, verdict = _verdict(text, trust, site_of(student))
    found = described(credential_document(text))
    found["name"] = (found["name"] or getattr(verdict, "achievement_name", "") or
                     "A badge from elsewhere")[:200]
    found["issuer_name"] = found["issuer_name"] or str(
        getattr(verdict, "issuer_name", "") or "")[:200]
    portfolio = student["portfolio"]
    name = new_name(portfolio, "badge")
    badge = Badge({**found, "origin": RECEIVED, "credential": text, "verified": valid,
                   "verdict_reason": reason[:1000], "checked_at": when, "checked_by": by},
                  by=by, when=when)
    portfolio.add(name, badge)
    if engine is not None:
        engine.perform(badge, "share_with_family", actor=by, roles={"author"})
    return badge


def check_badge(badge: Badge, trust, *, by: str, when: datetime | None = None) -> bool:
    """Check the badge again (a revocation or an expiry since shows now); record the
    verdict, as a new version only when it changed (never on a badge a backpack brought,
    which stays as it came). Returns whether it is valid."""
    when = when or clock.now(zone=UTC)
    valid, reason, _ = _verdict(badge.credential, trust, site_of(badge))
    if badge.awarded_here and valid:
        reason = "Signed by this district"
    if getattr(badge, "imported", False):  # (its versions stay as the record came: the
        # verdict is kept beside them, as the import kept the first one)
        badge.verified, badge.verdict_reason = valid, reason[:1000]
        badge.checked_at, badge.checked_by = when, by
        return valid
    if valid != badge.verified or reason != badge.verdict_reason:
        badge.record({"verified": valid, "verdict_reason": reason[:1000], "checked_at": when,
                      "checked_by": by}, by=by, when=when)
    else:  # (the same verdict: only when it was last checked changes)
        badge.checked_at, badge.checked_by = when, by
    return valid


def remove_badge(portfolio, badge: Badge, *, by: str, when: datetime | None = None) -> None:
    """Take a badge from elsewhere out of ``portfolio`` (added by mistake); the portfolio
    keeps a line of who removed which badge and when (``removals``)."""
    if badge.origin != RECEIVED or getattr(badge, "imported", False):
        raise BadgeError("Only a badge added from elsewhere can be removed; a badge this "
                         "district awarded is revoked instead.")
    when = when or clock.now(zone=UTC)
    portfolio.removals = (*getattr(portfolio, "removals", ()), {
        "title": badge.title, "issuer_name": badge.issuer_name, "by": by, "when": when,
        "added_by": badge.creator, "added": badge.created})
    portfolio.remove(badge.__name__)
