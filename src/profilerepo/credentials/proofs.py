"""Data Integrity proofs of the ``eddsa-rdfc-2022`` cryptosuite (W3C VC Data Integrity EdDSA).

Both the proof options and the document (without its proof) are canonicalized with RDF
Dataset Canonicalization (URDNA2015 / RDFC-1.0, by pyld, contexts from files only); the
Ed25519 signature covers sha256(proof options) + sha256(document), and ``proofValue`` is
"z" + base58btc of the signature.
"""
from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from profilerepo.credentials.contexts import ContextLibrary, UnknownContext
from profilerepo.credentials.multikey import BadKey, b58decode, b58encode

CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """A proof that does not hold: ``field`` names where (``proof.proofValue``...)."""

    def __init__(self, message: str, field: str = "proof") -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.message} ({self.field})"


def canonical(document: dict, contexts: ContextLibrary) -> str:
    """The canonical N-Quads of ``document`` (RDFC-1.0, which pyld calls URDNA2015);
    ``ProofError`` when it uses a term its contexts do not define (``undefined_terms``)."""
    quads = _normalized(_probe(document, contexts), contexts)
    undefined = _caught(quads)
    if undefined:
        raise ProofError("the credential uses terms its contexts do not define, which no "
                         f"signature covers: {', '.join(undefined[:5])}", "@context")
    return quads


def undefined_terms(document: dict, contexts: ContextLibrary) -> list[str]:
    """The properties and types of ``document`` its contexts do not define.

    JSON-LD drops an undefined property when it expands a document, so the property is
    in no canonical form and no signature covers it: a verifier that showed it would show
    words nobody signed. Canonicalizing with a last context whose ``@vocab`` catches every
    undefined term finds them; defined terms are unaffected, so without any the result is
    the document's own canonical form (one pass does both)."""
    try:
        return _caught(_normalized(_probe(document, contexts), contexts))
    except ProofError:
        return []  # (canonical() says what is wrong with it)


def _probe(document: dict, contexts: ContextLibrary) -> dict:
    contexts.check(document)
    given = document.get("@context")
    return dict(document, **{"@context": [*(given if isinstance(given, list) else [given]),
                                          {"@vocab": _CATCH}]})


def _normalized(document: dict, contexts: ContextLibrary) -> str:
    try:
        return jsonld.normalize(document, {
            "algorithm": "URDNA2015", "format": "application/n-quads",
            "documentLoader": contexts.document_loader})
    except jsonld.JsonLdError as error:
        unknown = _unknown_context(error)
        if unknown is not None:
            raise unknown from None
        raise ProofError(f"the credential is not valid JSON-LD: {_first_line(error)}",
                         "@context") from None
    except (AttributeError, TypeError, ValueError, KeyError, RecursionError):
        # (pyld trips on some malformed JSON-LD, e.g. "@type": null, instead of saying so)
        raise ProofError("the credential is not valid JSON-LD, so what was signed cannot "
                         "be computed", "@context") from None


def _caught(quads: str) -> list[str]:
    found = []
    for term in _CAUGHT.findall(quads):
        if term not in found:
            found.append(term)
    return found


_CATCH = "urn:profilerepo:undefined-term:"
_CAUGHT = re.compile(r"<" + re.escape(_CATCH) + r"([^>]*)>")


def _unknown_context(error: BaseException) -> UnknownContext | None:
    while error is not None:
        if isinstance(error, UnknownContext):
            return error
        details = getattr(error, "details", None) or {}
        cause = details.get("cause") if isinstance(details, dict) else None
        error = cause if isinstance(cause, BaseException) else error.__cause__
    return None


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _hash_data(document: dict, options: dict, contexts: ContextLibrary) -> bytes:
    options = dict(options, **{"@context": document.get("@context")})
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    return (hashlib.sha256(canonical(options, contexts).encode()).digest()
            + hashlib.sha256(canonical(unsigned, contexts).encode()).digest())


def timestamp(when: datetime | None = None) -> str:
    """An XML Schema dateTime in UTC to the second, as credentials write them."""
    when = (when or datetime.now(UTC)).astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def sign(document: dict, private_key: Ed25519PrivateKey, verification_method: str,
         contexts: ContextLibrary, created: datetime | None = None,
         proof_purpose: str = "assertionMethod") -> dict:
    """A copy of ``document`` carrying an eddsa-rdfc-2022 DataIntegrityProof."""
    options = {
        "type": "DataIntegrityProof",
        "created": timestamp(created),
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": proof_purpose,
    }
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    signature = private_key.sign(_hash_data(unsigned, options, contexts))
    return dict(unsigned, proof=dict(options, proofValue="z" + b58encode(signature)))


def proof_of(document: dict) -> dict:
    """The document's eddsa-rdfc-2022 proof (the first, when it carries a set)."""
    proofs = document.get("proof")
    if proofs is None:
        raise ProofError("the credential carries no proof: it is not signed")
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        if not isinstance(proof, dict):
            raise ProofError("the proof is not an object")
        if proof.get("type") == "DataIntegrityProof" and proof.get("cryptosuite") == CRYPTOSUITE:
            return proof
    kinds = ", ".join(sorted({str(p.get("cryptosuite") or p.get("type") or "(none given)")
                              for p in (proofs if isinstance(proofs, list) else [proofs])
                              if isinstance(p, dict)}))
    raise ProofError(f"unsupported proof type {kinds or '(none)'}: only {CRYPTOSUITE} "
                     "Data Integrity proofs are accepted", "proof.type")


def verify(document: dict, public_key: Ed25519PublicKey, contexts: ContextLibrary) -> None:
    """Raise ``ProofError`` unless ``document``'s proof was made by ``public_key`` over
    exactly this document (``UnknownContext`` for a context we do not hold)."""
    proof = proof_of(document)
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("the proof value is missing or not base58btc", "proof.proofValue")
    try:
        signature = b58decode(value[1:])
    except BadKey:
        raise ProofError("the proof value is not base58btc", "proof.proofValue") from None
    if proof.get("proofPurpose", "assertionMethod") != "assertionMethod":
        raise ProofError("the proof is not for making assertions", "proof.proofPurpose")
    options = {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    try:
        public_key.verify(signature, _hash_data(unsigned, options, contexts))
    except InvalidSignature:
        raise ProofError("the signature does not match the credential: it was changed "
                         "after signing, or signed by another key",
                         "proof.proofValue") from None
