"""profilerepo-reindex: rebuild the search index from the database (with a progress bar),
or --check it against the database, or --repair exactly what a check finds."""
from __future__ import annotations

from profilerepo.console import application, parser, search_setup
from profilerepo.console.progress import Progress
from profilerepo.database import database, site_connection
from profilerepo.search.rebuild import check, rebuild, repair

SHOWN = 50  # paths listed per kind of problem


def main(argv: list[str] | None = None) -> None:
    p = parser("Rebuild, check or repair the full-text search index.")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="report documents missing from, extra in or stale in the index "
                           "(exit status 1 if any)")
    mode.add_argument("--repair", action="store_true", help="fix exactly what --check finds")
    args = p.parse_args(argv)
    with application(args.config) as registry, site_connection(
            database(registry), registry, commit=False) as opened:
        site, manager = opened.site, opened.manager
        engine, index = search_setup(args.config, registry)
        bar = Progress(len(site["students"]), "students")
        if not (args.check or args.repair):
            count = rebuild(site, engine, index, progress=bar.advance)
            manager.commit()  # (the queue entries the rebuild covered)
            print(f"Indexed {count} documents.")
            return
        report = check(site, engine, index, progress=bar.advance)
        print(f"Missing from the index: {len(report.missing)}; extra in it: "
              f"{len(report.extra)}; out of date: {len(report.stale)}.")
        for label, paths in (("missing", report.missing), ("extra", report.extra),
                             ("out of date", report.stale)):
            for path in paths[:SHOWN]:
                print(f"  {label}: {path}")
            if len(paths) > SHOWN:
                print(f"  ... and {len(paths) - SHOWN} more {label}")
        if args.repair:
            if not report.clean:
                print(f"Repaired {repair(site, engine, index, report)} entries.")
        elif not report.clean:
            raise SystemExit(1)
