"""A badge in a student's portfolio: the signed credential kept exactly as issued or
received, what it says (for pages and search), and the verdict of its last check."""
from __future__ import annotations

import base64
import json
from datetime import datetime

import colander

from profilerepo.content import fields
from profilerepo.content.document import Document

AWARDED, RECEIVED = "awarded", "received"


class BadgeSchema(colander.MappingSchema):
    """What a badge's versions page shows of it (a badge is never edited by a form)."""

    name = fields.text("Badge")
    description = fields.text("What it is", rows=3)
    criteria = fields.text("How it is earned", rows=3)
    issuer_name = fields.text("Issued by")
    verdict_reason = fields.text("Check")
    revoked_reason = fields.text("Why it was revoked")


class Badge(Document):
    """An Open Badges 3.0 credential in the portfolio. ``credential`` is the JSON (or
    VC-JWT) exactly as signed, so an export carries it byte for byte; the other fields
    are read from it, or record who awarded, checked or revoked it."""

    type_title = "Badge"
    section = "portfolio"
    workflow_chain = ("sharing",)
    schema = BadgeSchema
    kind = "badge"  # (listed beside portfolio work, which says "work" or "badge")
    chosen_for_next = False  # (portfolio lists ask every item)
    fields = ("name", "kind", "description", "criteria", "alignment", "image", "evidence",
              "origin", "credential", "issuer_id", "issuer_name", "valid_from", "valid_until",
              "status_list", "status_index", "verified", "verdict_reason", "checked_at",
              "checked_by", "revoked_at", "revoked_by", "revoked_reason")
    indexed_fields = ("name", "kind", "description", "criteria", "alignment", "issuer_name")
    tag_fields = ("kind",)  # (found under "badge", as a portfolio item marked one is)
    unsearched_fields = ("image", "evidence", "origin", "credential", "issuer_id",
                         "status_list", "verdict_reason", "checked_by", "revoked_by",
                         "revoked_reason")
    name = description = criteria = image = evidence = origin = credential = ""
    issuer_id = issuer_name = verdict_reason = checked_by = revoked_by = revoked_reason = ""
    alignment: tuple[dict, ...] = ()
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    checked_at: datetime | None = None
    revoked_at: datetime | None = None
    status_list = ""  # (our own status list and index, for a badge awarded here)
    status_index: int | None = None
    verified = False

    @property
    def title(self) -> str:
        return self.name or "Badge"

    @property
    def awarded_here(self) -> bool:
        """Awarded by this district (one a backpack brought was awarded by another: its
        status bit is in that district's list, not ours)."""
        return self.origin == AWARDED and not getattr(self, "imported", False)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def expired(self, now: datetime) -> bool:
        return self.valid_until is not None and now > self.valid_until

    def not_yet_valid(self, now: datetime) -> bool:
        return self.valid_from is not None and now < self.valid_from

    def still_held(self, now: datetime) -> bool:
        """Whether the student holds it at ``now``: not revoked, not expired, and either
        awarded here or verified when it was received. Only such badges leave in a
        backpack: a receiving district refuses a file claiming any other."""
        if self.revoked or self.expired(now):
            return False
        return self.awarded_here or bool(self.verified)

    @property
    def is_jwt(self) -> bool:
        return not self.credential.lstrip().startswith("{")

    def document(self) -> dict:
        """The credential as JSON (a VC-JWT's payload), or {} if it cannot be read."""
        return credential_document(self.credential)

    def subject(self) -> tuple[str, str]:
        """(id, name) of whom the credential was issued to, as it states them ("" each
        when it does not say)."""
        return subject_of(self.document())

    def names(self, student) -> bool:
        """Whether the credential names ``student``: by the id this district gives them,
        or by their name (a badge from elsewhere may have been issued to someone else)."""
        from profilerepo.badges.credential import student_urn  # (credential imports us)

        subject_id, subject_name = self.subject()
        if student is None:
            return False
        if subject_id and subject_id == student_urn(student.__name__):
            return True
        wanted = {" ".join(n.lower().split()) for n in (
            student.title, f"{student.given_name} {student.family_name}",
            f"{student.preferred_name} {student.family_name}") if n.strip()}
        return bool(subject_name) and " ".join(subject_name.lower().split()) in wanted


def subject_of(document: dict) -> tuple[str, str]:
    """(id, name) of a credential's subject ("" each when it does not say)."""
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    if not isinstance(subject, dict):
        return "", ""
    return _text(subject.get("id"), 500), _text(subject.get("name"), 200)


def same_credential(first: str, second: str) -> bool:
    """Whether two credentials (JSON or VC-JWT text) are the same one: the same text, or
    the same JSON however it is laid out (a copy changed after signing is not)."""
    if first.strip() == second.strip():
        return True
    if not (first.lstrip().startswith("{") and second.lstrip().startswith("{")):
        return False
    one, other = credential_document(first), credential_document(second)
    return bool(one) and one == other


def credential_document(text: str) -> dict:
    """The credential in ``text``: JSON with an embedded proof, or a VC-JWT's payload
    (its ``vc`` claim under VC 1.1); {} when it is neither."""
    text = text.strip()
    try:
        if text.startswith("{"):
            found = json.loads(text)
        else:
            payload = text.split(".")[1]
            found = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            if isinstance(found, dict) and isinstance(found.get("vc"), dict):
                found = found["vc"]
    except (ValueError, IndexError):
        return {}
    return found if isinstance(found, dict) else {}


def _text(value, limit: int = 4000) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def described(document: dict) -> dict:
    """A badge's fields as the credential ``document`` states them (whatever its shape:
    a field that is missing or of the wrong kind is left empty)."""
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    achievement = achievement if isinstance(achievement, dict) else {}
    criteria = achievement.get("criteria")
    issuer = document.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else {"id": issuer}
    image = achievement.get("image") or document.get("image")
    image = image.get("id") if isinstance(image, dict) else image
    alignments = achievement.get("alignment")
    return {
        "name": _text(achievement.get("name"), 200) or _text(document.get("name"), 200),
        "description": _text(achievement.get("description")),
        "criteria": _text(criteria.get("narrative")) if isinstance(criteria, dict) else "",
        "alignment": tuple(
            {"code": _text(a.get("targetCode"), 200), "name": _text(a.get("targetName"), 200),
             "framework": _text(a.get("targetFramework"), 200),
             "url": _text(a.get("targetUrl"), 500)}
            for a in (alignments if isinstance(alignments, list) else ())
            if isinstance(a, dict)),
        "image": _text(image, 400_000),
        "issuer_id": _text(issuer.get("id"), 500),
        "issuer_name": _text(issuer.get("name"), 200),
        "valid_from": _time(document.get("validFrom") or document.get("issuanceDate")),
        "valid_until": _time(document.get("validUntil") or document.get("expirationDate")),
    }
