"""profilerepo-import-backpack: verify a student's backpack against the trusted districts'
keys and import it, showing progress; exit 1 with the reason when it is refused.

    profilerepo-import-backpack CONFIG FILE [--school ID] [--student ID] [--yes] [--keys F]
"""
from __future__ import annotations

import sys

from profilerepo.console import application, parser
from profilerepo.console.progress import Progress
from profilerepo.database import database, site_connection
from profilerepo.portability.importing import (
    ImportResult,
    MatchNeedsConfirmation,
    import_backpack,
)
from profilerepo.portability.reading import BackpackRefused, verify_backpack_file

BY = "backpack-import"  # who the documents' import is recorded as (no person logs in)


def main(argv: list[str] | None = None) -> None:
    p = parser("Verify a student's backpack file and import it into this district.")
    p.add_argument("file", help="the backpack (a .zip file from another district)")
    p.add_argument("--school", help="the school id a new student joins")
    p.add_argument("--student", help="the id of the student here this backpack belongs to")
    p.add_argument("--yes", action="store_true",
                   help="import as a new student even when a student here has the same "
                        "name and birth date")
    p.add_argument("--keys", help="a JSON file of trusted districts' DID documents, for "
                                  "checking signatures without fetching their keys")
    args = p.parse_args(argv)
    with application(args.config) as registry, site_connection(
            database(registry), registry, commit=False) as opened:
        from profilerepo.credentials import get_trust

        trust = get_trust(registry)
        if args.keys:
            trust.add_documents_file(args.keys)
        try:
            print(f"Checking {args.file} ...", file=sys.stderr)
            backpack = verify_backpack_file(args.file, trust)
            print(f"Signed by {backpack.issuer_name} ({backpack.issuer_id}): verified, "
                  f"{len(backpack.documents)} documents, {backpack.file_count} files.",
                  file=sys.stderr)
            bar = Progress(len(backpack.documents), "documents")
            try:
                result = import_backpack(opened.site, backpack, BY, student_id=args.student,
                                         school=args.school, confirmed=args.yes,
                                         own_did=getattr(trust.issuer, "did", None),
                                         progress=lambda done, total, what: bar.advance())
            finally:
                backpack.close()
            opened.manager.commit()
        except MatchNeedsConfirmation as asked:
            print(f"not imported: {asked} Run again with --student ID to import into that "
                  "student, or --yes to import as a new student.", file=sys.stderr)
            raise SystemExit(1) from None
        except BackpackRefused as refused:
            print(f"refused: {refused}", file=sys.stderr)
            raise SystemExit(1) from None
        print(summary(result))


def summary(result: ImportResult) -> str:
    """What the import did, in a few lines."""
    lines = [result.summary()]
    lines += [f"  added: {kind}, {title} ({path})" for kind, title, path in result.added]
    lines += [f"  new version: {kind}, {title} ({path})"
              for kind, title, path in result.new_versions]
    return "\n".join(lines)
