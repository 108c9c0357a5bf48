"""profilerepo-demo: load a demo district of N students (with a progress bar)."""
from __future__ import annotations

import datetime

from profilerepo.console import parser, site_from_config
from profilerepo.console.progress import Progress
from profilerepo.demo.loader import DEMO_PASSWORD, DistrictLoader, demo_logins
from profilerepo.demo.synthetic import District

BATCH = 100


def load_district(site, manager, students: int, seed: int, *, progress: bool = True,
                  today: datetime.date | None = None) -> DistrictLoader:
    """Load a district into ``site``, committing every ``BATCH`` students."""
    district = District(students=students, seed=seed, today=today or datetime.date.today())
    loader = DistrictLoader(site, district)
    loader.load_schools_and_staff()
    manager.commit()
    bar = Progress(students, "students") if progress else None
    conn = site._p_jar
    for spec in district.students():
        loader.add_student(spec)
        if (spec.index + 1) % BATCH == 0:
            manager.commit()
            conn.cacheGC()
        if bar:
            bar.advance()
    site.demo_logins = tuple(demo_logins(site, district))
    manager.commit()
    return loader


def print_logins(site) -> None:
    logins = getattr(site, "demo_logins", ())
    if not logins:
        print("No demo logins in this database.")
        return
    print(f"Demo logins (password for each: {DEMO_PASSWORD}):")
    for role, login, name in logins:
        print(f"  {role:<24} {login:<20} {name}")


def main(argv: list[str] | None = None) -> None:
    p = parser("Load a demo district of synthetic students (for trying ProfileRepo out).")
    p.add_argument("--students", type=int, default=300, help="how many students (default 300)")
    p.add_argument("--seed", type=int, default=2026, help="the random seed (default 2026)")
    p.add_argument("--show-logins", action="store_true",
                   help="only print the demo logins of an existing demo database")
    args = p.parse_args(argv)
    with site_from_config(args.config) as (site, manager):
        if not args.show_logins:
            if len(site["students"]):
                print(f"The database already holds {len(site['students'])} students; "
                      "not loading a demo district into it.")
            else:
                if args.students < 1:
                    raise SystemExit("error: --students must be at least 1")
                load_district(site, manager, args.students, args.seed)
                print(f"Loaded a demo district of {args.students} students.")
        print_logins(site)
