"""ProfileRepo's benchmark: the figures the issues set targets for.

Builds a synthetic district in a temporary FileStorage through the
application's own API, then measures pages through the WSGI app in process.
Run it as ``scripts/bench --students N --json FILE``.
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import transaction
import webtest
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB import DB
from ZODB.blob import Blob
from ZODB.FileStorage import FileStorage

from profilerepo import main as make_wsgi_app
from profilerepo.app import ROOT_KEY, database
from profilerepo.content.narratives import Narratives
from profilerepo.content.portfolio import Portfolio
from profilerepo.content.profile import Profile
from profilerepo.content.student import Student
from profilerepo.content.transcript import Transcript
from profilerepo.demo.loader import (
    DEMO_PASSWORD,
    LOADER,
    DistrictLoader,
    add_documents,
    identity_values,
    plan_values,
    profile_values,
    transcript_values,
)
from profilerepo.demo.synthetic import District
from profilerepo.plans.plan import Plan
from profilerepo.security.local_roles import student_ids
from profilerepo.workflow import project_engine

BATCH = 100
TODAY = datetime.date(2026, 11, 22)
TARGETS = {
    "create_ratio": ("application / raw ZODB creation rate", ">=", 0.5),
    "student_page_p95_ms": ("student page p95 (ms)", "<=", 25),
    "dashboard_p95_ms": ("each dashboard p95 (ms)", "<=", 50),
    "peak_rss_mb": ("peak RSS (MB)", "<=", 400),
    "transitions_per_s": ("workflow transitions per second", ">=", 300),
    "open_cycle_s": ("opening a plan review cycle over every student (s)", "<=", 60),
    "index_ratio": ("our indexing / raw whoosh indexing", ">=", 0.7),
    "search_p95_ms": ("search page p95 per role (ms)", "<=", 50),
    "search_p95_under_writes_ms": ("search p95 while 20 saves/s (ms)", "<=", 100),
    "index_lag_p95_s": ("commit to searchable p95 (s)", "<=", 1),
    "save_conflict_rate": ("saves retried for a conflict, 4 threads", "<=", 0.01),
    "counselor_dashboard_300_p95_ms": ("counselor home, 300-student caseload (ms)", "<=", 100),
    "draft_reports_1000_s": ("drafting 1,000 progress reports (s)", "<=", 30),
    "soak_segments_max": ("most index segments, 2,000 saves + 6 searching", "<=", 30),
    "soak_open_files_max": ("most open files, 2,000 saves + 6 searching", "<=", 300),
    "soak_search_p95_ms": ("search p95 during the soak (ms)", "<=", 100),
    "same_object_500_rate": ("share of 500s, 8 saves of one goal at once", "<=", 0),
    "student_page_logged_ratio": ("student page p95, logged / not logged", "<=", 1.15),
    "access_log_conflict_rate": ("retries per view, 4 staff viewing one student", "<=", 0),
    "access_log_page_p95_ms": ("family's access-log page, 5,000 entries (ms)", "<=", 50),
    "visible_after_revoke": ("grantee's documents found after 100 revokes", "<=", 0),
    "backpack_export_p95_ms": ("one student's full backpack export p95 (ms)", "<=", 300),
    "clr_export_1000_s": ("1,000 students' signed CLR 2.0 files (s)", "<=", 60),
    "backpack_import_p95_ms": ("one full backpack verified and imported p95 (ms)", "<=", 500),
}


def bench_app(db_path: Path, cache: str = "&connection_cache_size=20000", **settings):
    """The application on the FileStorage in ``db_path`` (by default with the object
    cache of development.ini)."""
    return make_wsgi_app({}, **{
        "zodbconn.uri": f"file://{db_path}/Data.fs?blobstorage_dir={db_path}/blobs{cache}",
        "profilerepo.secret": "bench",
        "profilerepo.search_index": str(db_path / "search"),
        "profilerepo.indexer": "off",  # the search figures run it when they mean to
        **settings,
    })


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def batches(district: District, size: int):
    """Student specs in lists of ``size`` (generated before the timed part of each batch)."""
    batch = []
    for spec in district.students():
        batch.append(spec)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ApplicationWriter:
    """Creates students through the application's loader (the content API)."""

    def __init__(self, db, district: District) -> None:
        self.manager = transaction.TransactionManager()
        self.conn = db.open(self.manager)
        self.loader = DistrictLoader(self.conn.root()[ROOT_KEY], district)
        self.loader.load_schools_and_staff()
        self.manager.commit()

    def write(self, batch: list) -> None:
        for spec in batch:
            self.loader.add_student(spec)
        self.manager.commit()
        self.conn.cacheGC()

    def close(self) -> None:
        self.conn.close()


