"""Goal and progress-report figures for scripts/bench (issue 5), on the district bench.py
loaded.

- counselor_dashboard_300_p95_ms: the home page of a counselor whose caseload is made
  300 students (the demo's largest caseload, topped up with students of the same
  schools), each row with its goals' statuses worked out from their data.
- draft_reports_1000_s: a marking period's progress reports drafted from the goals' data
  for 1,000 plans, by the same batches the cycle job runs (the district's largest
  school, topped up from the next largest: no school of the demo district has 1,000).
"""
from __future__ import annotations

import time
from collections import Counter

import transaction

from profilerepo.app import ROOT_KEY, database
from profilerepo.content import cycles
from profilerepo.security.local_roles import grant, student_ids

CASELOAD = 300
PLANS = 1000


def counselor_with_caseload(db, size: int) -> tuple[str, int]:
    """The login of the counselor with the most students, given ``size`` of them, and how
    many they now have."""
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    site = conn.root()[ROOT_KEY]
    users = site["principals"].users
    login = max((u for u in users.values() if u.assignments.get("counselor")),
                key=lambda u: len(u.assignments["counselor"])).login
    mine = set(student_ids(site, login, "counselor"))
    schools = {site["students"][sid].school for sid in mine}
    for sid, student in site["students"].items():
        if len(mine) >= size:
            break
        if sid not in mine and student.school in schools:
            grant(site, student, login, "counselor")
            mine.add(sid)
    manager.commit()
    conn.close()
    return login, len(mine)


def plans_of_largest_schools(site, count: int) -> list[str]:
    sizes = Counter(student.school for student in site["students"].values())
    ids = []
    for school, _ in sizes.most_common():
        ids += site["schools"][school].student_ids()
        if len(ids) >= count:
            break
    return ids[:count]


def draft_reports(db, engine, by: str, due) -> tuple[float, int]:
    """Seconds to draft ``PLANS`` progress reports (and how many were made)."""
    from profilerepo.jobs import BATCH

    manager = transaction.TransactionManager()
    conn = db.open(manager)
    site = conn.root()[ROOT_KEY]
    started = time.perf_counter()
    cycle = cycles.start_cycle(site, cycles.PROGRESS_REPORTS, "", due, by=by,
                               period="Bench marking period")
    cycle.to_open.clear()
    ids = plans_of_largest_schools(site, PLANS)
    cycle.to_open.update(ids)
    cycle.total_students = len(ids)
    name = cycle.__name__
    manager.commit()
    conn.close()
    cycles.run_opening(db, engine, ROOT_KEY, name, BATCH)
    seconds = time.perf_counter() - started
    conn = db.open(manager)
    made = len(conn.root()[ROOT_KEY]["cycles"][name].items)
    conn.close()
    return seconds, made


def goal_figures(wsgi, logged_in, timed_gets, percentile, *, admin: str, due,
                 requests: int) -> dict:
    db = database(wsgi.registry)
    login, caseload = counselor_with_caseload(db, CASELOAD)
    app = logged_in(wsgi, login)
    app.get("/")  # (the first view warms this user's objects)
    samples = timed_gets(app, ["/"] * max(20, requests))
    seconds, made = draft_reports(db, wsgi.registry.workflows, admin, due)
    return {"counselor_dashboard_300_p95_ms": round(percentile(samples, 95), 2),
            "counselor_caseload": caseload,
            "draft_reports_1000_s": round(seconds, 2), "draft_reports_made": made}
