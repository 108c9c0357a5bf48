"""The soak figures (issue 13): a teacher saving narratives one after another as fast as
one writer can while six colleagues search, and eight people recording a measurement on
one goal at the same moment.

Both go through the WSGI app in this process, with the indexer thread running as in a
server; open files are this process's own (the server's), counted in /proc.
"""
from __future__ import annotations

import os
import random
import threading
import time

import webtest

from profilerepo.app import ROOT_KEY, database
from profilerepo.search.indexer import Indexer

SAVES = 2000
SEARCHERS = 6
# The soak's searchers search without pause; a second, shorter soak has them pause this
# long between searches, as people reading what they found would
# (soak_search_p95_paced_ms). Pausing does not make searches faster: the writer then
# saves faster, and FileStorage holds every read back while a save commits.
READING_PAUSE = 0.5
PACED_SAVES = 500
SAME_OBJECT_THREADS = 8
SAME_OBJECT_ROUNDS = 10
WORDS = ("reading", "math", "science", "writing", "goal", "strengths", "progress")


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def goal_taking_data(db) -> tuple[str, str]:
    """A goal that takes measurements, and one of the staff responsible for it."""
    conn = db.open()
    try:
        for student_id, student in conn.root()[ROOT_KEY]["students"].items():
            goals = student["plan"]["goals"] if "plan" in student else {}
            for name, goal in goals.items():
                if goal.takes_data and goal.responsible:
                    return f"/students/{student_id}/plan/goals/{name}/", goal.responsible[0]
    finally:
        conn.close()
    raise RuntimeError("no goal takes data")


def soak(wsgi, percentile, writer: webtest.TestApp, student_id: str,
         searchers: list[webtest.TestApp], saves: int = SAVES, pause: float = 0.0) -> dict:
    """``saves`` narratives saved one by one through their form by ``writer`` (a teacher of
    ``student_id``), while ``searchers`` search, ``pause`` seconds apart each; the most
    segments, the most open files and search p95 meanwhile."""
    registry = wsgi.registry
    db, index = database(registry), registry.search_index
    indexer = Indexer(db, registry.workflows, index, ROOT_KEY)
    indexer.start()
    indexer.caught_up.wait(600)
    stop, samples, failures = threading.Event(), [], []

    def search(app: webtest.TestApp, seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            started = time.perf_counter()
            response = app.get("/search", {"q": rng.choice(WORDS)}, status="*")
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_int != 200:
                failures.append(response.status_int)
            stop.wait(pause)

    threads = [threading.Thread(target=search, args=(app, n), daemon=True)
               for n, app in enumerate(searchers)]
    for thread in threads:
        thread.start()
    most_segments = most_files = 0
    add = f"/students/{student_id}/narratives/add"
    first = index.doc_count()
    started = time.monotonic()
    try:
        for number in range(saves):
            form = writer.get(add).forms["document-form"]
            form["title"], form["term"], form["course"] = \
                f"Week {first + number}", "Spring", "Science"
            form["body"] = (f"Soak week {first + number}: reading with a partner, steady "
                            "progress.")
            response = form.submit(status="*")
            if response.status_int != 303:
                failures.append(response.status_int)
            if number % 10 == 0:
                most_segments = max(most_segments, index.segment_count())
                most_files = max(most_files, open_files())
            if number % 200 == 199:
                print(f"  soak: {number + 1}/{saves} saves, {most_segments} segments at "
                      f"most, {most_files} open files at most", flush=True)
    finally:
        elapsed = time.monotonic() - started
        stop.set()
        for thread in threads:
            thread.join(60)
        indexer.stop()
    return {"soak_saves_per_s": round(saves / elapsed, 1),
            "soak_segments_max": most_segments,
            "soak_open_files_max": most_files,
            "soak_search_p95_ms": round(percentile(samples, 95), 1) if samples else None,
            "soak_searches": len(samples),
            "soak_failed_requests": len(failures)}


def same_object(wsgi, logged_in, threads: int = SAME_OBJECT_THREADS,
                rounds: int = SAME_OBJECT_ROUNDS) -> dict:
    """``threads`` sessions of the goal's responsible teacher record a measurement on the
    same goal at the same moment, ``rounds`` times; the share of those requests that end
    in a 500."""
    url, login = goal_taking_data(database(wsgi.registry))
    apps = [logged_in(wsgi, login) for _ in range(threads)]
    barrier = threading.Barrier(threads)
    statuses: list[int] = []

    def record(app: webtest.TestApp, number: int) -> None:
        for round_ in range(rounds):
            form = app.get(url + "record").forms["document-form"]
            form["date"] = time.strftime("%Y-%m-%d")
            form["value"] = str(10 + number + round_)
            form["note"] = f"same moment {number}.{round_}"
            barrier.wait(60)
            statuses.append(form.submit(status="*").status_int)

    workers = [threading.Thread(target=record, args=(app, n)) for n, app in enumerate(apps)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"same_object_500_rate": round(statuses.count(500) / max(1, len(statuses)), 4),
            "same_object_statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))}}
