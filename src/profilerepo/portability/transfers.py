"""Records requests between districts (FERPA 99.31(a)(2), 99.34): a district where a student
enrols asks the district they come from for their record, over HTTP, signed.

Both sides keep a ``RecordsTransfer`` in the site's ``records_transfers``: "asked" on the
receiving side (we asked another district), "asked-of-us" on the sending side. The request
travels as a small document signed with the asking district's key (eddsa-rdfc-2022), so
the sending district knows who asks without passwords between districts; it answers with
a token for this request alone (only its digest is kept) that the asker then uses to ask
where the request stands and to fetch the signed backpack once an administrator (or the
district's setting) approves it, for a day after it is first sent.

``records_transfers_index`` finds them without a walk over all of them: by the student
each request of another district is about, and by the signed request's id.
"""
from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from profilerepo import clock
from profilerepo.credentials import proofs
from profilerepo.credentials.contexts import PROFILEREPO_CONTEXT, UnknownContext
from profilerepo.family.hiding import within_request_years

ASKED, ASKED_OF_US = "asked", "asked-of-us"
WAITING, APPROVED, DECLINED, SENT, IMPORTED, NO_MATCH = (
    "waiting", "approved", "declined", "sent", "imported", "no-match")
AUTOMATIC_SETTING = "profilerepo.records_requests"  # "review" (default) or "automatic"
FRESH = datetime.timedelta(minutes=10)  # how old a signed request may be when it arrives
STANDING = {
    WAITING: "Waiting for the other district's approval",
    APPROVED: "Approved: the record can be fetched",
    DECLINED: "Declined",
    SENT: "Record sent",
    IMPORTED: "Record received, verified and imported",
    NO_MATCH: "No student matched",
}
SENDING_STANDING = {
    WAITING: "Waiting for your approval",
    APPROVED: "Approved: the other district may fetch the record",
    DECLINED: "Declined",
    SENT: "Record sent",
    NO_MATCH: "No student matched",
}


class TransferRefused(ValueError):
    """A request that cannot be made or answered, in words for the page or the other side."""


class RecordsTransfer(Persistent):
    """One records request, as the district that asked or the district asked keeps it."""

    student_id = ""  # asked of us: the student it is about; asked: the student imported
    remote_id = ""  # asked: the other side's id for it
    token = ""  # asked: the token to use with the other side; asked of us: its sha256
    reason = ""  # why it was declined, or what went wrong fetching it
    released_hidden = False  # the record sent included what the family hid
    request_id = ""  # asked of us: the signed request's id (a request is answered once)
    our_school = ""  # asked: the school here the student joins
    arrived: tuple = ()  # asked: (kind, title, path in the student folder) of each document
    withheld = False  # asked: the sender said it left out something the family hid

    def __init__(self, direction: str, district_did: str, district_name: str, *,
                 given_name: str, family_name: str, birth_date: datetime.date,
                 their_student_id: str, school: str, purpose: str, include_hidden: bool,
                 by: str, at: datetime.datetime | None = None) -> None:
        self.id = uuid.uuid4().hex[:16]
        self.direction = direction
        self.district_did, self.district_name = district_did, district_name
        self.given_name, self.family_name = given_name, family_name
        self.birth_date, self.their_student_id = birth_date, their_student_id
        self.school, self.purpose, self.include_hidden = school, purpose, include_hidden
        self.by = by
        self.made_at = at or clock.now(zone=clock.UTC)
        self.status = WAITING
        self.history: tuple[tuple[datetime.datetime, str, str], ...] = ()
        self.note("Asked", by, self.made_at)

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def standing(self) -> str:
        return (STANDING if self.direction == ASKED else SENDING_STANDING).get(
            self.status, self.status)

    def note(self, what: str, by: str, at: datetime.datetime | None = None) -> None:
        self.history = self.history + ((at or clock.now(zone=clock.UTC), what, by),)


def transfers_of(site, create: bool = False):
    """The site's records requests by id (None before the first, unless ``create``)."""
    found = getattr(site, "records_transfers", None)
    if found is None and create:
        found = site.records_transfers = OOBTree()
    return found


