"""Checking a credential that came from anywhere: an OB 3.0 badge or CLR 2.0 record as JSON
with an embedded proof, or as a VC-JWT; and, by the portability package, a backpack.

Checks run in this order and the first that fails is the reason, naming the check and the
field: read, proof present and of a kind we check, contexts, schema, key, signature, dates,
status, then (when asked) whether the issuer is on the trusted list; a JWT's key and
signature come first (nothing in it is read as true before they hold). Never a traceback.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from profilerepo.credentials import jwt as vcjwt
from profilerepo.credentials import proofs, schemas
from profilerepo.credentials.contexts import UnknownContext
from profilerepo.credentials.status import status_check
from profilerepo.credentials.trust import KeyNotFound, ResolvedKey, base_of

MAX_BYTES = 20 * 1024 * 1024
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """What the verifier found: ``valid`` and, when not, ``reason`` (which check, which
    field); who issued it, to whom, for what; ``warnings`` that are not failures."""

    valid: bool
    reason: str = ""
    issuer_id: str | None = None
    issuer_name: str | None = None
    trusted: bool = False
    subject: str | None = None
    achievement_name: str | None = None
    kind: str = "credential"
    warnings: tuple[str, ...] = ()
    credential: dict | None = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        """One line: "valid: <issuer> (<id>, trusted|not on the trusted list) -> <subject>
        : <achievement>" (and any warning), or "invalid: <reason>"."""
        if not self.valid:
            return f"invalid: {self.reason}"
        standing = "trusted" if self.trusted else "not on the trusted list"
        line = (f"valid: {self.issuer_name or 'an unnamed issuer'} ({self.issuer_id}, "
                f"{standing}) -> {self.subject or 'an unnamed subject'} : "
                f"{self.achievement_name or self.kind}")
        return "; ".join([line, *self.warnings])


