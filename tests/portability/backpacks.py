"""Backpacks for the import tests: a full record exported by a sending district, the
receiving district's trust in it, and ways to change a file after it was signed."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile

from profilerepo.credentials import issuer_from_settings
from profilerepo.credentials.trust import TrustedIssuer, TrustedIssuers
from profilerepo.portability import format as fmt
from profilerepo.portability.export import export_backpack


def district(folder, url: str, name: str):
    """A district as an issuer (its keys in ``folder``)."""
    return issuer_from_settings({"profilerepo.signing_keys": str(folder),
                                 "profilerepo.site_url": url,
                                 "profilerepo.district_name": name})


def trusting(receiver, *senders) -> TrustedIssuers:
    """``receiver``'s trusted issuers: ``senders``, their keys given as their DID
    documents (as fetched from their well-known address)."""
    return TrustedIssuers([TrustedIssuer(s.did) for s in senders], receiver,
                          documents=[s.keys.did_document() for s in senders])


def exported(student, issuer, audience: str = "school", **options) -> bytes:
    out = io.BytesIO()
    export_backpack(student, issuer, out, audience=audience, **options)
    return out.getvalue()


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as backpack:
        return {name: backpack.read(name) for name in backpack.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as backpack:
        for name, data in parts.items():
            backpack.writestr(name, data)
    return out.getvalue()


def changed(data: bytes, name: str, change) -> bytes:
    """The backpack with entry ``name`` replaced by ``change(its bytes)``; nothing else
    touched (so its signature and digests no longer match)."""
    parts = entries(data)
    parts[name] = change(parts[name])
    return zipped(parts)


def flip_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]


def resigned(data: bytes, issuer, **replace: bytes) -> bytes:
    """The backpack with entries replaced (or added) and signed again by ``issuer``: a
    well-signed file whose contents are wrong in some other way."""
    parts = entries(data)
    parts.update(replace)
    contents = json.loads(parts[fmt.CONTENTS])
    contents["entries"] = [
        {"path": name, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
        for name, body in sorted(parts.items()) if name not in fmt.UNLISTED]
    contents["issuer"] = {"id": issuer.did, "name": issuer.name}
    parts[fmt.CONTENTS] = fmt.canonical_json(contents)
    manifest = json.loads(parts[fmt.MANIFEST])
    manifest.pop("proof")
    manifest["issuer"] = {"id": issuer.did, "name": issuer.name}
    manifest["credentialSubject"]["contentsDigest"] = hashlib.sha256(
        parts[fmt.CONTENTS]).hexdigest()
    parts[fmt.MANIFEST] = fmt.canonical_json(issuer.sign(manifest))
    return zipped(parts)
