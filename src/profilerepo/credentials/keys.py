"""This district's Ed25519 signing keys, kept as files outside the database and the repository.

The folder holds ``key-1.pem``, ``key-2.pem``…: the highest number signs; rotating adds
the next. Earlier keys stay published in the DID document, so what they signed still
verifies.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from profilerepo.credentials.multikey import encode_public_key

_NAME = re.compile(r"^key-(\d+)\.pem$")


@dataclass(frozen=True)
class SigningKey:
    key_id: str  # "key-1": the fragment of its verification method
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def multibase(self) -> str:
        return encode_public_key(self.public_key)


class KeyRing:
    """The keys in ``folder`` (the first made on first use), for the DID ``controller``."""

    def __init__(self, folder: str | Path, controller: str) -> None:
        self.folder = Path(folder)
        self.controller = controller
        self._keys: list[SigningKey] | None = None
        self._seen: int | None = None

    @property
    def keys(self) -> list[SigningKey]:
        """Every key, oldest first (read again when the folder changed: a key rotated by
        ``profilerepo-keys --rotate`` signs in running servers from then on)."""
        stamp = self._stamp()
        if self._keys is None or stamp != self._seen:
            self._keys = self._read() or [self._write(1)]
            self._seen = self._stamp()
        return self._keys

    def _stamp(self) -> int | None:
        try:
            return self.folder.stat().st_mtime_ns
        except OSError:
            return None

    @property
    def current(self) -> SigningKey:
        return self.keys[-1]

    def rotate(self) -> SigningKey:
        """Make the next key and sign with it from now on."""
        known = self._read() or []
        key = self._write(len(known) + 1)
        self._keys, self._seen = [*known, key], self._stamp()
        return key

    def verification_method(self, key: SigningKey | None = None) -> str:
        return f"{self.controller}#{(key or self.current).key_id}"

    def public_key_for(self, verification_method: str) -> Ed25519PublicKey | None:
        """Our key that ``verification_method`` names, or None if it is not ours."""
        did, _, fragment = verification_method.partition("#")
        if did != self.controller:
            return None
        for key in self.keys:
            if fragment in (key.key_id, key.multibase):
                return key.public_key
        return None

    def did_document(self) -> dict:
        """The DID document another district or any verifier fetches (public keys only)."""
        methods = [{"id": self.verification_method(key), "type": "Multikey",
                    "controller": self.controller, "publicKeyMultibase": key.multibase}
                   for key in self.keys]
        ids = [method["id"] for method in methods]
        return {"@context": ["https://www.w3.org/ns/did/v1",
                             "https://w3id.org/security/multikey/v1"],
                "id": self.controller, "verificationMethod": methods,
                "assertionMethod": ids, "authentication": ids[-1:]}

    def _read(self) -> list[SigningKey]:
        found = []
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                match = _NAME.match(path.name)
                if match:
                    private = load_pem_private_key(path.read_bytes(), password=None)
                    if not isinstance(private, Ed25519PrivateKey):
                        raise ValueError(f"{path} is not an Ed25519 key")
                    found.append((int(match.group(1)), SigningKey(path.stem, private)))
        return [key for _, key in sorted(found)]

    def _write(self, number: int) -> SigningKey:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self.folder / f"key-{number}.pem"
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        try:  # (two processes starting at once: the one that loses reads the winner's)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return SigningKey(path.stem, load_pem_private_key(path.read_bytes(), None))
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        return SigningKey(path.stem, private)
