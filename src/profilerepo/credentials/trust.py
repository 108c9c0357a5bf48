"""The issuers this district trusts, and the public keys that verify what they sign.

Keys resolve locally when a credential carries them (``did:key``, a Multikey in the
verification method's fragment) or when they are ours; otherwise they are fetched from a
trusted issuer's DID document or JWK set, and never from an address nobody listed.
"""
from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from profilerepo.credentials.jwt import jwk_public_key
from profilerepo.credentials.multikey import BadKey, decode_public_key, public_bytes

SETTING = "profilerepo.trusted_issuers"
FETCH_TIMEOUT = 10  # seconds
FETCH_LIMIT = 1024 * 1024  # bytes: a DID document, key set or status list is far smaller
CACHE_SECONDS = 300  # a rotated key reaches us within five minutes
FAILURE_SECONDS = 30  # (an address that did not answer is not asked again sooner)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class KeyNotFound(LookupError):
    """No key for a verification method: the message says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FetchFailed(OSError):
    """A trusted address did not answer with a JSON document."""


@dataclass(frozen=True)
class TrustedIssuer:
    """One line of the setting: an issuer's DID or URL and where its keys are published."""

    id: str
    keys_url: str | None = None


@dataclass(frozen=True)
class ResolvedKey:
    """A public key and who vouches for it: ``controller`` is the DID or URL whose own
    published document (or our key ring, or the did:key itself) lists the key; None when
    the credential merely carries the key, which proves integrity but not authorship."""

    public_key: object
    controller: str | None


def base_of(identifier: str) -> str:
    """``identifier`` without its fragment."""
    return identifier.partition("#")[0]


def did_web_url(did: str) -> str:
    """Where a did:web's document is: did:web:host%3Aport:path -> https://host:port/path/did.json
    (/.well-known/did.json without a path). Loopback hosts are fetched over plain HTTP,
    so two instances on one machine can trust each other in development and tests."""
    parts = base_of(did).removeprefix("did:web:").split(":")
    host = unquote(parts[0])
    path = "/".join(unquote(p) for p in parts[1:])
    scheme = "http" if host.split(":")[0] in LOOPBACK else "https"
    return f"{scheme}://{host}/{path}/did.json" if path else f"{scheme}://{host}/.well-known/did.json"


def parse_setting(text: str | None) -> list[TrustedIssuer]:
    """The setting's lines, ``<did or URL> [<URL of its DID document or JWK set>]``; blank
    lines and lines starting with # are skipped."""
    entries = []
    for line in (text or "").splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        entries.append(TrustedIssuer(words[0], words[1] if len(words) > 1 else None))
    return entries