def add_transfer(site, transfer: RecordsTransfer) -> RecordsTransfer:
    transfers_of(site, create=True)[transfer.id] = transfer
    if transfer.direction == ASKED_OF_US:
        index = _index(site)
        if transfer.student_id:
            key = ("student", transfer.student_id)
            index[key] = (*index.get(key, ()), transfer.id)
        if getattr(transfer, "request_id", None):
            index[("request", transfer.request_id)] = transfer.id
    return transfer


def _index(site, create: bool = True):
    found = getattr(site, "records_transfers_index", None)
    if found is None and create:
        found = site.records_transfers_index = OOBTree()
    return found


def listed(site, direction: str, schools: frozenset[str] | None = None) -> list:
    """Requests of one direction, newest first; ``schools`` limits those asked of us to
    students of those schools (None: the whole district)."""
    found = [t for t in (transfers_of(site) or {}).values() if t.direction == direction]
    if schools is not None:
        students = site["students"]
        found = [t for t in found if t.direction == ASKED or (
            t.student_id in students and students[t.student_id].school in schools)]
    return sorted(found, key=lambda t: t.made_at, reverse=True)


# -- the request as it travels ------------------------------------------------------

def request_document(issuer, transfer: RecordsTransfer) -> dict:
    """The signed request the asking district sends."""
    return issuer.sign({
        "@context": PROFILEREPO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "RecordsRequest"],
        "issuer": {"id": issuer.did, "name": issuer.name},
        "validFrom": proofs.timestamp(),
        "credentialSubject": {
            "id": f"urn:profilerepo:records-request:{transfer.id}",
            "givenName": transfer.given_name, "familyName": transfer.family_name,
            "birthDate": transfer.birth_date.isoformat(),
            "studentId": transfer.their_student_id, "school": transfer.school,
            "purpose": transfer.purpose, "includeHidden": bool(transfer.include_hidden),
        },
    })


@dataclass(frozen=True)
class IncomingRequest:
    district_did: str
    district_name: str
    given_name: str
    family_name: str
    birth_date: datetime.date
    their_student_id: str
    school: str
    purpose: str
    include_hidden: bool
    request_id: str  # the signed document's id (a request is answered once)


def read_request(document, trust, contexts, now: datetime.datetime | None = None
                 ) -> IncomingRequest:
    """The request if it is signed by a trusted district and fresh; else TransferRefused."""
    kinds = document.get("type") if isinstance(document, dict) else None
    if not isinstance(kinds, list) or "RecordsRequest" not in kinds:
        raise TransferRefused("not a records request")
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not isinstance(issuer_id, str) or not trust.is_trusted(issuer_id):
        raise TransferRefused(f"{issuer_id} is not a district this district trusts")
    proof = document.get("proof")
    method = proof.get("verificationMethod", "") if isinstance(proof, dict) else ""
    if not isinstance(method, str) or method.split("#", 1)[0] != issuer_id:
        raise TransferRefused("the request is not signed with a key of the district it names")
    try:
        proofs.verify(document, trust.key_for(method), contexts)
    except (proofs.ProofError, UnknownContext, LookupError, ValueError) as error:
        raise TransferRefused(f"the request's signature does not hold: {error}") from None
    now = now or clock.now(zone=clock.UTC)
    try:
        made = datetime.datetime.fromisoformat(str(document.get("validFrom")))
    except ValueError:
        raise TransferRefused("the request has no valid date (validFrom)") from None
    if made.tzinfo is None or abs(now - made) > FRESH:
        raise TransferRefused("the request is too old or dated in the future: ask again")
    subject = document.get("credentialSubject")
    if not isinstance(subject, dict):
        raise TransferRefused("the request names no student")
    try:
        born = datetime.date.fromisoformat(str(subject.get("birthDate")))
    except ValueError:
        raise TransferRefused("the request has no valid birth date") from None
    text = {key: str(subject.get(key) or "").strip()[:500] for key in (
        "givenName", "familyName", "studentId", "school", "purpose")}
    if not (text["givenName"] and text["familyName"]):
        raise TransferRefused("the request has no student name")
    name = issuer.get("name") if isinstance(issuer, dict) else None
    return IncomingRequest(
        issuer_id, str(name or trust.name_of(issuer_id) or issuer_id)[:200],
        text["givenName"], text["familyName"], born, text["studentId"], text["school"],
        text["purpose"], subject.get("includeHidden") is True, str(document.get("id")))


