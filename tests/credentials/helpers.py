"""Districts as issuers, badges and JWTs for the credentials tests (real keys, real files)."""
from __future__ import annotations

import base64
import json

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from profilerepo.credentials import default_credential_files
from profilerepo.credentials.contexts import ContextLibrary
from profilerepo.credentials.issuer import Issuer
from profilerepo.credentials.keys import KeyRing

V2 = "https://www.w3.org/ns/credentials/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def district(folder, did="did:web:records.riverbend.example", name="Riverbend School District",
             url="https://records.riverbend.example") -> Issuer:
    return Issuer(did, name, url, KeyRing(folder, did), ContextLibrary(default_credential_files()))


def badge(issuer: Issuer, number: int = 1, **extra) -> dict:
    """A minimal OB 3.0 AchievementCredential, unsigned."""
    return {
        "@context": [V2, OB],
        "id": issuer.credential_id("badges", str(number)),
        "type": ["VerifiableCredential", "AchievementCredential"],
        "issuer": issuer.profile(),
        "validFrom": "2026-09-01T00:00:00Z",
        "name": "Kind Reader",
        "credentialSubject": {
            "id": "urn:uuid:5a3c0f3e-9b1d-4e55-a6c2-2f0e6b1c9d41",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:8d2e4f6a-0b1c-4d2e-8f3a-5b6c7d8e9f00",
                "type": ["Achievement"], "name": "Kind Reader",
                "description": "Reads to younger students each week.",
                "criteria": {"narrative": "A term of weekly reading with a buddy class."}}},
        **extra,
    }


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt_of(payload: dict, private_key, alg: str, **header) -> str:
    """A compact JWS of ``payload`` signed with ``private_key`` (EdDSA, RS256 or ES256)."""
    head = {"alg": alg, "typ": "JWT", **header}
    signing_input = f"{b64url(json.dumps(head).encode())}.{b64url(json.dumps(payload).encode())}"
    data = signing_input.encode()
    if alg == "EdDSA":
        signature = private_key.sign(data)
    elif alg == "RS256":
        signature = private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    else:
        r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return f"{signing_input}.{b64url(signature)}"


def public_jwk(public_key) -> dict:
    """The JWK of an RSA or P-256 public key."""
    numbers = public_key.public_numbers()
    if hasattr(numbers, "n"):
        return {"kty": "RSA", "n": b64url(numbers.n.to_bytes(256, "big")),
                "e": b64url(numbers.e.to_bytes(3, "big"))}
    return {"kty": "EC", "crv": "P-256", "x": b64url(numbers.x.to_bytes(32, "big")),
            "y": b64url(numbers.y.to_bytes(32, "big"))}
