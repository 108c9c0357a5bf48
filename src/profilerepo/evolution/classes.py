"""Where stored objects' classes live now: a database's records name each object's class by
module and name, so a class that moves must still be found under the name it was saved with.

``install(db)`` makes the database look moved classes up in ``MOVED``; every other class is
found where its record says, as ZODB does by default (and a class gone for good loads as
ZODB's broken object, not an error).
"""
from __future__ import annotations

from ZODB.broken import find_global

# (module, name) a record may name -> the module the class lives in now.
MOVED: dict[tuple[str, str], str] = {
    # content/plan.py became the plan domain's own package (issue 15).
    ("profilerepo.content.plan", "Plan"): "profilerepo.plans.plan",
    ("profilerepo.content.plan", "Goals"): "profilerepo.plans.plan",
    ("profilerepo.content.plan", "PastPlans"): "profilerepo.plans.plan",
    ("profilerepo.content.plan", "Goal"): "profilerepo.plans.goals",
    ("profilerepo.content.plan", "ProgressReport"): "profilerepo.plans.reports",
    ("profilerepo.content.plan", "ProgressReports"): "profilerepo.plans.reports",
    # and plans/plan.py was split by concern.
    ("profilerepo.plans.plan", "Goal"): "profilerepo.plans.goals",
    ("profilerepo.plans.plan", "ProgressReport"): "profilerepo.plans.reports",
    ("profilerepo.plans.plan", "ProgressReports"): "profilerepo.plans.reports",
}


def class_factory(connection, module: str, name: str) -> type:
    """The class a record names (a ZODB ``DB.classFactory``): from where it lives now if
    it moved, else from the module the record names."""
    return find_global(MOVED.get((module, name), module), name)


def install(db) -> None:
    """Make ``db`` find moved classes. Call it when the database opens, before the
    application opens connections: a pooled connection keeps the factory it was made with,
    so the pools are emptied (their connections were idle) and new ones take this one."""
    db.classFactory = class_factory
    db.pool.clear()
    db.historical_pool.clear()
