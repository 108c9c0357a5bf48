"""Ed25519 public keys as Multikey strings (``z6Mk…``) and ``did:key`` identifiers.

A Multikey is "z" (base58btc) + base58(0xed 0x01 + the 32 key bytes).
"""
from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
ED25519_PREFIX = b"\xed\x01"


class BadKey(ValueError):
    """A string that is not an Ed25519 Multikey."""


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise BadKey(f"{char!r} is not a base58 character")
        number = number * 58 + _INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + body


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def encode_public_key(key: Ed25519PublicKey) -> str:
    return "z" + b58encode(ED25519_PREFIX + public_bytes(key))


def decode_public_key(multibase: str) -> Ed25519PublicKey:
    if not isinstance(multibase, str) or not multibase.startswith("z"):
        raise BadKey("a Multikey starts with 'z' (base58btc)")
    raw = b58decode(multibase[1:])
    if not raw.startswith(ED25519_PREFIX) or len(raw) != 34:
        raise BadKey("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])