def same_objects(spec, names: dict[str, str], engine, today) -> Student:
    """The student's folder and documents, built from the same classes and values as the
    application builds them, but not through it: no users, roles or school roster."""
    when = datetime.datetime.combine(spec.entry_date, datetime.time(12), tzinfo=datetime.UTC)
    student = Student(identity_values(spec), LOADER, when)
    student.add("transcript", Transcript(transcript_values(spec.transcript), LOADER, when))
    student.add("profile", Profile(profile_values(spec.profile), LOADER, when))
    student.add("plan", Plan(plan_values(spec, names), LOADER, when))
    student.add("narratives", Narratives())
    student.add("portfolio", Portfolio())
    for section in ("profile", "plan"):
        engine.start(student[section])  # as new_student does (no index: no site here)
    add_documents(student, spec, engine, today)
    return student


class RawWriter:
    """Writes the same objects straight into an OOBTree with plain ZODB."""

    def __init__(self, db, district: District) -> None:
        self.manager = transaction.TransactionManager()
        self.conn = db.open(self.manager)
        self.students = self.conn.root()["students"] = OOBTree()
        self.names = {p.login: f"{p.given_name} {p.family_name}"
                      for p in (*district.staff, *district.contributors)}
        self.engine, self.today = project_engine(), district.today
        self.manager.commit()

    def write(self, batch: list) -> None:
        for spec in batch:
            self.students[spec.id] = same_objects(spec, self.names, self.engine, self.today)
        self.manager.commit()
        self.conn.cacheGC()

    def close(self) -> None:
        self.conn.close()


class BareRecord(Persistent):
    """A bare persistent object carrying the same values (for context only)."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def _bare_student(spec) -> BareRecord:
    def record(obj) -> BareRecord:
        return BareRecord(**{k: getattr(obj, k) for k in obj.__dataclass_fields__})

    folder = BareRecord(
        identity=identity_values(spec), transcript=record(spec.transcript),
        profile=record(spec.profile),
        plan=BareRecord(plan=spec.plan.period_start, supports=spec.plan.supports,
                        goals=OOBTree({f"goal-{i}": record(g)
                                       for i, g in enumerate(spec.plan.goals)})),
        narratives=OOBTree({f"n-{i}": record(n) for i, n in enumerate(spec.narratives)}),
        portfolio=OOBTree(),
    )
    for i, item in enumerate(spec.portfolio):
        blob = Blob()
        with blob.open("w") as out:
            out.write(item.data)
        folder.portfolio[f"item-{i}"] = BareRecord(title=item.title, file=blob)
    return folder


class BareWriter(RawWriter):
    """The same data as bare records without our classes' bookkeeping (for context)."""

    def write(self, batch: list) -> None:
        for spec in batch:
            self.students[spec.id] = _bare_student(spec)
        self.manager.commit()
        self.conn.cacheGC()


def creation_rates(dbs: dict, district: District, progress) -> dict[str, float]:
    """Students per second for each writer: the application, plain ZODB writes of the
    same objects, and bare records of the same data.

    The writers take turns batch by batch, so all see the same disk and machine
    conditions; only the writing and committing of each batch is timed.
    """
    writers = {"app": ApplicationWriter(dbs["app"], district),
               "raw": RawWriter(dbs["raw"], district),
               "bare": BareWriter(dbs["bare"], district)}
    elapsed = dict.fromkeys(writers, 0.0)
    done = 0
    for batch in batches(district, BATCH):
        for name, writer in writers.items():
            started = time.perf_counter()
            writer.write(batch)
            elapsed[name] += time.perf_counter() - started
        done += len(batch)
        progress(done)
    for writer in writers.values():
        writer.close()
    return {name: done / seconds for name, seconds in elapsed.items()}


