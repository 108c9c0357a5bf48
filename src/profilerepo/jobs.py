"""Long jobs run beside the web server, in a thread of its own with its own connection:
opening a review cycle over thousands of students. A job's progress lives in the
database (the page showing it reloads), so a server restart resumes it."""
from __future__ import annotations

import threading

from profilerepo.app import ROOT_KEY, database
from profilerepo.content.cycles import OPENING, run_opening

BATCH = 200


def start_opening(registry, name: str) -> threading.Thread:
    """Open cycle ``name`` in the background (once per process)."""
    jobs = registry.__dict__.setdefault("cycle_jobs", {})
    lock = registry.__dict__.setdefault("cycle_jobs_lock", threading.Lock())
    with lock:
        running = jobs.get(name)
        if running is not None and running.is_alive():
            return running
        thread = threading.Thread(
            target=run_opening, name=f"open {name}", daemon=True,
            args=(database(registry), registry.workflows, ROOT_KEY, name, BATCH))
        jobs[name] = thread
        thread.start()
        return thread


def resume_openings(registry) -> list[str]:
    """Start again every cycle a stopped server left half opened."""
    import transaction

    manager = transaction.TransactionManager()
    conn = database(registry).open(manager)
    try:
        cycles = conn.root()[ROOT_KEY]["cycles"]
        names = [name for name, cycle in cycles.items() if cycle.status == OPENING]
        manager.abort()
    finally:
        conn.close()
    for name in names:
        start_opening(registry, name)
    return names
