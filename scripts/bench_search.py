"""Search figures for scripts/bench (issue 4), on the district bench.py loaded.

- index_docs_per_s: our indexer draining the queue the load left (every document), in
  batches through one writer; raw_whoosh_docs_per_s: the same field values added to a
  fresh index by a bare whoosh writer, timed the same way (only the whoosh calls).
- search_p95_ms: the search page through the application, per role.
- the same while a writer saves 20 documents a second and the indexer thread runs, and
  the lag from each save's commit until a search finds it.
- save_conflict_rate: 4 threads saving documents of different students at once.
"""
from __future__ import annotations

import random
import shutil
import threading
import time
from pathlib import Path

import transaction
from whoosh import index as whoosh_index
from ZODB.POSException import ConflictError

from profilerepo.app import ROOT_KEY, database
from profilerepo.search.documents import all_documents, fields_of
from profilerepo.search.index import SCHEMA
from profilerepo.search.indexer import Indexer

WORDS = ("reading", "math", "strengths", "goal", "progress", "science", "writing",
         "attendance", "robotics", "confidence")
SEARCH_ROLES = ("counselor", "teacher", "guardian", "administrator")
WARM_UP = "school"  # (not one of WORDS)
WRITES_PER_S = 20


def indexing_rates(wsgi, db_path: Path) -> dict:
    registry = wsgi.registry
    db, engine = database(registry), registry.workflows
    indexer = Indexer(db, engine, registry.search_index, ROOT_KEY)
    started = time.perf_counter()
    ours = indexer.drain()
    ours_s = time.perf_counter() - started

    raw_dir = db_path / "raw-whoosh"
    raw_dir.mkdir()
    ix = whoosh_index.create_in(str(raw_dir), SCHEMA)
    writer = ix.writer(compound=False)
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    raw_s, count, chunk = 0.0, 0, []

    def add(entries) -> float:
        begun = time.perf_counter()
        for entry in entries:
            writer.add_document(**entry)
        return time.perf_counter() - begun

    for document in all_documents(conn.root()[ROOT_KEY]):
        chunk.append(fields_of(engine, document))  # (not timed: the same values as ours)
        count += 1
        if len(chunk) == 500:
            raw_s += add(chunk)
            chunk = []
            conn.cacheGC()
    raw_s += add(chunk)
    begun = time.perf_counter()
    writer.commit()
    raw_s += time.perf_counter() - begun
    conn.close()
    shutil.rmtree(raw_dir)
    return {"indexed_docs": ours, "index_docs_per_s": round(ours / ours_s, 1),
            "raw_whoosh_docs_per_s": round(count / raw_s, 1),
            "index_ratio": round((ours / ours_s) / (count / raw_s), 3)}


def timed_searches(apps: dict, rng: random.Random, count: int) -> dict:
    """p95 of the search page per role, over ``count`` searches each."""
    figures = {}
    for role, role_apps in apps.items():
        for app in role_apps:  # as for the dashboards: a user's first page is not timed
            app.get("/search", {"q": WARM_UP})
        samples = []
        for _ in range(count):
            app = rng.choice(role_apps)
            started = time.perf_counter()
            response = app.get("/search", {"q": rng.choice(WORDS)})
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_int == 200
        samples.sort()
        figures[role] = round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 2)
    return figures


class Writer(threading.Thread):
    """Saves a random student's profile ``rate`` times a second, each in its own
    transaction, as long as it runs."""

    def __init__(self, db, student_ids: list[str], rate: float) -> None:
        super().__init__(daemon=True)
        self.db, self.ids, self.rate = db, student_ids, rate
        self.stop = threading.Event()
        self.saved = 0

    def run(self) -> None:
        manager = transaction.TransactionManager()
        conn = self.db.open(manager)
        students = conn.root()[ROOT_KEY]["students"]
        rng = random.Random(7)
        while not self.stop.is_set():
            begun = time.monotonic()
            for _attempt in range(5):
                try:
                    manager.begin()
                    profile = students[rng.choice(self.ids)]["profile"]
                    profile.record({"interests": f"Reading, take {self.saved}"}, by="bench")
                    manager.commit()
                    self.saved += 1
                    break
                except ConflictError:
                    manager.abort()
            self.stop.wait(max(0.0, 1 / self.rate - (time.monotonic() - begun)))
        conn.close()


def conflict_rate(db, student_ids: list[str], threads: int = 4, saves: int = 100) -> float:
    """Share of commits retried for a conflict when ``threads`` threads save documents of
    different students at once."""
    conflicts, commits = [0] * threads, [0] * threads
    barrier = threading.Barrier(threads)

    def work(n: int) -> None:
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        students = conn.root()[ROOT_KEY]["students"]
        mine = student_ids[n::threads]
        barrier.wait()
        for i in range(saves):
            while True:
                try:
                    manager.begin()
                    students[mine[i % len(mine)]]["profile"].record(
                        {"preferences": f"Quiet corner, take {i}"}, by="bench")
                    manager.commit()
                    commits[n] += 1
                    break
                except ConflictError:
                    manager.abort()
                    conflicts[n] += 1
        conn.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return round(sum(conflicts) / max(1, sum(commits) + sum(conflicts)), 4)


def search_figures(wsgi, db_path: Path, apps: dict, student_ids: list[str],
                   rng: random.Random, requests: int) -> dict:
    registry = wsgi.registry
    db = database(registry)
    figures = indexing_rates(wsgi, db_path)
    # As in a server: the indexer thread runs, and has read ahead while it had nothing
    # to index.
    indexer = Indexer(db, registry.workflows, registry.search_index, ROOT_KEY)
    lags: list[float] = []
    # From the moment a save queued the document (inside its transaction) to the moment
    # the indexer's commit made it searchable.
    indexer.listeners.append(lambda items, at: lags.extend(at - stamp for _, stamp in items))
    indexer.start()
    began = time.monotonic()
    indexer.caught_up.wait(300)
    figures["read_ahead_s"] = round(time.monotonic() - began, 1)
    figures["search_p95_ms"] = timed_searches(apps, rng, requests)
    writer = Writer(db, student_ids, WRITES_PER_S)
    writer.start()
    try:
        started = time.monotonic()
        figures["search_p95_under_writes_ms"] = timed_searches(apps, rng, requests)
        figures["writes_per_s_during_search"] = round(
            writer.saved / (time.monotonic() - started), 1)
    finally:
        writer.stop.set()
        writer.join()
        time.sleep(1)  # the last saves reach the index
        indexer.stop()
    lags.sort()
    figures["index_lag_p95_s"] = round(lags[min(len(lags) - 1, int(0.95 * len(lags)))], 3) \
        if lags else None
    figures["save_conflict_rate"] = conflict_rate(db, student_ids)
    return figures