def timed_gets(app: webtest.TestApp, urls: list[str]) -> list[float]:
    samples = []
    for url in urls:
        started = time.perf_counter()
        response = app.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_int == 200, (url, response.status)
    return samples


def logged_in(wsgi, login: str) -> webtest.TestApp:
    app = webtest.TestApp(wsgi)
    page = app.get("/login")
    form = page.forms[0]
    form["login"], form["password"] = login, DEMO_PASSWORD
    assert form.submit().status_int == 303, f"cannot log in as {login}"
    return app


def users_by_role(db, district: District, per_role: int, rng: random.Random) -> dict:
    """A few logins per dashboard kind, taken from the loaded district."""
    conn = db.open()
    site = conn.root()[ROOT_KEY]
    staff, principals = district.staff, site["principals"]
    chosen = {
        "administrator": [s.login for s in staff if s.role == "administrator" and s.school_id],
        "district administrator": [s.login for s in staff
                                   if s.role == "administrator" and s.school_id is None],
        "counselor": [s.login for s in staff if s.role == "counselor"],
        "teacher": [s.login for s in staff if s.role == "teacher"
                    and student_ids(site, s.login, "teacher")],
        "contributor": [c.login for c in district.contributors
                        if getattr(principals.get_user(c.login), "granted", ())],
    }
    guardians, students = [], []
    for index in rng.sample(range(len(district)), min(200, len(district))):
        spec = district.student(index)
        guardians.append(spec.guardians[0].login)
        if spec.login:
            students.append(spec.login)
    chosen["guardian"], chosen["student"] = guardians, students
    conn.close()
    return {role: rng.sample(logins, min(per_role, len(logins)))
            for role, logins in chosen.items() if logins}


# what counselors ask of their caseload table: at risk, a grade sorted by review date,
# a name, the second page
CASELOAD_QUERIES = ("risk=1", "grade=7&sort=review", "q=an", "page=2")


