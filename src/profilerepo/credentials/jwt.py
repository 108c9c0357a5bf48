"""Verifiable credentials as JWTs (compact JWS): VC-JWT of VC 1.1 (the ``vc`` claim) and
VC 2.0 JOSE (the payload is the credential), signed EdDSA, RS256 or ES256.

1EdTech requires RS256 and ``typ`` JWT; the W3C spec says ``vc+jwt``: both are accepted.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

VC2 = "https://www.w3.org/ns/credentials/v2"
TYPES = ("JWT", "vc+jwt", "vc+ld+jwt")
ALGORITHMS = ("EdDSA", "RS256", "ES256")
MAX_LENGTH = 10 * 1024 * 1024


class JwtError(ValueError):
    """A JWT that does not hold: ``field`` says where (``header.alg``, ``signature``...)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.message} ({self.field})"


@dataclass(frozen=True)
class Jwt:
    header: dict
    payload: dict
    signing_input: bytes
    signature: bytes

    def credential(self) -> dict:
        """The credential: the ``vc`` claim (with iss, jti, sub, nbf, exp filled in where
        it leaves them out, as VC-JWT 1.1 says) or the payload itself (VC 2.0)."""
        vc = self.payload.get("vc")
        if not isinstance(vc, dict):
            return self.payload
        vc = dict(vc)
        if "issuer" not in vc and isinstance(self.payload.get("iss"), str):
            vc["issuer"] = self.payload["iss"]
        if "id" not in vc and isinstance(self.payload.get("jti"), str):
            vc["id"] = self.payload["jti"]
        subject = vc.get("credentialSubject")
        if isinstance(subject, dict) and "id" not in subject and isinstance(
                self.payload.get("sub"), str):
            vc["credentialSubject"] = dict(subject, id=self.payload["sub"])
        contexts = vc.get("@context")
        vc2 = isinstance(contexts, list) and contexts[:1] == [VC2]
        names = ("validFrom", "validUntil") if vc2 else ("issuanceDate", "expirationDate")
        for claim, name in zip(("nbf", "exp"), names, strict=True):
            if name not in vc and _is_number(self.payload.get(claim)):
                vc[name] = _from_seconds(self.payload[claim])
        return vc


def looks_like_jwt(text: str) -> bool:
    parts = text.strip().split(".")
    return len(parts) == 3 and parts[0].startswith("eyJ")


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse(token: str) -> Jwt:
    """The JWT's parts, or ``JwtError`` naming the part that cannot be read."""
    token = token.strip()
    if len(token) > MAX_LENGTH:
        raise JwtError("the token is too long", "token")
    parts = token.split(".")
    if len(parts) != 3:
        raise JwtError("a JWT has three parts separated by dots", "token")
    decoded = []
    for part, name in zip(parts[:2], ("header", "payload"), strict=True):
        try:
            value = json.loads(b64url_decode(part))
        except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
            raise JwtError(f"the {name} is not base64url-encoded JSON", name) from None
        if not isinstance(value, dict):
            raise JwtError(f"the {name} is not a JSON object", name)
        decoded.append(value)
    try:
        signature = b64url_decode(parts[2])
    except (ValueError, binascii.Error):
        raise JwtError("the signature is not base64url", "signature") from None
    return Jwt(decoded[0], decoded[1], f"{parts[0]}.{parts[1]}".encode("ascii", "replace"),
               signature)


def jwk_public_key(jwk: dict):
    """The public key a JWK holds (OKP Ed25519, RSA, EC P-256); ``ValueError`` otherwise.
    Private members are ignored, never used."""
    kty = jwk.get("kty")
    try:
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        if kty == "RSA":
            return rsa.RSAPublicNumbers(_int(jwk["e"]), _int(jwk["n"])).public_key()
        if kty == "EC" and jwk.get("crv") == "P-256":
            return ec.EllipticCurvePublicNumbers(_int(jwk["x"]), _int(jwk["y"]),
                                                 ec.SECP256R1()).public_key()
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        raise ValueError(f"the {kty} key is not usable: {error}") from None
    raise ValueError(f"unsupported key type {kty!r}")


def _int(text: str) -> int:
    return int.from_bytes(b64url_decode(text), "big")


def check_header(jwt: Jwt) -> None:
    typ, alg = jwt.header.get("typ", "JWT"), jwt.header.get("alg")
    if typ not in TYPES:
        raise JwtError(f"the token type {typ!r} is not a credential JWT", "header.typ")
    if alg not in ALGORITHMS:
        raise JwtError(f"unsupported signing algorithm {alg!r} (EdDSA, RS256 or ES256 "
                       "are accepted)", "header.alg")


def check_signature(jwt: Jwt, public_key) -> None:
    """``JwtError`` unless ``public_key`` made the signature with the header's algorithm."""
    alg = jwt.header.get("alg")
    try:
        if alg == "EdDSA" and isinstance(public_key, Ed25519PublicKey):
            public_key.verify(jwt.signature, jwt.signing_input)
        elif alg == "RS256" and isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(jwt.signature, jwt.signing_input, padding.PKCS1v15(),
                              hashes.SHA256())
        elif alg == "ES256" and isinstance(public_key, ec.EllipticCurvePublicKey):
            if len(jwt.signature) != 64:
                raise InvalidSignature
            der = encode_dss_signature(int.from_bytes(jwt.signature[:32], "big"),
                                       int.from_bytes(jwt.signature[32:], "big"))
            public_key.verify(der, jwt.signing_input, ec.ECDSA(hashes.SHA256()))
        else:
            raise JwtError(f"the key is not a key for {alg}", "header.alg")
    except InvalidSignature:
        raise JwtError("the signature does not match the token: it was changed after "
                       "signing, or signed by another key", "signature") from None


def check_times(jwt: Jwt, now: datetime | None = None) -> None:
    """exp and nbf (seconds since 1970) against ``now``."""
    now_seconds = (now or datetime.now(UTC)).timestamp()
    exp, nbf = jwt.payload.get("exp"), jwt.payload.get("nbf")
    if exp is not None:
        if not _is_number(exp):
            raise JwtError("exp is not a time in seconds", "exp")
        if exp < now_seconds:
            raise JwtError(f"expired on {_from_seconds(exp)}", "exp")
    if nbf is not None:
        if not _is_number(nbf):
            raise JwtError("nbf is not a time in seconds", "nbf")
        if nbf > now_seconds:
            raise JwtError(f"not valid before {_from_seconds(nbf)}", "nbf")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e11


def _from_seconds(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
