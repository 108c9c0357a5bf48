"""CLR 2.0 figures for scripts/bench (issue 17, point 7), on the district bench.py loaded.

- clr_sign_p95_ms: ``signed_clr`` of one student given 40 courses, 10 assessments,
  attendance, programs and 5 badges awarded by the district (in a transaction that is
  aborted after: the district is left as it was), 40 times; clr_sign_p50_ms beside it.
- clr_export_1000_s: the school batch (what profilerepo-export-clr runs) writing 1,000
  students' signed CLR files. No school of the 10,000-student district has 1,000 students
  (high schools have about 770), so it runs the largest school and goes on into the next
  largest until 1,000 are written; high-school records are the fullest (most courses).
  clr_export_students_per_s and clr_export_kb_per_student beside it (with a district of
  fewer than 1,000 students, the time is scaled to 1,000 from those it has).
"""
from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime

import transaction
from bench_records import full_record

from profilerepo.app import ROOT_KEY, database
from profilerepo.credentials import get_issuer
from profilerepo.portability.clr import signed_clr
from profilerepo.portability.clr_batch import export_school

SAMPLES = 40
STUDENTS = 1000
WHEN = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _largest_first(site) -> list:
    return sorted(site["schools"].values(),
                  key=lambda school: -sum(count for _, count in school.grade_counts()))


def _sign_times(db, issuer, percentile) -> dict:
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    try:
        site = conn.root()[ROOT_KEY]
        school = _largest_first(site)[0]
        student = site["students"][school.student_ids(count=1)[0]]
        full_record(site, issuer, student)
        signed_clr(student, issuer)  # (contexts read and processed once)
        times = []
        for _ in range(SAMPLES):
            started = time.perf_counter()
            signed_clr(student, issuer)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        manager.abort()  # (the district is left as it was)
        conn.close()
    return {"clr_sign_p95_ms": round(percentile(times, 95), 1),
            "clr_sign_p50_ms": round(statistics.median(times), 1)}


def _export_times(db, issuer) -> dict:
    conn = db.open()
    try:
        site = conn.root()[ROOT_KEY]
        by_size = _largest_first(site)
        written = size = 0
        with tempfile.TemporaryDirectory(prefix="profilerepo-bench-clr-") as out:
            started = time.perf_counter()
            for school in by_size:
                if written >= STUDENTS:
                    break
                summary = export_school(site, issuer, school.__name__, out,
                                        connection=conn, limit=STUDENTS - written)
                written += summary.written
                size += summary.size
            seconds = time.perf_counter() - started
    finally:
        transaction.abort()
        conn.close()
    return {"clr_export_1000_s": round(seconds * STUDENTS / max(written, 1), 1),
            "clr_export_students": written,
            "clr_export_students_per_s": round(written / seconds, 1),
            "clr_export_kb_per_student": round(size / 1024 / max(written, 1), 1)}


def clr_figures(wsgi, percentile) -> dict:
    db = database(wsgi.registry)
    issuer = get_issuer(wsgi.registry)
    figures = _sign_times(db, issuer, percentile)
    figures.update(_export_times(db, issuer))
    return figures
