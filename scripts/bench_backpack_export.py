"""Backpack export figures for scripts/bench (issue 17), on the district bench.py loaded.

- backpack_export_p95_ms: one student's whole backpack for a new school (every document,
  its files, the signed CLR and the signed manifest) written to memory; the student with
  the fullest record among the first few hundred, given a full record of several years
  (bench_records: not committed), exported 40 times, p95.
- backpack_size_kb: the size of that backpack.
- backpack_export_parts_ms: the median of each part of one export (selecting, the
  documents and files, the CLR, the manifest's signature), to see where the time goes.
"""
from __future__ import annotations

import io
import statistics
import time

import transaction
from bench_records import full_record

from profilerepo.app import ROOT_KEY, database
from profilerepo.credentials import get_issuer
from profilerepo.portability import export as backpack_export
from profilerepo.portability.selection import select, walk

SAMPLES = 40
CANDIDATES = 300


def fullest_student(site, candidates: int = CANDIDATES):
    """The student with the most documents and folders among the first ``candidates``."""
    best, most = None, -1
    for number, student in enumerate(site["students"].values()):
        if number >= candidates:
            break
        size = sum(1 for _ in walk(student))
        if size > most:
            best, most = student, size
    return best


def _timed(function):
    """``function`` wrapped to add the milliseconds of each call to ``function.spent``."""
    spent: list[float] = []

    def timed(*args, **kw):
        started = time.perf_counter()
        try:
            return function(*args, **kw)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    timed.spent = spent
    return timed


def backpack_figures(wsgi, percentile, samples: int = SAMPLES) -> dict:
    db = database(wsgi.registry)
    issuer = get_issuer(wsgi.registry)
    conn = db.open()
    site = conn.root()[ROOT_KEY]
    student = fullest_student(site)
    full_record(site, issuer, student)
    times, size = [], 0
    clr, sign = _timed(backpack_export._clr), _timed(issuer.sign)
    saved = backpack_export._clr, issuer.sign
    backpack_export._clr, issuer.sign = clr, sign
    try:
        for _ in range(samples):
            out = io.BytesIO()
            started = time.perf_counter()
            backpack_export.export_backpack(student, issuer, out, audience="school")
            times.append((time.perf_counter() - started) * 1000)
            size = len(out.getvalue())
        chosen = _timed(select)
        for _ in range(5):
            chosen(student, "school")
    finally:
        backpack_export._clr, issuer.sign = saved
    documents = len(select(student, "school").documents)
    transaction.abort()
    conn.close()
    # (the manifest's signature is the last of the two signings of each export)
    manifest = sign.spent[1::2] if len(sign.spent) == 2 * samples else sign.spent
    return {
        "backpack_export_p95_ms": round(percentile(times, 95), 1),
        "backpack_size_kb": round(size / 1024, 1),
        "backpack_documents": documents,
        "backpack_export_parts_ms": {
            "whole_median": round(statistics.median(times), 1),
            "select": round(statistics.median(chosen.spent), 1),
            "clr_signed": round(statistics.median(clr.spent), 1),
            "manifest_signature": round(statistics.median(manifest), 1),
        },
    }