def measure_pages(db_path: Path, district: District, requests: int, rng: random.Random) -> dict:
    # (views not logged: student_page_p95_ms is the baseline the "accesslog" phase's
    # student_page_logged_p95_ms is held to)
    wsgi = bench_app(db_path, **{"profilerepo.login_attempts": "1000",
                                 "profilerepo.access_log": "off"})
    db = database(wsgi.registry)
    figures: dict = {}
    admin = next(s.login for s in district.staff
                 if s.role == "administrator" and s.school_id is None)
    app = logged_in(wsgi, admin)
    ids = [district.student(rng.randrange(len(district))).id
           for _ in range(requests)]
    timed_gets(app, [f"/students/{sid}/" for sid in ids[:50]])  # warm the caches
    samples = timed_gets(app, [f"/students/{sid}/" for sid in ids])
    figures["student_page_p50_ms"] = round(statistics.median(samples), 2)
    figures["student_page_p95_ms"] = round(percentile(samples, 95), 2)
    dashboards = {}
    for role, logins in users_by_role(db, district, 5, rng).items():
        samples = []
        for login in logins:
            user_app = logged_in(wsgi, login)
            user_app.get("/")  # first view warms this user's objects
            samples += timed_gets(user_app, ["/"] * max(1, requests // (5 * len(logins))))
        dashboards[role] = round(percentile(samples, 95), 2)
        if role == "counselor":  # the caseload table filtered, sorted and paged
            samples = []
            for login in logins:
                user_app = logged_in(wsgi, login)
                samples += timed_gets(user_app, [f"/?{query}" for query in CASELOAD_QUERIES]
                                      * max(1, requests // (5 * len(logins) * 4)))
            dashboards["counselor_filtered"] = round(percentile(samples, 95), 2)
    figures["dashboard_p95_ms"] = dashboards
    db.close()
    return figures


def forward(engine, narrative):
    """The transition that sends a narrative on its way from where it is (its author
    submits it, a counselor approves and shares it); where nothing leads on, its author
    takes it back (a shared one is retracted)."""
    moves = engine.workflow_of(narrative).transitions_from(engine.state_of(narrative).name)
    onward = [t for t in moves if t.name not in ("return", "retract")]
    return (onward or moves)[0]


def transition_rate(db_path: Path, district: District, count: int,
                    rng: random.Random) -> float:
    """Workflow transitions per second on the loaded district, each in its own transaction
    as a user makes them: load the document, check and take the transition, commit."""
    wsgi = bench_app(db_path)
    db, engine = database(wsgi.registry), wsgi.registry.workflows
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    students = conn.root()[ROOT_KEY]["students"]
    picks = []
    while len(picks) < count:
        spec = district.student(rng.randrange(len(district)))
        for name in students[spec.id]["narratives"].keys():
            picks.append((spec.id, name, spec.counselor_login))
    started = time.perf_counter()
    for student_id, name, counselor in picks[:count]:
        narrative = students[student_id]["narratives"][name]
        move = forward(engine, narrative)
        if "counselor" in move.roles:
            engine.perform(narrative, move.name, actor=counselor, roles={"counselor"})
        else:
            engine.perform(narrative, move.name, actor=narrative.creator, roles={"author"})
        manager.commit()
    elapsed = time.perf_counter() - started
    conn.close()
    db.close()
    return count / elapsed


def cycle_opening(db_path: Path, district: District) -> dict:
    """Open an annual plan review over the whole district as the cycle job does (batches
    of 200 students, one commit each), timed from recording the cycle to the last
    batch; then a marking period's progress reports for the same plans."""
    from profilerepo.content import cycles
    from profilerepo.jobs import BATCH as CYCLE_BATCH

    wsgi = bench_app(db_path)
    db, engine = database(wsgi.registry), wsgi.registry.workflows
    admin = next(s.login for s in district.staff
                 if s.role == "administrator" and s.school_id is None)
    figures = {}
    for key, kind, period in (("open_cycle_s", cycles.PLAN_REVIEW, ""),
                              ("open_report_cycle_s", cycles.PROGRESS_REPORTS,
                               "Marking period 2")):
        show = progress_printer(f"opening {kind}", len(district))
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        started = time.perf_counter()
        cycle = cycles.start_cycle(conn.root()[ROOT_KEY], kind, "", TODAY, by=admin,
                                   period=period)
        name = cycle.__name__
        manager.commit()
        conn.close()
        cycles.run_opening(db, engine, ROOT_KEY, name, CYCLE_BATCH,
                           on_batch=lambda done, total, show=show: show(done))
        figures[key] = round(time.perf_counter() - started, 2)
        conn = db.open(manager)
        cycle = conn.root()[ROOT_KEY]["cycles"][name]
        figures[f"{key[:-1]}items"] = len(cycle.items)
        conn.close()
    db.close()
    return figures


def search(db_path: Path, district: District, requests: int, rng: random.Random) -> dict:
    from bench_search import SEARCH_ROLES, search_figures

    wsgi = bench_app(db_path, **{"profilerepo.login_attempts": "1000"})
    db = database(wsgi.registry)
    logins = users_by_role(db, district, 5, rng)
    apps = {role: [logged_in(wsgi, login) for login in logins[role]]
            for role in SEARCH_ROLES if role in logins}
    picked = rng.sample(range(len(district)), min(400, len(district)))
    figures = search_figures(wsgi, db_path, apps, [district.student(i).id for i in picked],
                             rng, max(20, requests // 5))
    db.close()
    return figures


def goals(db_path: Path, district: District, requests: int) -> dict:
    from bench_goals import goal_figures

    wsgi = bench_app(db_path, **{"profilerepo.login_attempts": "1000"})
    admin = next(s.login for s in district.staff
                 if s.role == "administrator" and s.school_id is None)
    figures = goal_figures(wsgi, logged_in, timed_gets, percentile, admin=admin, due=TODAY,
                           requests=requests)
    database(wsgi.registry).close()
    return figures


def accesslog(db_path: Path, district: District, requests: int, rng: random.Random) -> dict:
    from bench_accesslog import accesslog_figures

    wsgi = bench_app(db_path, **{"profilerepo.login_attempts": "1000"})
    figures = accesslog_figures(wsgi, district, requests, rng, logged_in=logged_in,
                                timed_gets=timed_gets, percentile=percentile, today=TODAY)
    wsgi.registry.access_log.close()
    database(wsgi.registry).close()
    return figures


def grants(db_path: Path, district: District, rng: random.Random) -> dict:
    from bench_grants import REVOKES, grant_figures

    wsgi = bench_app(db_path, **{"profilerepo.login_attempts": "1000"})
    picked = rng.sample(range(len(district)), min(REVOKES, len(district)))
    figures = grant_figures(wsgi, logged_in, DEMO_PASSWORD,
                            [district.student(i).id for i in picked])
    database(wsgi.registry).close()
    return figures


def signed_phase(db_path: Path, figures_of) -> dict:
    """A phase that signs (backpacks, CLRs): the application with a key folder of its own."""
    wsgi = bench_app(db_path, **{"profilerepo.signing_keys": str(db_path / "keys")})
    figures = figures_of(wsgi, percentile)
    database(wsgi.registry).close()
    return figures


def backpack(db_path: Path) -> dict:
    from bench_backpack_export import backpack_figures

    return signed_phase(db_path, backpack_figures)


def backpack_import(db_path: Path) -> dict:
    from bench_backpack_import import backpack_import_figures

    return signed_phase(db_path, backpack_import_figures)


def clr(db_path: Path) -> dict:
    from bench_clr import clr_figures

    return signed_phase(db_path, clr_figures)


def soak(db_path: Path, district: District, rng: random.Random, saves: int) -> dict:
    from bench_soak import PACED_SAVES, READING_PAUSE, SEARCHERS, same_object
    from bench_soak import soak as soak_figures

    wsgi = bench_app(db_path, **{"profilerepo.login_attempts": "1000"})
    db = database(wsgi.registry)
    logins = users_by_role(db, district, SEARCHERS, rng)
    teacher = logins["teacher"][0]
    conn = db.open()
    student_id = student_ids(conn.root()[ROOT_KEY], teacher, "teacher")[0]
    conn.close()
    mix = [login for role in ("counselor", "teacher", "administrator", "guardian")
           for login in logins.get(role, [])]
    searchers = [logged_in(wsgi, mix[n % len(mix)]) for n in range(SEARCHERS)]
    writer = logged_in(wsgi, teacher)
    figures = soak_figures(wsgi, percentile, writer, student_id, searchers, saves)
    paced = soak_figures(wsgi, percentile, writer, student_id, searchers,
                         min(saves, PACED_SAVES), pause=READING_PAUSE)
    figures["soak_search_p95_paced_ms"] = paced["soak_search_p95_ms"]
    figures["soak_failed_requests"] += paced["soak_failed_requests"]
    figures.update(same_object(wsgi, logged_in))
    db.close()
    return figures


def progress_printer(label: str, total: int):
    started = time.monotonic()

    def show(done: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        left = (total - done) / rate if rate else 0
        end = "\n" if done >= total else "\r"
        print(f"  {label}: {done}/{total} students, {rate:,.0f}/s, {left:,.0f}s left   ",
              end=end, file=sys.stderr, flush=True)

    return show


PHASES = ("pages", "transitions", "cycles", "search", "goals", "accesslog", "grants", "soak",
          "backpack", "clr", "backpack_import")


def run(students: int, seed: int, requests: int, workdir: Path,
        phases: tuple[str, ...] = PHASES, saves: int = 2000) -> dict:
    district = District(students=students, seed=seed, today=TODAY)
    rng = random.Random(seed)
    paths = {name: workdir / name for name in ("app", "raw", "bare")}
    for path in paths.values():
        path.mkdir()
    wsgi = bench_app(paths["app"], cache="")
    dbs = {"app": database(wsgi.registry)}
    for name in ("raw", "bare"):
        dbs[name] = DB(FileStorage(str(paths[name] / "Data.fs"),
                                   blob_dir=str(paths[name] / "blobs")))
    rates = creation_rates(dbs, district, progress_printer("creating", students))
    for db in dbs.values():
        db.close()

    figures = {
        "students": students,
        "create_students_per_s": round(rates["app"], 1),
        "raw_zodb_students_per_s": round(rates["raw"], 1),
        "create_ratio": round(rates["app"] / rates["raw"], 3),
        "bare_records_students_per_s": round(rates["bare"], 1),
    }
    if "pages" in phases:
        print("  measuring pages ...", file=sys.stderr)
        figures.update(measure_pages(paths["app"], district, requests, rng))
    if "transitions" in phases:
        print("  taking workflow transitions ...", file=sys.stderr)
        figures["transitions_per_s"] = round(
            transition_rate(paths["app"], district, min(2000, 20 * len(district)), rng), 1)
    if "cycles" in phases:
        print("  opening review cycles ...", file=sys.stderr)
        figures.update(cycle_opening(paths["app"], district))
    if "search" in phases:
        print("  indexing and searching ...", file=sys.stderr)
        figures.update(search(paths["app"], district, requests, rng))
    if "goals" in phases:
        print("  goals: the counselor's caseload, drafting reports ...", file=sys.stderr)
        figures.update(goals(paths["app"], district, requests))
    if "accesslog" in phases:
        print("  access log: student pages logged and not, 4 staff at once, the family's "
              "page ...", file=sys.stderr)
        figures.update(accesslog(paths["app"], district, requests, rng))
    if "grants" in phases:
        print("  grants: granting one student's record, searching, revoking ...",
              file=sys.stderr)
        figures.update(grants(paths["app"], district, rng))
    if "backpack" in phases:
        print("  backpack: exporting one student's full record ...", file=sys.stderr)
        figures.update(backpack(paths["app"]))
    if "backpack_import" in phases:
        print("  backpack: verifying and importing one student's full record ...",
              file=sys.stderr)
        figures.update(backpack_import(paths["app"]))
    if "clr" in phases:
        print("  clr: signing one full CLR 2.0, exporting 1,000 students' ...", file=sys.stderr)
        figures.update(clr(paths["app"]))
    # (peak RSS before the soak: the soak's figures are its own, and its many sessions
    # and searches are not what the memory target is about)
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if "soak" in phases:
        print("  soak: saving one by one while six search; one goal saved at once ...",
              file=sys.stderr)
        figures.update(soak(paths["app"], district, rng, saves))
        figures["peak_rss_after_soak_mb"] = round(peak_rss_mb(), 1)
    return figures


def verdict(key: str, value) -> str:
    if key not in TARGETS:
        return ""
    _, op, target = TARGETS[key]
    values = value.values() if isinstance(value, dict) else [value]
    ok = all((v >= target) if op == ">=" else (v <= target) for v in values)
    return f"target {op} {target}: {'met' if ok else 'MISSED'}"


def print_table(figures: dict) -> None:
    print(f"\n{'figure':<32} {'value':>12}  target")
    print("-" * 72)
    for key, value in figures.items():
        if isinstance(value, dict):
            print(f"{key:<32} {'':>12}  {verdict(key, value)}")
            for sub, v in value.items():
                print(f"  {sub:<30} {v:>12}")
        else:
            print(f"{key:<32} {value:>12}  {verdict(key, value)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=500,
                        help="page requests per measured page kind")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", nargs="+", choices=PHASES, default=PHASES,
                        help="measure only these (the district is built in any case)")
    parser.add_argument("--saves", type=int, default=2000, help="saves in the soak")
    parser.add_argument("--workdir", type=Path, help="keep the databases here (default: a "
                        "temporary folder, removed afterwards)")
    args = parser.parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=False)
        figures = run(args.students, args.seed, args.requests, args.workdir,
                      tuple(args.only), args.saves)
    else:
        with tempfile.TemporaryDirectory(prefix="profilerepo-bench-") as tmp:
            figures = run(args.students, args.seed, args.requests, Path(tmp),
                          tuple(args.only), args.saves)
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
