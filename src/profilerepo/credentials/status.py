"""Revocation of credentials: our own W3C Bitstring Status Lists, and checking anyone's.

Each list is 131,072 bits (16 KB) in its own persistent object in the site root, so
revoking one credential rewrites one list, not the site. A credential names its list's
address and its index; the list is published as a signed BitstringStatusListCredential.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from profilerepo.credentials.trust import FetchFailed

LIST_BITS = 131_072
ATTRIBUTE = "credential_status_lists"
STATUS_PATH = "/credentials/status/"
UNCHECKED = "status could not be checked"
MAX_GZIP = 16 * 1024 * 1024  # bytes a status list may expand to
FAILING = {"revocation": "revoked", "suspension": "suspended"}  # statusPurpose -> verdict


class StatusList(Persistent):
    """One list of revocation bits, handed out in order."""

    def __init__(self, size: int = LIST_BITS) -> None:
        self.bits = bytes(size // 8)
        self.allocated = 0

    @property
    def size(self) -> int:
        return len(self.bits) * 8

    def is_set(self, index: int) -> bool:
        return bool(self.bits[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int) -> None:
        changed = bytearray(self.bits)
        changed[index // 8] |= 0x80 >> (index % 8)
        self.bits = bytes(changed)


def _lists(site, create: bool = False):
    lists = getattr(site, ATTRIBUTE, None)
    if lists is None and create:
        lists = OOBTree()
        setattr(site, ATTRIBUTE, lists)
    return lists


def allocate(site) -> tuple[str, int]:
    """A fresh (list id, index) for a credential about to be issued."""
    lists = _lists(site, create=True)
    list_id = lists.maxKey() if len(lists) else None
    if list_id is None or lists[list_id].allocated >= lists[list_id].size:
        list_id = f"{len(lists) + 1:04d}"  # (zero-padded: the tree orders them as text)
        lists[list_id] = StatusList()
    status_list = lists[list_id]
    index = status_list.allocated
    status_list.allocated += 1
    return list_id, index


def _get(site, list_id: str, index: int) -> StatusList:
    lists = _lists(site)
    if lists is None or list_id not in lists:
        raise KeyError(f"there is no status list {list_id!r}")
    status_list = lists[list_id]
    if not 0 <= index < status_list.size:
        raise KeyError(f"index {index} is outside status list {list_id!r}")
    return status_list


def revoke(site, list_id: str, index: int) -> None:
    """Revoke the credential holding (list_id, index); for ever (revocation is final)."""
    _get(site, list_id, index).set(index)


def is_revoked(site, list_id: str, index: int) -> bool:
    try:
        return _get(site, list_id, index).is_set(index)
    except KeyError:
        return False


def status_url(issuer, list_id: str) -> str:
    """Where list ``list_id`` is published (the site's address; without one, localhost's,
    as the district's default DID is)."""
    base = (getattr(issuer, "url", None) or "http://localhost").rstrip("/")
    return f"{base}{STATUS_PATH}{list_id}"


def status_entry(issuer, list_id: str, index: int) -> dict:
    """The ``credentialStatus`` of a credential given (list_id, index)."""
    url = status_url(issuer, list_id)
    return {"id": f"{url}#{index}", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": str(index),
            "statusListCredential": url}


def encode_bits(bits: bytes) -> str:
    """Multibase base64url (no padding, "u" prefix) of the GZIP of ``bits``."""
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_bits(encoded: str) -> bytes:
    """The bits of an ``encodedList`` (multibase "u", or plain base64 as StatusList2021)."""
    if not isinstance(encoded, str) or not encoded:
        raise ValueError("the status list has no encodedList")
    text = encoded[1:] if encoded.startswith("u") else encoded
    try:
        packed = base64.urlsafe_b64decode(text.replace("+", "-").replace("/", "_")
                                          + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj(wbits=31)
        bits = inflater.decompress(packed, MAX_GZIP)
    except (ValueError, binascii.Error, zlib.error):
        raise ValueError("the status list's encodedList is not GZIP in base64url") from None
    if inflater.unconsumed_tail:
        raise ValueError("the status list is too large")
    return bits


def list_credential(site, issuer, list_id: str, valid_from=None) -> dict:
    """Our list ``list_id`` as a signed BitstringStatusListCredential."""
    from profilerepo.credentials.proofs import timestamp

    status_list = _get(site, list_id, 0)
    url = status_url(issuer, list_id)
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did,
        "validFrom": timestamp(valid_from),
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList",
                              "statusPurpose": "revocation",
                              "encodedList": encode_bits(status_list.bits)},
    }
    return issuer.sign(document)


