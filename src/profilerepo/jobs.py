"""Long jobs run beside the web server, in a thread of its own with its own connection:
opening a review cycle over thousands of students. A job's progress lives in the
database (the page showing it reloads), so a server restart resumes it."""
from __future__ import annotations

import threading

from profilerepo.content.cycles import OPENING, run_opening
from profilerepo.database import ROOT_KEY, database, site_connection

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
            args=(database(registry), registry.workflows, ROOT_KEY, name, BATCH),
            kwargs={"registry": registry})
        jobs[name] = thread
        thread.start()
        return thread


def resume_openings(registry) -> list[str]:
    """Start again every cycle a stopped server left half opened."""
    with site_connection(database(registry), registry, commit=False) as opened:
        names = [name for name, cycle in opened.site["cycles"].items()
                 if cycle.status == OPENING]
    for name in names:
        start_opening(registry, name)
    return names
