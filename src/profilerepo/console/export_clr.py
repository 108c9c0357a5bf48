"""profilerepo-export-clr: every student of a school as a signed CLR 2.0 file
(``<student id>.json`` in the folder --out names), with progress; the database is only read."""
from __future__ import annotations

from profilerepo.console import application, fail, parser
from profilerepo.console.progress import Progress
from profilerepo.content.portfolio import human_size
from profilerepo.credentials import get_issuer
from profilerepo.database import database, site_connection
from profilerepo.portability.clr_batch import export_school, school_size

SHOWN = 20  # students listed of those that could not be exported


def main(argv: list[str] | None = None) -> None:
    p = parser("Write each student of a school as a signed CLR 2.0 credential "
               "(courses, grades, assessments, attendance, badges).")
    p.add_argument("--school", required=True, help="the school's id (as in its address)")
    p.add_argument("--out", required=True, help="the folder to write the files into "
                   "(made if missing; files of the same students are replaced)")
    args = p.parse_args(argv)
    with application(args.config) as registry, site_connection(
            database(registry), registry, commit=False) as opened:
        site = opened.site
        schools = site["schools"]
        if args.school not in schools:
            known = ", ".join(f"{name} ({school.title})" for name, school in schools.items())
            fail(f"there is no school with id {args.school!r}; the schools are: "
                 f"{known or 'none yet'}")
        if not registry.settings.get("profilerepo.signing_keys"):
            fail(f"{args.config} does not name the folder of the district's signing keys "
                 "(profilerepo.signing_keys): files signed with a key made for this run "
                 "alone could not be checked against the district's published key")
        total = school_size(site, args.school)
        title = schools[args.school].title
        print(f"Exporting {total} students of {title} to {args.out} ...")
        bar = Progress(total, "students")
        try:
            summary = export_school(site, get_issuer(registry), args.school, args.out,
                                    progress=bar.advance, connection=site._p_jar)
        except OSError as error:
            fail(f"could not write to {args.out}: {error.strerror or error}")
    print(f"Wrote {summary.written} CLR files ({human_size(summary.size)}) to {args.out} "
          f"in {summary.seconds:,.1f} s, {summary.rate:,.1f} a second.")
    if summary.failed:
        print(f"{len(summary.failed)} students could not be exported:")
        for student_id, why in summary.failed[:SHOWN]:
            print(f"  {student_id}: {why}")
        if len(summary.failed) > SHOWN:
            print(f"  ... and {len(summary.failed) - SHOWN} more")
        raise SystemExit(1)