def fetch_json(url: str) -> dict:
    """GET ``url`` as JSON: 10 s timeout, 1 MB limit, http(s) only; or read it from a file
    the setting names by its path (a district's DID document handed over by hand)."""
    if url.startswith("/") and url.endswith(".json"):
        return _read_file(url)
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchFailed(f"{url} is not a web address")
    request = urllib.request.Request(url, headers={
        "Accept": "application/did+json, application/json;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310
            body = answer.read(FETCH_LIMIT + 1)
    except (OSError, ValueError) as error:
        raise FetchFailed(f"{url} could not be fetched ({error})") from None
    if len(body) > FETCH_LIMIT:
        raise FetchFailed(f"{url} sent more than {FETCH_LIMIT} bytes")
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise FetchFailed(f"{url} did not send JSON") from None
    if not isinstance(document, dict):
        raise FetchFailed(f"{url} did not send a JSON object")
    return document


def _read_file(path: str) -> dict:
    try:
        with open(path, "rb") as opened:
            body = opened.read(FETCH_LIMIT + 1)
    except OSError as error:
        raise FetchFailed(f"{path} could not be read ({error.strerror})") from None
    try:
        document = json.loads(body) if len(body) <= FETCH_LIMIT else None
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict):
        raise FetchFailed(f"{path} is not a JSON document of at most {FETCH_LIMIT} bytes")
    return document


def keys_in(document: dict, base: str) -> dict[str, object]:
    """Public keys in a DID document or JWK set, by their full id (relative ids taken
    against ``base``); a key listed twice (rotated out, still published) stays."""
    found: dict[str, object] = {}
    methods = document.get("verificationMethod") or []
    for method in [*methods, *(document.get("assertionMethod") or [])]:
        if not isinstance(method, dict):
            continue
        key = None
        try:
            if isinstance(method.get("publicKeyMultibase"), str):
                key = decode_public_key(method["publicKeyMultibase"])
            elif isinstance(method.get("publicKeyJwk"), dict):
                key = jwk_public_key(method["publicKeyJwk"])
        except (BadKey, ValueError):
            continue
        if key is not None and isinstance(method.get("id"), str):
            found[_absolute(method["id"], base)] = key
    for jwk in document.get("keys") or []:
        if isinstance(jwk, dict) and isinstance(jwk.get("kid"), str):
            try:
                found[_absolute(jwk["kid"], base)] = jwk_public_key(jwk)
            except ValueError:
                continue
    return found


def _absolute(key_id: str, base: str) -> str:
    if key_id.startswith("#"):
        return base_of(base) + key_id
    if ":" in key_id:
        return key_id
    return base_of(base) + "#" + key_id


class TrustedIssuers:
    """The trusted-issuer list, this district's own keys, and documents given offline."""

    def __init__(self, entries: Iterable[TrustedIssuer] = (), issuer=None,
                 documents: Iterable[dict] = (), contexts=None,
                 fetch: Callable[[str], dict] = fetch_json) -> None:
        self.entries = {entry.id: entry for entry in entries}
        self.issuer = issuer  # credentials.issuer.Issuer, or None (the offline verifier)
        self._contexts = contexts
        self._fetch = fetch
        self._cache: dict[str, tuple[float, dict]] = {}
        self._offline: dict[str, dict[str, object]] = {}
        for document in documents:
            self.add_document(document)

    @classmethod
    def from_settings(cls, settings: dict, issuer=None, **kw) -> TrustedIssuers:
        return cls(parse_setting(settings.get(SETTING)), issuer, **kw)

    @property
    def contexts(self):
        """The JSON-LD contexts (``ContextLibrary``): the issuer's, else the default files."""
        if self._contexts is None:
            from profilerepo.credentials import default_credential_files
            from profilerepo.credentials.contexts import ContextLibrary

            self._contexts = (self.issuer.contexts if self.issuer is not None
                              else ContextLibrary(default_credential_files()))
        return self._contexts

    def add_document(self, document: dict) -> None:
        """A DID document (or JWK set with an ``id``) given by hand, as ``--keys`` does:
        its keys count as published by its id."""
        if isinstance(document, dict) and isinstance(document.get("id"), str):
            self._offline[document["id"]] = keys_in(document, document["id"])

    def add_documents_file(self, path: str | Path) -> int:
        """DID documents from a JSON file (one document or a list); how many were read."""
        loaded = json.loads(Path(path).read_text(encoding="utf-8"))
        documents = loaded if isinstance(loaded, list) else [loaded]
        for document in documents:
            self.add_document(document)
        return len(documents)

    @property
    def own_id(self) -> str | None:
        return self.issuer.did if self.issuer is not None else None

    def entry_for(self, identifier: str) -> TrustedIssuer | None:
        """The trusted entry ``identifier`` (a DID, URL or verification method) belongs to."""
        base = base_of(identifier)
        entry = self.entries.get(base)
        if entry is None:
            for candidate in self.entries.values():
                if candidate.keys_url and base == base_of(candidate.keys_url):
                    return candidate
        return entry

    def is_trusted(self, issuer_id: str | None) -> bool:
        if not isinstance(issuer_id, str) or not issuer_id:
            return False
        return issuer_id == self.own_id or self.entry_for(issuer_id) is not None

    def name_of(self, issuer_id: str | None) -> str | None:
        """Our own district's name for our DID; others name themselves in credentials."""
        if issuer_id is not None and issuer_id == self.own_id:
            return self.issuer.name
        return None

    def fetch_trusted(self, url: str, issuer_id: str | None = None) -> dict:
        """A JSON document from ``url``, only when ``url`` lies under a trusted issuer's
        addresses, or ``issuer_id`` is a trusted issuer whose own key vouches for ``url``
        (never pass the id of an issuer a credential merely names); cached a few minutes."""
        if not (self.is_trusted(issuer_id) or self._trusted_address(url)):
            raise FetchFailed(f"{url} is not the address of a trusted issuer")
        cached = self._cache.get(url)
        if cached and cached[0] > time.monotonic():
            if isinstance(cached[1], FetchFailed):
                raise cached[1]  # (a failure is remembered briefly too: one file may name
            return cached[1]     # the same status list for each of its badges)
        try:
            document = self._fetch(url)
        except FetchFailed as failed:
            self._cache[url] = (time.monotonic() + FAILURE_SECONDS, failed)
            raise
        self._cache[url] = (time.monotonic() + CACHE_SECONDS, document)
        return document

    def _trusted_address(self, url: str) -> bool:
        """Whether ``url`` lies under a trusted issuer's own web address or key address,
        or the own host of an issuer whose DID document was given by hand (``--keys``:
        whoever gave its keys vouches for it, so its status list may be read)."""
        addresses = [address for entry in self.entries.values()
                     for address in (entry.id, entry.keys_url, entry.id.startswith("did:web:")
                                     and did_web_url(entry.id))]
        addresses += [did_web_url(given) if given.startswith("did:web:") else given
                      for given in self._offline]
        for address in addresses:
            if isinstance(address, str) and address.startswith(("http://", "https://")):
                origin = "{0.scheme}://{0.netloc}/".format(urlsplit(address))
                if url.startswith(origin):
                    return True
        return False

    def resolve(self, verification_method: str) -> ResolvedKey:
        """The key ``verification_method`` names and who vouches for it; ``KeyNotFound``
        with the reason otherwise."""
        if not isinstance(verification_method, str) or not verification_method:
            raise KeyNotFound("the proof names no verification method")
        base, _, fragment = verification_method.partition("#")
        if base == self.own_id:
            key = self.issuer.keys.public_key_for(verification_method)
            if key is None:
                raise KeyNotFound(f"{verification_method} is not one of this district's keys")
            return ResolvedKey(key, base)
        if base.startswith("did:key:"):
            try:
                return ResolvedKey(decode_public_key(base.removeprefix("did:key:")), base)
            except BadKey as error:
                raise KeyNotFound(f"{verification_method} is not a usable did:key ({error})") \
                    from None
        published = self._published(base)
        if published is not None:  # a trusted or given issuer: only the keys it publishes
            key = _match(published, verification_method, fragment)
            if key is None:
                raise KeyNotFound(f"{verification_method} is not one of the keys {base} "
                                  "publishes")
            return ResolvedKey(key, base)
        if fragment.startswith("z6Mk"):
            try:  # the credential carries its key (as 1EdTech's examples do): it proves
                # the credential unchanged, not who made it
                return ResolvedKey(decode_public_key(fragment), None)
            except BadKey as error:
                raise KeyNotFound(f"the key in {verification_method} is not usable ({error})") \
                    from None
        raise KeyNotFound(f"the key {verification_method} belongs to an issuer that is not "
                          "on the trusted list, so it is not fetched")

    def key_for(self, verification_method: str):
        """The Ed25519 public key ``verification_method`` names (``KeyNotFound`` if none)."""
        key = self.resolve(verification_method).public_key
        if not isinstance(key, Ed25519PublicKey):
            raise KeyNotFound(f"{verification_method} is not an Ed25519 key")
        return key

    def _published(self, base: str) -> dict[str, object] | None:
        """The keys ``base`` publishes: given offline, or fetched for a trusted entry."""
        if base in self._offline:
            return self._offline[base]
        entry = self.entry_for(base)
        if entry is None:
            return None
        url = entry.keys_url or (did_web_url(entry.id) if entry.id.startswith("did:web:")
                                 else entry.id)
        try:
            document = self.fetch_trusted(url, entry.id)
        except FetchFailed as error:
            raise KeyNotFound(f"the trusted issuer's keys could not be fetched: {error}") \
                from None
        own_id = document.get("id")
        return keys_in(document, own_id if isinstance(own_id, str) else entry.id)


def _match(published: dict[str, object], verification_method: str, fragment: str):
    if verification_method in published:
        return published[verification_method]
    for key_id, key in published.items():
        if fragment and key_id.partition("#")[2] == fragment:
            return key
    if fragment.startswith("z"):
        try:
            wanted = decode_public_key(fragment)
        except BadKey:
            return None
        for key in published.values():
            try:
                if public_bytes(key) == public_bytes(wanted):
                    return key
            except (AttributeError, TypeError, ValueError):
                continue
    return None

