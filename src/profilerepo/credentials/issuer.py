"""This district as the issuer of the credentials it signs: its DID, name and keys."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlsplit

from profilerepo.credentials import proofs
from profilerepo.credentials.contexts import ContextLibrary
from profilerepo.credentials.keys import KeyRing


def did_web(site_url: str) -> str:
    """The did:web naming the site at ``site_url`` (a port is written %3A, as did:web says)."""
    parts = urlsplit(site_url)
    host = parts.hostname or "localhost"
    if parts.port:
        host += quote(f":{parts.port}")
    path = ":".join(p for p in parts.path.split("/") if p)
    return f"did:web:{host}" + (f":{path}" if path else "")


class Issuer:
    def __init__(self, did: str, name: str, url: str | None, keys: KeyRing,
                 contexts: ContextLibrary) -> None:
        self.did = did
        self.name = name
        self.url = url
        self.keys = keys
        self.contexts = contexts

    def profile(self) -> dict:
        """The district as an OB 3.0 / CLR 2.0 issuer Profile."""
        profile = {"id": self.did, "type": ["Profile"], "name": self.name}
        if self.url:
            profile["url"] = self.url
        return profile

    def credential_id(self, kind: str, local_id: str) -> str:
        """An identifier for a credential this district issues (its web address when the
        site's address is set)."""
        if self.url:
            return f"{self.url}/credentials/{kind}/{local_id}"
        return f"urn:profilerepo:{self.did}:{kind}:{local_id}"

    def sign(self, document: dict, created: datetime | None = None) -> dict:
        return proofs.sign(document, self.keys.current.private_key,
                           self.keys.verification_method(), self.contexts, created)
