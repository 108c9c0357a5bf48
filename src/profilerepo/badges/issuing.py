"""Awarding a badge as this district (a signed OB 3.0 AchievementCredential with a portfolio
item as evidence) and revoking one. Nothing is stored unless the credential is whole."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

from profilerepo import clock
from profilerepo.badges.credential import (
    achievement_credential,
    alignment,
    ccss_url,
    end_of,
    schema_problems,
    student_urn,
)
from profilerepo.badges.model import AWARDED, Badge, described
from profilerepo.content.folder import new_name
from profilerepo.credentials import status


class BadgeError(ValueError):
    """A badge cannot be awarded, received or revoked; the message says why, plainly."""


def awarder(site, issuer, login: str) -> dict:
    """Who awarded the badge, as the credential names them (the district signs it, but a
    reader should know whether a teacher or someone the family let in made the award):
    an OB 3.0 Profile with an opaque, stable id, the person's name and capacity."""
    user = site["principals"].get_user(login)
    name = getattr(user, "title", "") or login
    capacity = ("Someone the student's family granted access to the portfolio; not a "
                "member of the district's staff" if getattr(user, "kind", "") == "contributor"
                else f"A teacher of the student, for {issuer.name}")
    return {"id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{issuer.did}/{login}')}",
            "type": ["Profile"], "name": name, "description": capacity}


def award_badge(site, issuer, student, values: dict, *, by: str, evidence_url: str,
                image: str = "", engine=None, when: datetime | None = None) -> Badge:
    """Issue the badge ``values`` describe (name, description, criteria, alignment code,
    framework and link, evidence: a portfolio item's name, valid_until) to ``student``,
    signed by ``issuer``, and file it in the portfolio (shared with the family)."""
    portfolio = student["portfolio"]
    evidence = portfolio.get(values.get("evidence") or "")
    if evidence is None or isinstance(evidence, Badge):
        raise BadgeError("Choose the piece of portfolio work that shows the badge was earned.")
    when = when or clock.now(zone=UTC)
    name = new_name(portfolio, "badge")
    achievement = {
        "id": issuer.credential_id("achievement", f"{student.__name__}-{name}"),
        "type": ["Achievement"],
        "name": values["name"],
        "description": values["description"],
        "criteria": {"narrative": values["criteria"]},
        "creator": awarder(site, issuer, by),
    }
    code = (values.get("alignment_code") or "").strip()
    if code:  # (a Common Core code's page is filled in when no link is given)
        achievement["alignment"] = [alignment(code, values.get("alignment_framework") or "",
                                              values.get("alignment_url") or ccss_url(code))]
    if image:
        achievement["image"] = {"id": image, "type": "Image", "caption": values["name"]}
    valid_until = values.get("valid_until")
    list_id, index = status.allocate(site)
    unsigned = achievement_credential(
        credential_id=issuer.credential_id("badge", f"{student.__name__}-{name}"),
        issuer_profile=issuer.profile(), subject_id=student_urn(student.__name__),
        achievement=achievement,
        evidence=[{"id": evidence_url, "type": ["Evidence"], "name": evidence.title,
                   "narrative": evidence.description or evidence.title}],
        valid_from=when, valid_until=end_of(valid_until) if isinstance(valid_until, date)
        else None,
        status=status.status_entry(issuer, list_id, index))
    problems = schema_problems(unsigned, issuer.contexts.folder)
    if problems:  # (our own shape is wrong: say so rather than issue a broken badge)
        raise BadgeError("The badge could not be issued: it would not meet the Open Badges "
                         f"3.0 schema ({problems[0]}).")
    signed = issuer.sign(unsigned, created=when)
    badge = Badge({**described(signed), "evidence": evidence.__name__, "origin": AWARDED,
                   "credential": json.dumps(signed, indent=2, ensure_ascii=False),
                   "status_list": list_id, "status_index": index, "verified": True,
                   "verdict_reason": "Signed by this district", "checked_at": when,
                   "checked_by": by}, by=by, when=when)
    portfolio.add(name, badge)  # (starts in its workflow: private to the school team)
    if engine is not None:  # a badge is the learner's to show: the family sees it
        engine.perform(badge, "share_with_family", actor=by, roles={"author"})
    return badge


def revoke_badge(site, badge: Badge, *, by: str, reason: str,
                 when: datetime | None = None) -> None:
    """Revoke a badge this district awarded: its status bit is set (verifiers see it
    revoked) and the record says who, when and why."""
    if not badge.awarded_here:
        raise BadgeError("Only badges this district awarded can be revoked here; a badge "
                         "from elsewhere is revoked by whoever issued it.")
    if badge.revoked:
        raise BadgeError(f"This badge was already revoked on {badge.revoked_at:%-d %B %Y}.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise BadgeError("Say why the badge is revoked.")
    status.revoke(site, badge.status_list, badge.status_index)
    badge.record({"revoked_at": when or clock.now(zone=UTC), "revoked_by": by,
                  "revoked_reason": reason[:1000]}, by=by, when=when)
