"""The Open Badges 3.0 AchievementCredential a badge is issued as, and its JSON Schema check.

Built from plain values (no web, no database), so the backpack and CLR exports can build
the same shape; signing and status are the issuer's (``profilerepo.credentials``).
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from profilerepo.credentials import schemas

CONTEXTS = ("https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
TYPES = ("VerifiableCredential", "OpenBadgeCredential")
# The draft-04 schema 1EdTech's validator uses (see ``credentials.schemas``).
SCHEMA_FILE = "ob_v3p0_achievementcredential_schema_draft4.json"
PUBLISHED_SCHEMA_FILE = "ob_v3p0_achievementcredential.json"  # (2019-09, as published)


def student_urn(student_id: str) -> str:
    """The credential subject's id: the student, as the backpack and the CLR name them
    (``portability.format.student_urn``), so a CLR's badges and its subject agree."""
    from profilerepo.portability.format import student_urn as backpack_urn  # (no cycle)

    return backpack_urn(student_id)


def timestamp(when: datetime) -> str:
    """A UTC time as credentials write it: 2026-12-05T01:02:03Z."""
    return when.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def end_of(day: date) -> datetime:
    """The last second of ``day`` (UTC): a badge valid until a day is valid all that day."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def alignment(code: str, framework: str, url: str) -> dict:
    """An Alignment to a standard by its code (CCSS.ELA-LITERACY.W.4.1)."""
    found = {"type": ["Alignment"], "targetName": code, "targetUrl": url, "targetCode": code}
    if framework:
        found["targetFramework"] = framework
    return found


def ccss_url(code: str) -> str:
    """The Common Core page of a CCSS code ("" for other codes):
    CCSS.ELA-LITERACY.W.4.1 -> https://www.thecorestandards.org/ELA-Literacy/W/4/1/"""
    parts = code.strip().split(".")
    if len(parts) < 3 or parts[0].upper() != "CCSS":
        return ""
    subject = {"ELA-LITERACY": "ELA-Literacy", "MATH": "Math"}.get(parts[1].upper())
    if subject is None or not all(p.replace("-", "").isalnum() for p in parts[2:]):
        return ""
    return "https://www.thecorestandards.org/" + "/".join([subject, *parts[2:]]) + "/"


def achievement_credential(*, credential_id: str, issuer_profile: dict, subject_id: str,
                           achievement: dict, evidence: list[dict], valid_from: datetime,
                           valid_until: datetime | None = None,
                           status: dict | None = None) -> dict:
    """An unsigned OpenBadgeCredential: ``achievement`` (id, name, description, criteria
    narrative, alignment, image) earned by ``subject_id``, with ``evidence``."""
    credential = {
        "@context": list(CONTEXTS),
        "id": credential_id,
        "type": list(TYPES),
        "issuer": issuer_profile,
        "name": achievement["name"],
        "description": achievement["description"],
        "validFrom": timestamp(valid_from),
        "credentialSubject": {"id": subject_id, "type": ["AchievementSubject"],
                              "achievement": achievement},
    }
    if evidence:
        credential["evidence"] = evidence
    if valid_until is not None:
        credential["validUntil"] = timestamp(valid_until)
    if status:
        credential["credentialStatus"] = status
    return credential


def schema_problems(credential: dict, credential_files: str | Path) -> list[str]:
    """What the OB 3.0 AchievementCredential JSON Schemas in ``schema/`` of
    ``credential_files`` (the published 2019-09 one, and the draft-04 one 1EdTech's
    validator uses, held to VC 2.0 as ``credentials.schemas`` explains) find wrong with
    ``credential``, each naming the field."""
    return schemas.schema_problems(credential, credential_files)