@dataclass(frozen=True)
class StatusCheck:
    """``failure``: why the credential no longer holds (revoked, suspended); ``warning``:
    what could not be checked (shown, not a failure)."""

    failure: str | None = None
    warning: str | None = None


def status_check(credential: dict, trust, site=None, *, vouched: bool = False) -> StatusCheck:
    """Every ``credentialStatus`` entry of ``credential``: ours read from ``site``,
    others fetched through ``trust``: from a trusted issuer's own addresses, or from any
    address when ``vouched`` (the credential was signed by a key its trusted issuer
    publishes, so the address it names is the issuer's word)."""
    entries = credential.get("credentialStatus")
    if entries is None:
        return StatusCheck()
    warning = None
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict):
            return StatusCheck(failure="status: the credentialStatus entry is not an object "
                               "(credentialStatus)")
        try:
            outcome = _check_entry(entry, credential, trust, site, vouched)
        except (FetchFailed, ValueError, KeyError, TypeError) as error:
            warning = f"{UNCHECKED} ({_plain(error)})"
            continue
        if outcome:
            return StatusCheck(failure=outcome)
    return StatusCheck(warning=warning)


def check_status(credential: dict, trust, site=None, *, vouched: bool = False) -> str | None:
    """Why ``credential`` is revoked or suspended, or None (also when it cannot be told)."""
    return status_check(credential, trust, site, vouched=vouched).failure


def _plain(error: BaseException) -> str:
    return getattr(error, "message", None) or str(error).strip("'\"")


def _check_entry(entry: dict, credential: dict, trust, site, vouched: bool) -> str | None:
    kind = entry.get("type")
    if kind in ("BitstringStatusListEntry", "StatusList2021Entry"):
        return _check_bitstring(entry, credential, trust, site, vouched)
    if kind == "1EdTechRevocationList":
        return _check_revocation_list(entry, credential, trust, vouched)
    raise ValueError(f"the status type {kind!r} is not one this verifier reads")


def _check_bitstring(entry: dict, credential: dict, trust, site, vouched: bool) -> str | None:
    url, index = entry.get("statusListCredential"), entry.get("statusListIndex")
    try:
        index = int(index)
    except (TypeError, ValueError):
        raise ValueError("the statusListIndex is not a number") from None
    if not isinstance(url, str) or index < 0:
        raise ValueError("the status entry names no list")
    purpose = entry.get("statusPurpose", "revocation")
    if purpose not in FAILING:
        return None  # (a "message" or "refresh" list says nothing about validity)
    issuer = getattr(trust, "issuer", None)
    if site is not None and issuer is not None and _issuer_id(credential) == issuer.did and (
            url.startswith(status_url(issuer, ""))):
        set_ = is_revoked(site, url.removeprefix(status_url(issuer, "")), index)
    else:
        set_ = _remote_bit(url, index, credential, trust, vouched)
    if not set_:
        return None
    return f"status: {FAILING[purpose]} by its issuer (credentialStatus.statusListIndex {index})"


def _remote_bit(url: str, index: int, credential: dict, trust, vouched: bool) -> bool:
    issuer_id = _issuer_id(credential)
    listed = trust.fetch_trusted(url, issuer_id if vouched else None)
    if _issuer_id(listed) != issuer_id:
        raise ValueError("the status list was not issued by the credential's issuer")
    from profilerepo.credentials.verify import verify_credential

    verdict = verify_credential(listed, trust, check_status=False, trusted_only=vouched)
    if not verdict.valid:
        raise ValueError(f"the status list does not verify: {verdict.reason}")
    subject = listed.get("credentialSubject")
    if not isinstance(subject, dict):
        raise ValueError("the status list credential has no list in it")
    bits = decode_bits(subject.get("encodedList"))
    if index >= len(bits) * 8:
        raise ValueError("the status index is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _check_revocation_list(entry: dict, credential: dict, trust, vouched: bool) -> str | None:
    """1EdTech's revocation list: a JSON document listing revoked credentials' ids."""
    url = entry.get("id")
    if not isinstance(url, str):
        raise ValueError("the revocation list has no address")
    listed = trust.fetch_trusted(url, _issuer_id(credential) if vouched else None)
    revoked = listed.get("revokedCredentials") or listed.get("revokedAssertions") or []
    ids = {item.get("id") if isinstance(item, dict) else item for item in revoked}
    if credential.get("id") in ids:
        return "status: revoked by its issuer (credentialStatus)"
    return None


def _issuer_id(credential: dict) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None
