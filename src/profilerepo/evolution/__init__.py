"""Evolve steps: what brings a database written by an earlier version up to date.

Each package declares its steps in its ``evolve`` module; each has a name and
runs once per database, at start-up, committing in batches; the site records the
names of the steps it has had (a new site has them all). Steps only add what is
missing, so one cut off half way is simply run again.
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator

from BTrees.OOBTree import OOTreeSet

from profilerepo.database import site_connection

log = logging.getLogger(__name__)
BATCH = 200


def each_student(site) -> Iterator[tuple[int, object]]:
    """(how many so far, student) for every student, for a step to yield progress."""
    students = site["students"]
    for done, student_id in enumerate(students.keys(), start=1):
        yield done, students[student_id]


# The packages whose ``evolve`` module declares named steps (``STEPS``, each a name and
# a function of (site, engine) yielding progress). A step's name never changes once
# released: databases record it. Steps run in the order of their names, which begin
# with the month they were written.
PACKAGES = ("profilerepo.content", "profilerepo.plans", "profilerepo.workflow",
            "profilerepo.search", "profilerepo.family", "profilerepo.family_requests")


def steps() -> list[tuple[str, Callable]]:
    """Every package's named steps, in the order they run."""
    found = [step for package in PACKAGES
             for step in importlib.import_module(f"{package}.evolve").STEPS]
    return sorted(found, key=lambda step: step[0])


def __getattr__(name: str):
    if name == "STEPS":  # (read lazily: the packages' steps import this module)
        return steps()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def mark_current(site) -> None:
    """A new site needs no evolving: it has had every step."""
    site.evolved = OOTreeSet(name for name, _ in steps())


def evolve(db, engine, root_key: str) -> list[str]:
    """Run the steps this database has not had, committing every ``BATCH`` students.
    Returns the names of the steps run."""
    ran = []
    with site_connection(db, root_key=root_key, commit=False) as opened:
        site = opened.site
        if getattr(site, "evolved", None) is None:
            site.evolved = OOTreeSet()
        for name, step in steps():
            if name in site.evolved:
                continue
            log.info("evolving the database: %s", name)
            for done in step(site, engine):
                opened.commit_batch()
                log.info("  %s: %d students", name, done)
            site.evolved.add(name)
            opened.commit()
            ran.append(name)
    return ran
