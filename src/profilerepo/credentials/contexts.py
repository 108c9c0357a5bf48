"""JSON-LD contexts read from files only: a credential naming any other context is refused.

Canonicalization (and so every signature) depends on the contexts; fetching them from the
network would let whoever answers change what a signature means, so a verifier fails closed.
"""
from __future__ import annotations

import json
from pathlib import Path

# The contexts we know, by the URL credentials name them with, and the file holding each
# (in the folder the setting ``profilerepo.credential_files`` names, under ``contexts/``).
KNOWN = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://www.w3.org/2018/credentials/v1": "2018-credentials-v1.jsonld",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-2.0.1.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json": "clr-v2p0.json",
}


# ProfileRepo's own terms (the backpack's manifest, a records request between districts),
# given inline after the VC 2.0 context: an undefined term would be dropped when a document
# is canonicalized, so left unsigned (proofs.undefined_terms refuses such documents).
_TERMS = ("ProfileRepoBackpack", "contentsDigest", "withheld", "RecordsRequest",
          "givenName", "familyName", "birthDate", "studentId", "school", "purpose",
          "includeHidden")
# (in the issuer-dependent vocabulary the final VC 2.0 context gives terms it leaves open)
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"
PROFILEREPO_TERMS = {term: ISSUER_DEPENDENT + term for term in _TERMS}
PROFILEREPO_CONTEXT = ["https://www.w3.org/ns/credentials/v2", PROFILEREPO_TERMS]


class UnknownContext(ValueError):
    """A credential names a context that is not one of the files we hold."""

    def __init__(self, url: str) -> None:
        super().__init__(f"unknown JSON-LD context {url!r} (only known contexts are loaded)")
        self.url = url


class ContextLibrary:
    """The known contexts from ``folder`` (read once, on first use)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._loaded: dict[str, dict] = {}

    def knows(self, url: str) -> bool:
        return url in KNOWN

    def load(self, url: str) -> dict:
        if url not in KNOWN:
            raise UnknownContext(url)
        if url not in self._loaded:
            path = self.folder / "contexts" / KNOWN[url]
            try:
                self._loaded[url] = json.loads(path.read_text(encoding="utf-8"))
            except OSError:
                raise FileNotFoundError(
                    f"the JSON-LD context {url} should be in {path}; set "
                    "profilerepo.credential_files to the folder holding contexts/") from None
        return self._loaded[url]

    def document_loader(self, url: str, options=None) -> dict:
        """A pyld document loader that never touches the network."""
        return {"contextUrl": None, "documentUrl": url, "document": self.load(url),
                "contentType": "application/ld+json"}

    def check(self, document: dict) -> None:
        """Refuse a document whose top-level contexts are not all known (before
        canonicalizing: pyld would otherwise ask the loader mid-way)."""
        contexts = document.get("@context")
        if contexts is None:
            raise UnknownContext("(none: the credential has no @context)")
        for context in contexts if isinstance(contexts, list) else [contexts]:
            if isinstance(context, str) and context not in KNOWN:
                raise UnknownContext(context)
