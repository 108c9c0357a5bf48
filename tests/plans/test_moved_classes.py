"""A database written before the plan's classes moved still opens: its records name the
classes where they were (profilerepo.content.plan, then plans/plan.py before its split)."""
from __future__ import annotations

import contextlib
import datetime
import sys
import types
from collections.abc import Iterator

import pytest
import transaction
from ZODB import DB
from ZODB.broken import Broken
from ZODB.FileStorage import FileStorage

from profilerepo.content.student import Student
from profilerepo.evolution.classes import MOVED, class_factory, install
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import Goals, PastPlans, Plan
from profilerepo.plans.reports import ProgressReport, ProgressReports

TODAY = {cls.__name__: cls for cls in
         (Plan, Goals, PastPlans, Goal, ProgressReport, ProgressReports)}
OLD_MODULES = sorted({module for module, _ in MOVED})


@contextlib.contextmanager
def saved_under(module: str) -> Iterator[None]:
    """While open, the classes ``module`` once held are saved under its name, as the
    version that had them there saved them (a stand-in module holds them meanwhile)."""
    names = [name for old, name in MOVED if old == module]
    homes = {name: TODAY[name].__module__ for name in names}
    real = sys.modules.get(module)
    sys.modules[module] = stand_in = types.ModuleType(module)
    if real is not None:  # (what stayed there is saved under it too)
        vars(stand_in).update(vars(real))
    try:
        for name in names:
            setattr(stand_in, name, TODAY[name])
            TODAY[name].__module__ = module
        yield
    finally:
        for name in names:
            TODAY[name].__module__ = homes[name]
        if real is None:
            del sys.modules[module]
        else:
            sys.modules[module] = real


def write_plan(path: str, module: str) -> None:
    """A plan with a goal and a report, and a past-plans folder, saved naming ``module``."""
    with saved_under(module):
        db = DB(FileStorage(path))
        try:
            with db.transaction() as conn:
                root = conn.root()
                plan = Plan({"accommodations": "Extra time"}, by="cora")
                goal = Goal({"title": "Read 90 words a minute", "unit": "words a minute",
                             "baseline_date": datetime.date(2026, 9, 1)}, by="cora")
                plan.goals.add("goal", goal)
                plan.reports.add("report", ProgressReport({"period": "Fall"}, by="cora"))
                root["plan"], root["goal"], root["past-plans"] = plan, goal, PastPlans()
        finally:
            db.close()


@contextlib.contextmanager
def reopened(path: str, *, installed: bool) -> Iterator[dict]:
    """The database's root, opened again (with the moved-classes factory, or without)."""
    db = DB(FileStorage(path, read_only=True))
    if installed:
        install(db)
    conn = db.open(transaction.TransactionManager())
    try:
        yield conn.root()
    finally:
        conn.close()
        db.close()


@pytest.mark.parametrize("module", OLD_MODULES)
def test_objects_saved_under_an_old_module_load_as_todays_classes(tmp_path, module):
    path = str(tmp_path / "Data.fs")
    write_plan(path, module)
    with reopened(path, installed=True) as root:
        plan = root["plan"]
        loaded = {"Plan": plan, "Goals": plan.goals, "Goal": plan.goals["goal"],
                  "ProgressReports": plan.reports, "ProgressReport": plan.reports["report"],
                  "PastPlans": root["past-plans"]}
        assert {name: type(loaded[name]) for name in TODAY} == TODAY
        assert plan.accommodations == "Extra time"
        assert plan.goals["goal"].title == "Read 90 words a minute"
        assert root["goal"] is plan.goals["goal"]
        assert plan.reports["report"].title == "Progress report: Fall"


@pytest.mark.parametrize("module", OLD_MODULES)
def test_without_the_factory_those_records_name_classes_that_are_gone(tmp_path, module):
    path = str(tmp_path / "Data.fs")
    write_plan(path, module)
    with reopened(path, installed=False) as root:
        assert isinstance(root["goal"], Broken)


@pytest.mark.parametrize(("module", "name", "found"), [
    ("profilerepo.content.plan", "Plan", Plan),
    ("profilerepo.content.plan", "Goal", Goal),
    ("profilerepo.content.plan", "ProgressReports", ProgressReports),
    ("profilerepo.plans.plan", "Goal", Goal),
    ("profilerepo.plans.plan", "Plan", Plan),  # (never moved from there)
    ("profilerepo.content.student", "Student", Student),  # (never moved at all)
])
def test_the_factory_finds_a_class_where_it_lives_now(module, name, found):
    assert class_factory(None, module, name) is found


def test_a_class_gone_for_good_loads_broken_rather_than_failing():
    assert issubclass(class_factory(None, "profilerepo.content.plan", "Itinerary"), Broken)