class Refused(Exception):
    """A check failed: ``reason`` is the verdict's."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def verify_credential(data: bytes | str | dict, trust, *, trusted_only: bool = False,
                      today: date | datetime | None = None, site=None,
                      check_status: bool = True) -> Verdict:
    """The verdict on ``data`` (the bytes of a file, its text, or parsed JSON), checked
    against ``trust`` (``trust.TrustedIssuers``); ``site`` lets our own status lists be
    read directly."""
    facts: dict = {}
    try:
        return _verify(data, trust, trusted_only, today, site, check_status, facts)
    except Refused as refused:
        return Verdict(False, refused.reason, **facts)
    except RecursionError:
        return Verdict(False, "read: the credential is nested too deeply to check", **facts)
    except Exception:  # a bug must not become a traceback for whoever runs the verifier
        log.exception("the verifier failed on a credential")
        return Verdict(False, "the credential could not be checked: the verifier met an "
                       "unexpected problem (a fault of the verifier's, logged)", **facts)


def _verify(data, trust, trusted_only, today, site, check_status, facts) -> Verdict:
    credential, token = _read(data)
    facts.update(_describe(credential, trust), credential=credential)
    if token is not None:
        resolved = _check_jwt(token, trust, today)
    else:
        proof = _proof(credential)
    _check_contexts(credential, trust.contexts)
    problem = schemas.schema_error(credential, trust.contexts.folder)
    if problem:
        raise Refused(f"schema: {problem}")
    if token is None:
        resolved = _resolve(proof.get("verificationMethod"), trust)
        try:
            proofs.verify(credential, resolved.public_key, trust.contexts)
        except proofs.ProofError as error:
            raise Refused(f"proof: {error}") from None
        except UnknownContext as error:
            raise Refused(f"contexts: unknown context {error.url} (@context)") from None
        except (AttributeError, TypeError, KeyError, IndexError, ValueError):
            # pyld fails this way on some malformed JSON-LD (an "@type" of null, an empty
            # context IRI); ProofError and UnknownContext, also ValueErrors, are above.
            log.info("pyld could not canonicalize a credential", exc_info=True)
            raise Refused("proof: the credential is not valid JSON-LD, so what was signed "
                          "cannot be computed (@context)") from None
    _check_dates(credential, today)
    issuer_id = facts["issuer_id"]
    vouched = resolved.controller is not None and issuer_id is not None and (
        base_of(resolved.controller) == base_of(issuer_id))
    trusted = vouched and trust.is_trusted(issuer_id)
    warnings = []
    if check_status:
        outcome = status_check(credential, trust, site, vouched=trusted)
        if outcome.failure:
            raise Refused(outcome.failure)
        if outcome.warning:
            warnings.append(outcome.warning)
    if trusted_only and not trusted:
        who = f"{facts['issuer_name'] or 'the issuer'} ({issuer_id})"
        if trust.is_trusted(issuer_id):
            raise Refused(f"issuer: {who} is on the trusted list, but the key that signed "
                          "this is not one it publishes (proof.verificationMethod)")
        raise Refused(f"issuer: {who} is not on the trusted issuers list (issuer)")
    warnings += _check_embedded(credential, trust, today, site, check_status)
    return Verdict(True, "", trusted=trusted, warnings=tuple(warnings), **facts)


def _read(data) -> tuple[dict, vcjwt.Jwt | None]:
    """The credential (and its JWT, when it came as one)."""
    if isinstance(data, dict):
        return data, None
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_BYTES:
            raise Refused(f"read: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refused("read: the file is not text (neither JSON nor a JWT)") from None
    elif isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        raise Refused("read: this is not a credential")
    text = text.strip()
    if not text:
        raise Refused("read: the file is empty")
    if text.startswith("{"):
        try:
            credential = json.loads(text)
        except ValueError as error:
            line = getattr(error, "lineno", None)
            where = f" at line {line}, column {error.colno}" if line else ""
            raise Refused(f"read: the file is not valid JSON{where}") from None
        if not isinstance(credential, dict):
            raise Refused("read: the JSON is not a credential object")
        return credential, None
    if vcjwt.looks_like_jwt(text):
        try:
            token = vcjwt.parse(text)
            vcjwt.check_header(token)
        except vcjwt.JwtError as error:
            raise Refused(f"read: {error}") from None
        credential = token.credential()
        if not isinstance(credential, dict):
            raise Refused("read: the JWT does not hold a credential (payload)")
        return credential, token
    raise Refused("read: the file is neither a JSON credential nor a JWT")


def _describe(credential: dict, trust) -> dict:
    """Who issued the credential, to whom and for what, as far as it says."""
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    issuer_id = issuer_id if isinstance(issuer_id, str) else None
    name = issuer.get("name") if isinstance(issuer, dict) else None
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    who = subject.get("name") or subject.get("id")
    kinds = schemas.types_of(credential)
    achievement = subject.get("achievement")
    if "ClrCredential" in kinds:
        kind, what = "CLR 2.0 record", credential.get("name")
    else:
        kind = "badge" if any(k in schemas.OB_TYPES for k in kinds) else "credential"
        what = achievement.get("name") if isinstance(achievement, dict) else credential.get(
            "name")
    return {"issuer_id": issuer_id,
            "issuer_name": _text(name) or trust.name_of(issuer_id),
            "subject": _text(who), "achievement_name": _text(what), "kind": kind}


def _text(value) -> str | None:
    if isinstance(value, dict):  # (a language map, as JSON-LD allows)
        value = next((v for v in value.values() if isinstance(v, str)), None)
    return value[:300] if isinstance(value, str) and value else None


def _proof(credential: dict) -> dict:
    try:
        return proofs.proof_of(credential)
    except proofs.ProofError as error:
        raise Refused(f"proof: {error}") from None


def _check_contexts(credential: dict, contexts) -> None:
    """Every context the credential names, anywhere in it, is one we hold."""
    if "@context" not in credential:
        raise Refused("contexts: the credential has no @context (@context)")
    for path, url in _contexts_in(credential, ""):
        if not contexts.knows(url):
            raise Refused(f"contexts: unknown context {url}: only known contexts are "
                          f"loaded ({path}@context)")


def _contexts_in(node, path: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for url in value if isinstance(value, list) else [value]:
                    if isinstance(url, str):
                        yield path, url
            else:
                yield from _contexts_in(value, f"{path}{key}.")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _contexts_in(value, f"{path.rstrip('.')}[{number}].")


def _resolve(verification_method, trust) -> ResolvedKey:
    try:
        return trust.resolve(verification_method)
    except KeyNotFound as error:
        raise Refused(f"key: {error.message} (proof.verificationMethod)") from None


def _check_jwt(token: vcjwt.Jwt, trust, today) -> ResolvedKey:
    """The JWT's signature, by the key its header names; then exp and nbf."""
    header = token.header
    iss, issuer_id = token.payload.get("iss"), _describe(token.credential(), trust)["issuer_id"]
    if iss is not None and iss != issuer_id:
        raise Refused("read: the token's iss is not the credential's issuer (iss)")
    kid, jwk = header.get("kid"), header.get("jwk")
    resolved = None
    if isinstance(kid, str) and kid:
        if ":" not in kid.partition("#")[0]:  # relative: a key of the issuer's
            kid = f"{iss or issuer_id}#{kid.lstrip('#')}"
        try:
            resolved = trust.resolve(kid)
        except KeyNotFound as error:
            if not isinstance(jwk, dict):
                raise Refused(f"key: {error.message} (header.kid)") from None
    if resolved is None and isinstance(jwk, dict):
        try:
            resolved = ResolvedKey(vcjwt.jwk_public_key(jwk), None)
        except ValueError as error:
            raise Refused(f"key: the header's jwk is not usable: {error} (header.jwk)") \
                from None
    if resolved is None:
        raise Refused("key: the token's header names no key (neither jwk nor kid), so its "
                      "signature cannot be checked (header)")
    try:
        vcjwt.check_signature(token, resolved.public_key)
        vcjwt.check_times(token, _moment(today))
    except vcjwt.JwtError as error:
        check = "dates" if error.field in ("exp", "nbf") else "signature"
        raise Refused(f"{check}: {error}") from None
    return resolved


