"""profilerepo-keys: show the district's DID and signing keys, or rotate to a new key.

Rotating keeps every earlier key in the DID document, so what they signed still
verifies; running servers sign with the new key from their next signature on.
"""
from __future__ import annotations

from pyramid.paster import get_appsettings

from profilerepo.console import parser
from profilerepo.credentials import issuer_from_settings


def main(argv: list[str] | None = None) -> None:
    p = parser("Show the district's DID and signing keys; --rotate makes a new key.")
    p.add_argument("--rotate", action="store_true",
                   help="sign with a new key from now on (earlier keys stay published)")
    args = p.parse_args(argv)
    issuer = issuer_from_settings(get_appsettings(args.config))
    ring = issuer.keys
    if args.rotate:
        key = ring.rotate()
        print(f"Rotated: {ring.verification_method(key)} signs from now on.")
    print(f"{issuer.name}: {issuer.did}")
    print(f"Keys in {ring.folder} (published at /.well-known/did.json):")
    for key in ring.keys:
        signing = "  (signs)" if key is ring.current else ""
        print(f"  {ring.verification_method(key)}  {key.multibase}{signing}")
