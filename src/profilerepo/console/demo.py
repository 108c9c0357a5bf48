"""profilerepo-demo: load a demo district of N students (with a progress bar)."""
from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from pyramid.paster import get_appsettings
from pyramid.threadlocal import get_current_registry

from profilerepo.accesslog.store import AccessLog
from profilerepo.console import parser, site_from_config
from profilerepo.console.progress import Progress
from profilerepo.demo.badges import add_badges
from profilerepo.demo.family import showcase
from profilerepo.demo.lakeside import came_from_lakeside, lakeside_folder
from profilerepo.demo.loader import (
    DEMO_PASSWORD,
    DistrictLoader,
    demo_logins,
    unfinished_load,
)
from profilerepo.demo.synthetic import District
from profilerepo.demo.transfers import records_requests

BATCH = 100


def load_district(site, manager, students: int, seed: int, *, progress: bool = True,
                  today: datetime.date | None = None,
                  access_log: AccessLog | None = None) -> DistrictLoader:
    """Load a district into ``site``, committing every ``BATCH`` students. A load that
    stopped part-way goes on where it stopped, with the size, seed and day it began with.
    The showcase student's months of views go to ``access_log`` (the application's)."""
    begun = unfinished_load(site)
    if begun is None:
        begun = site.demo_load = (students, seed, today or datetime.date.today())
    students, seed, today = begun
    district = District(students=students, seed=seed, today=today)
    loader = DistrictLoader(site, district)
    loader.load_schools_and_staff()
    manager.commit()
    # Batches hold whole students and commit in index order: the first ``done`` are in.
    done = len(site["students"])
    bar = Progress(students - done, "students") if progress else None
    conn = site._p_jar
    for index in range(done, students):
        loader.add_student(district.student(index))
        if (index + 1) % BATCH == 0:
            manager.commit()
            conn.cacheGC()
        if bar:
            bar.advance()
    chosen = showcase(site, loader.engine, today, password_hash=loader.password_hash,
                      access_log=access_log)  # (the family's half)
    add_badges(site, loader.engine, today, chosen, get_current_registry())  # (demo.badges)
    records_requests(site, today, chosen, access_log)  # (demo.transfers: another district)
    registry = get_current_registry()  # (the application's, when loaded through its .ini)
    lakeside = lakeside_folder(registry.settings or {})
    issuer = getattr(registry, "credential_issuer", None)
    if lakeside is not None and issuer is not None:  # (a student who came from Lakeside)
        came_from_lakeside(site, issuer, lakeside, today)
    site.demo_logins = tuple(demo_logins(site, district, chosen))
    site.demo_load = None
    manager.commit()
    return loader


def print_logins(site) -> None:
    begun = unfinished_load(site)
    if begun is not None:
        print(f"The demo load stopped after {len(site['students'])} of {begun[0]} students; "
              "run profilerepo-demo again (without --show-logins) to finish it.")
        return
    logins = getattr(site, "demo_logins", ())
    if not logins:
        print("No demo logins in this database.")
        return
    print(f"Demo logins (password for each: {DEMO_PASSWORD}):")
    # (columns as wide as their longest entry: "guardian of a 17-year-old", a guide's login)
    roles, names = (max(len(row[i]) for row in logins) for i in (0, 1))
    for role, login, name in logins:
        print(f"  {role:<{roles}} {login:<{names}} {name}")


def make_database_folders(config_uri: str) -> None:
    """Create the folders the .ini's database lives in (its FileStorage file, its blobs),
    so a demo can start in a new folder: ZODB creates files there, not folders."""
    uri = get_appsettings(config_uri)["zodbconn.uri"]
    parts = urlsplit(uri)
    places = [unquote(parts.path)] if parts.scheme == "file" else []
    for option in ("blobstorage_dir", "blob_dir"):  # (FileStorage's, RelStorage's)
        places += parse_qs(parts.query).get(option, [])
    for place in places:
        Path(place).parent.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> None:
    p = parser("Load a demo district of synthetic students (for trying ProfileRepo out).")
    p.add_argument("--students", type=int, default=300, help="how many students (default 300)")
    p.add_argument("--seed", type=int, default=2026, help="the random seed (default 2026)")
    p.add_argument("--show-logins", action="store_true",
                   help="only print the demo logins of an existing demo database")
    p.add_argument("--finish", action="store_true",
                   help="finish a load that stopped part-way, if there is one, then print "
                   "the demo logins (what scripts/serve does on every start after the first)")
    args = p.parse_args(argv)
    make_database_folders(args.config)
    with site_from_config(args.config) as (site, manager):
        begun = unfinished_load(site)
        if args.finish and begun is not None:
            load_or_finish(site, manager, begun[0], begun[1])
        elif not (args.show_logins or args.finish):
            load_or_finish(site, manager, args.students, args.seed)
        print_logins(site)


def load_or_finish(site, manager, students: int, seed: int) -> None:
    """Load the district asked for into an empty database, finish one that stopped
    part-way, or say why nothing is loaded."""
    begun = unfinished_load(site)
    if begun is not None:
        print(f"Going on with the demo load of {begun[0]} students (seed {begun[1]}) that "
              f"stopped after {len(site['students'])}.")
        if begun[:2] != (students, seed):
            print("It keeps the size and seed it began with; to load another district, "
                  "start from an empty database.")
        students = begun[0]
    elif len(site["students"]):
        print(f"The database already holds {len(site['students'])} students; "
              "not loading a demo district into it.")
        return
    elif students < 1:
        raise SystemExit("error: --students must be at least 1")
    # (the script's application is current: its access log is the server's file)
    load_district(site, manager, students, seed,
                  access_log=getattr(get_current_registry(), "access_log", None))
    print(f"Loaded a demo district of {students} students.")
