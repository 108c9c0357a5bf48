"""Access-log figures for scripts/bench (issue 16, point 6), on the district bench.py
loaded.

- student_page_logged_p95_ms: the student page p95 with every view recorded, beside
  student_page_unlogged_p95_ms measured the same way (a district administrator opening
  random students' pages, as ``measure_pages`` does) in the same application with the
  log set aside (what ``profilerepo.access_log = off`` leaves: no log). The two are
  measured in alternating blocks on the same pages, so that the machine's ups and downs
  fall on both; student_page_logged_ratio is logged / unlogged.
- access_log_conflict_rate: retries (pyramid_retry's BeforeRetry events) per view while
  four staff (counselor, teacher, school and district administrator) view one student
  at once; access_log_failed_views counts views not answered 200.
- access_log_page_p95_ms: the family's "Who looked" page for a student whose log holds
  5,000 entries (written through the log's own API), as a guardian opens it;
  access_log_person_page_p95_ms: the same page filtered to one person, second page.
"""
from __future__ import annotations

import datetime
import statistics
import threading

from pyramid_retry import IBeforeRetry

from profilerepo.accesslog import View

BLOCKS = 10
ENTRIES = 5000
ROUNDS = 20  # each of the four staff, over the student's pages
SECTIONS = ("", "profile/", "plan/", "transcript/", "portfolio/")


def _student_pages(wsgi, admin_app, ids, timed_gets, percentile) -> dict:
    registry = wsgi.registry
    store = registry.access_log
    urls = [f"/students/{sid}/" for sid in ids]
    timed_gets(admin_app, urls[:50])  # warm the caches
    size = max(1, len(urls) // BLOCKS)
    samples: dict[bool, list[float]] = {False: [], True: []}
    try:
        for block in range(0, len(urls), size):
            chunk = urls[block:block + size]
            # (turn about which goes first: a page seen once is warmer the second time)
            for logging_on in ((False, True) if block // size % 2 == 0 else (True, False)):
                registry.access_log = store if logging_on else None
                samples[logging_on] += timed_gets(admin_app, chunk)
    finally:
        registry.access_log = store
    unlogged, logged = percentile(samples[False], 95), percentile(samples[True], 95)
    return {"student_page_unlogged_p50_ms": round(statistics.median(samples[False]), 2),
            "student_page_unlogged_p95_ms": round(unlogged, 2),
            "student_page_logged_p50_ms": round(statistics.median(samples[True]), 2),
            "student_page_logged_p95_ms": round(logged, 2),
            "student_page_logged_ratio": round(logged / unlogged, 3)}


def _four_at_once(wsgi, staff_apps, student_id) -> dict:
    retries, statuses = [], []
    ready = threading.Barrier(len(staff_apps))

    def look(app) -> None:
        ready.wait(timeout=60)
        for _ in range(ROUNDS):
            for section in SECTIONS:
                statuses.append(app.get(f"/students/{student_id}/{section}",
                                        status="*").status_int)

    def note(event) -> None:
        retries.append(event.request.path)

    registry = wsgi.registry
    registry.registerHandler(note, (IBeforeRetry,))
    try:
        threads = [threading.Thread(target=look, args=(app,)) for app in staff_apps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        registry.unregisterHandler(note, (IBeforeRetry,))
    return {"access_log_conflict_rate": round(len(retries) / max(1, len(statuses)), 4),
            "access_log_failed_views": sum(1 for s in statuses if s != 200),
            "access_log_concurrent_views": len(statuses)}


def _family_page(wsgi, guardian_app, spec, staff, requests, timed_gets, percentile) -> dict:
    start = datetime.datetime(2026, 1, 5, 8, tzinfo=datetime.UTC)
    wsgi.registry.access_log.record_many(
        View(at=start + datetime.timedelta(minutes=67 * n), student_id=spec.id,
             student_name=f"{spec.given_name} {spec.family_name}", school_id=spec.school_id,
             login=staff[n % len(staff)][0], name=staff[n % len(staff)][1],
             capacity=staff[n % len(staff)][2], path=f"students/{spec.id}/plan",
             kind="Success plan", title="Success plan") for n in range(ENTRIES))
    url = f"/students/{spec.id}/access-log"
    count = max(20, min(requests, 300))
    timed_gets(guardian_app, [url] * 5)  # (the first compiles the templates)
    page = percentile(timed_gets(guardian_app, [url] * count), 95)
    person = f"{url}?person={staff[0][0]}&page=2"
    filtered = percentile(timed_gets(guardian_app, [person] * count), 95)
    return {"access_log_page_p95_ms": round(page, 2),
            "access_log_person_page_p95_ms": round(filtered, 2)}


def accesslog_figures(wsgi, district, requests: int, rng, *, logged_in, timed_gets,
                      percentile, today: datetime.date) -> dict:
    admins = [s for s in district.staff if s.role == "administrator"]
    district_admin = next(s.login for s in admins if s.school_id is None)
    ids = [district.student(rng.randrange(len(district))).id for _ in range(requests)]
    figures = _student_pages(wsgi, logged_in(wsgi, district_admin), ids, timed_gets,
                             percentile)
    # a student under 17 (their guardians hold the rights) with a school administrator
    spec = next(s for s in (district.student(i) for i in range(len(district)))
                if s.teacher_logins and s.counselor_login
                and (today - s.birth_date).days < 17 * 365
                and any(a.school_id == s.school_id for a in admins))
    school_admin = next(a.login for a in admins if a.school_id == spec.school_id)
    four = (spec.counselor_login, spec.teacher_logins[0], school_admin, district_admin)
    figures.update(_four_at_once(wsgi, [logged_in(wsgi, login) for login in four], spec.id))
    names = {s.login: f"{s.given_name} {s.family_name}" for s in district.staff}
    staff = [(spec.counselor_login, names[spec.counselor_login], "counselor on the team"),
             *((t, names[t], "teacher on the team") for t in spec.teacher_logins),
             (school_admin, names[school_admin], "school administrator")]
    figures.update(_family_page(wsgi, logged_in(wsgi, spec.guardians[0].login), spec,
                                staff, requests, timed_gets, percentile))
    return figures