def find_student(site, given_name: str, family_name: str, birth_date: datetime.date,
                 student_id: str = ""):
    """The one student with this id (and birth date), or else this name and birth date; None
    when there is none, or more than one (a request must not pick between children)."""
    from profilerepo.portability.matching import same_name_and_birth

    students = site["students"]
    if student_id and student_id in students:
        named = students[student_id]
        if named.birth_date == birth_date:
            return named
    found = same_name_and_birth(site, {"given_name": given_name, "family_name": family_name,
                                       "birth_date": birth_date.isoformat()})
    return found[0] if len(found) == 1 else None


def receive(site, incoming: IncomingRequest, automatic: bool) -> tuple[RecordsTransfer, str]:
    """Keep the request asked of us; (it, the token to give the asker). Raises
    TransferRefused when this signed request was already answered."""
    if ("request", incoming.request_id) in (_index(site, create=False) or {}):
        raise TransferRefused("this request was already received")
    transfer = RecordsTransfer(
        ASKED_OF_US, incoming.district_did, incoming.district_name,
        given_name=incoming.given_name, family_name=incoming.family_name,
        birth_date=incoming.birth_date, their_student_id=incoming.their_student_id,
        school=incoming.school, purpose=incoming.purpose,
        include_hidden=incoming.include_hidden, by=incoming.district_name)
    transfer.request_id = incoming.request_id
    token = secrets.token_urlsafe(32)
    transfer.token = digest(token)
    student = find_student(site, incoming.given_name, incoming.family_name,
                           incoming.birth_date, incoming.their_student_id)
    if student is None:
        transfer.status = NO_MATCH
    else:
        transfer.student_id = student.__name__
        if automatic:
            transfer.status = APPROVED
            transfer.note("Approved by the district's setting", "")
    add_transfer(site, transfer)
    return transfer, token


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def with_token(site, transfer_id: str, token: str) -> RecordsTransfer | None:
    """The request asked of us that ``token`` was given for, or None."""
    transfer = (transfers_of(site) or {}).get(transfer_id)
    if (transfer is None or transfer.direction != ASKED_OF_US or not token
            or not secrets.compare_digest(transfer.token, digest(token))):
        return None
    return transfer


def may_release_hidden(student, today: datetime.date) -> bool:
    """Whether a request may have what the family hid from future schools: within three
    years of the student leaving this district (still enrolled: yes)."""
    return within_request_years(student.exit_date, today)


def decide(transfer: RecordsTransfer, approve: bool, by: str, reason: str = "") -> None:
    if transfer.direction != ASKED_OF_US or transfer.status != WAITING:
        raise TransferRefused("This request is no longer waiting for an answer.")
    transfer.status = APPROVED if approve else DECLINED
    transfer.reason = reason
    transfer.note("Approved" if approve else f"Declined: {reason}" if reason else "Declined",
                  by)


def about_student(site, student_id: str) -> list[RecordsTransfer]:
    """The requests other districts made of us for this student's record, newest first
    (what the family is told of on the student's page)."""
    index, kept = _index(site, create=False), transfers_of(site)
    ids = index.get(("student", student_id), ()) if index is not None else ()
    return sorted((kept[i] for i in ids), key=lambda t: t.made_at, reverse=True)


def when_sent(transfer: RecordsTransfer) -> datetime.datetime | None:
    """When the record left for the district that asked (None: not sent)."""
    return next((at for at, what, _ in reversed(transfer.history)
                 if what.startswith("Record sent")), None)