def _moment(today: date | datetime | None) -> datetime:
    if today is None:
        return datetime.now(UTC)
    if isinstance(today, datetime):
        return today if today.tzinfo else today.replace(tzinfo=UTC)
    return datetime(today.year, today.month, today.day, 12, tzinfo=UTC)


def _when(credential: dict, name: str) -> datetime | None:
    value = credential.get(name)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise Refused(f"dates: {name} is not a date and time ({name})")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _check_dates(credential: dict, today) -> None:
    """validFrom/validUntil (VC 2.0), issuanceDate/expirationDate (VC 1.1): by the day
    when ``today`` is a date, to the second when it is a moment."""
    now = _moment(today)
    by_day = isinstance(today, date) and not isinstance(today, datetime)
    for name in ("validUntil", "expirationDate"):
        until = _when(credential, name)
        if until and (until.date() < now.date() if by_day else until < now):
            raise Refused(f"dates: expired on {until:%Y-%m-%d} ({name})")
    for name in ("validFrom", "issuanceDate"):
        start = _when(credential, name)
        if start and (start.date() > now.date() if by_day else start > now):
            raise Refused(f"dates: not valid until {start:%Y-%m-%d} ({name})")


def _check_embedded(credential: dict, trust, today, site, check_status) -> list[str]:
    """A CLR's own credentials that carry their own proof verify too; their warnings are
    the CLR's."""
    subject = credential.get("credentialSubject")
    embedded = subject.get("verifiableCredential") if isinstance(subject, dict) else None
    if embedded is None:
        return []
    warnings = []
    for number, item in enumerate(embedded if isinstance(embedded, list) else [embedded]):
        if isinstance(item, dict) and "proof" not in item:
            continue  # (a CLR may hold unsigned assertions; its own proof covers them)
        verdict = verify_credential(item, trust, today=today, site=site,
                                    check_status=check_status)
        where = f"credentialSubject.verifiableCredential[{number}]"
        if not verdict.valid:
            raise Refused(f"embedded credential {number + 1} ({where}): {verdict.reason}")
        warnings += [f"{where}: {w}" for w in verdict.warnings]
    return warnings


def verify_file(path: str | Path, trust, *, trusted_only: bool = False,
                today: date | datetime | None = None, site=None) -> Verdict:
    """The verdict on the file at ``path``: a backpack (a ZIP) is handed to the
    portability package's reader; anything else is a credential."""
    try:
        with open(path, "rb") as opened:
            head = opened.read(2)
            size = opened.seek(0, 2)
    except OSError as error:
        return Verdict(False, f"read: the file could not be read ({error.strerror})")
    if head == b"PK":
        return _verify_backpack(path, trust, trusted_only, today)
    if size > MAX_BYTES:
        return Verdict(False, f"read: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return verify_credential(Path(path).read_bytes(), trust, trusted_only=trusted_only,
                             today=today, site=site)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _verify_backpack(path, trust, trusted_only: bool, today) -> Verdict:
    try:
        from profilerepo.portability.reading import BackpackRefused, verify_backpack_file
    except ImportError:
        return Verdict(False, "backpack checking is not available", kind="backpack")
    day = today.date() if isinstance(today, datetime) else today
    try:
        backpack = verify_backpack_file(path, trust, contexts=trust.contexts, today=day,
                                        require_trusted=trusted_only)
    except BackpackRefused as refused:
        return Verdict(False, f"backpack: {refused}", kind="backpack")
    except Exception:
        log.exception("the backpack reader failed")
        return Verdict(False, "backpack: the file could not be checked (see the log)",
                       kind="backpack")
    try:
        student = backpack.student
        name = " ".join(str(student.get(k) or "") for k in ("given_name", "family_name"))
        verdict = Verdict(True, issuer_id=backpack.issuer_id, issuer_name=backpack.issuer_name,
                          trusted=trust.is_trusted(backpack.issuer_id),
                          subject=name.strip() or None, kind="backpack",
                          achievement_name="backpack of " + _count(len(
                              backpack.documents), "document") + " and " + _count(
                              backpack.file_count, "file"))
    finally:
        backpack.close()
    if trusted_only and not verdict.trusted:
        return replace(verdict, valid=False, reason=(
            f"issuer: {verdict.issuer_name} ({verdict.issuer_id}) is not on the trusted "
            "issuers list (issuer)"))
    return verdict
