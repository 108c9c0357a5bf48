"""Backpack import figures for scripts/bench (issue 17), on the district bench.py loaded.

- backpack_import_p95_ms: one full-record backpack (the fullest student's, with a full
  record of several years from bench_records, sent by another district this one trusts)
  verified and imported into a fresh student, committed; 25 samples, p95. Between
  samples the sending district's student is forgotten (untimed), so
  each sample makes a new student rather than finding the one made before.
- backpack_import_parts_ms: the median of verifying and of importing (with its commit).
"""
from __future__ import annotations

import io
import statistics
import tempfile
import time

import transaction

from profilerepo.app import ROOT_KEY, database
from profilerepo.credentials import get_issuer, issuer_from_settings
from profilerepo.credentials.trust import TrustedIssuer, TrustedIssuers
from profilerepo.portability.export import export_backpack
from profilerepo.portability.importing import import_backpack
from profilerepo.portability.reading import verify_backpack_file

SAMPLES = 25


def sent_backpack(db, sender) -> tuple[bytes, str]:
    """The fullest student's backpack as ``sender`` signs it, and their school."""
    from bench_backpack_export import fullest_student
    from bench_records import full_record

    conn = db.open()
    site = conn.root()[ROOT_KEY]
    student = fullest_student(site)
    full_record(site, sender, student)  # (not committed)
    out = io.BytesIO()
    export_backpack(student, sender, out, audience="school")
    school = student.school
    transaction.abort()
    conn.close()
    return out.getvalue(), school


def backpack_import_figures(wsgi, percentile, samples: int = SAMPLES) -> dict:
    db = database(wsgi.registry)
    with tempfile.TemporaryDirectory(prefix="bench-sender-keys-") as keys:
        sender = issuer_from_settings({"profilerepo.signing_keys": keys,
                                       "profilerepo.site_url": "https://sending.example",
                                       "profilerepo.district_name": "Sending District"})
        data, school = sent_backpack(db, sender)
        trust = TrustedIssuers([TrustedIssuer(sender.did)], get_issuer(wsgi.registry),
                               documents=[sender.keys.did_document()])
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        site = conn.root()[ROOT_KEY]
        whole, verifying, importing, documents = [], [], [], 0
        try:
            for _ in range(samples):
                started = time.perf_counter()
                backpack = verify_backpack_file(io.BytesIO(data), trust)
                checked = time.perf_counter()
                result = import_backpack(site, backpack, "bench", school=school,
                                         confirmed=True)
                manager.commit()
                done = time.perf_counter()
                backpack.close()
                documents = len(result.added)
                whole.append((done - started) * 1000)
                verifying.append((checked - started) * 1000)
                importing.append((done - checked) * 1000)
                site.backpack_students.clear()  # (the next sample: a fresh student)
                manager.commit()
        finally:
            manager.abort()
            conn.close()
    return {
        "backpack_import_p95_ms": round(percentile(whole, 95), 1),
        "backpack_import_documents": documents,
        "backpack_import_parts_ms": {
            "whole_median": round(statistics.median(whole), 1),
            "verify": round(statistics.median(verifying), 1),
            "import_and_commit": round(statistics.median(importing), 1),
        },
    }
