"""Adding to a goal's measurements, a plan's service log or a student's reflections at
the same moment: every save commits on its first try (no conflict, nothing retried,
nothing lost), and databases from before keep their data."""
from __future__ import annotations

import datetime
import threading

import pytest
import transaction
import webtest
from pyramid.config import Configurator
from pyramid.events import ContextFound
from ZODB.POSException import ConflictError

from profilerepo.app import ROOT_KEY, database
from profilerepo.content.profile import add_reflection
from profilerepo.evolution import STEPS, evolve
from profilerepo.plans.goals import Goal
from profilerepo.plans.services import log_session
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, READING_GOAL, login

SAVES = 8
START = READING_GOAL["baseline_date"]


def setup(world, earlier: int) -> None:
    """An active goal on s1's plan holding ``earlier`` measurements; the plan has a
    support with ``earlier`` sessions logged; the profile ``earlier`` reflections."""
    site = world.site()
    plan = site["students"]["s1"]["plan"]
    plan.record({"supports": ({"kind": "Reading tutoring", "provider": "Ms. Park",
                               "setting": "in school", "frequency": "twice a week",
                               "minutes": 30, "start": START, "end": None},)}, by="cora")
    goal = Goal(READING_GOAL, by="cora")
    plan.goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    for n in range(earlier):
        when = START + datetime.timedelta(n % 60)
        goal.add_data_point(when, 80 + n % 10, by="cora")
        log_session(plan, session(when, 30), by="cora")
        add_reflection(site["students"]["s1"]["profile"], f"Week {n}", by="sam", day=when)
    transaction.commit()
    world.close()


def session(when: datetime.date, minutes: int) -> dict:
    return {"support": "Reading tutoring", "date": when, "minutes": minutes,
            "provider": "Ms. Park", "note": ""}


def at_once(db, add) -> list[str]:
    """``SAVES`` threads, each on its own connection, call ``add(student, n)`` with student
    s1 and commit together (each waits for all the others first); returns the errors."""
    ready = threading.Barrier(SAVES, timeout=30)
    errors: list[str] = []

    def save(n: int) -> None:
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        try:
            add(conn.root()[ROOT_KEY]["students"]["s1"], n)
            ready.wait()
            manager.commit()
        except ConflictError as conflict:
            errors.append(f"save {n}: {conflict}")
            manager.abort()
        finally:
            conn.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def fresh_plan(world):
    return world.site()["students"]["s1"]["plan"]


@pytest.mark.parametrize("earlier", [0, 40])
def test_measurements_recorded_at_once_all_commit_first_time(world, earlier):
    setup(world, earlier)

    def add(student, n: int) -> None:  # some on one day, some on others
        student["plan"].goals["goal-1"].add_data_point(START + datetime.timedelta(70 + n % 3),
                                            90 + n, by="theo", note=f"save {n}")

    assert at_once(database(world.wsgi.registry), add) == []
    points = fresh_plan(world).goals["goal-1"].data_points
    mine = [p for p in points if p["note"].startswith("save")]
    assert sorted(p["note"] for p in mine) == [f"save {n}" for n in range(SAVES)]
    assert len(points) == earlier + SAVES
    assert [p["date"] for p in points] == sorted(p["date"] for p in points)


@pytest.mark.parametrize("earlier", [0, 40])
def test_sessions_logged_at_once_all_commit_first_time(world, earlier):
    setup(world, earlier)

    def add(student, n: int) -> None:
        when = START + datetime.timedelta(70 + n % 3)
        log_session(student["plan"], session(when, 20 + n), by="toby")

    assert at_once(database(world.wsgi.registry), add) == []
    sessions = fresh_plan(world).sessions
    assert sorted(s["minutes"] for s in sessions if s["by"] == "toby") == [
        20 + n for n in range(SAVES)]
    assert len(sessions) == earlier + SAVES


@pytest.mark.parametrize("earlier", [0, 40])
def test_reflections_written_at_once_all_commit_first_time(world, earlier):
    setup(world, earlier)

    def add(student, n: int) -> None:
        add_reflection(student["profile"], f"Save {n}", by="sam",
                       day=START + datetime.timedelta(70))

    assert at_once(database(world.wsgi.registry), add) == []
    texts = [r["text"] for r in world.site()["students"]["s1"]["profile"].reflections]
    assert sorted(t for t in texts if t.startswith("Save")) == [
        f"Save {n}" for n in range(SAVES)]
    assert len(texts) == earlier + SAVES
    world.close()


def test_measurements_of_one_day_stay_in_the_order_recorded(world):
    setup(world, 0)
    goal = fresh_plan(world).goals["goal-1"]
    for value in (81, 79, 85):
        goal.add_data_point(START + datetime.timedelta(7), value, by="theo")
    goal.add_data_point(START + datetime.timedelta(3), 70, by="theo")
    assert [p["value"] for p in goal.data_points] == [70.0, 81.0, 79.0, 85.0]
    world.close()


def age(student) -> None:
    """Make a student's plan, goals and profile look as an earlier version kept them:
    tuples."""
    plan, profile = student["plan"], student["profile"]
    profile.__dict__["reflections"] = tuple(profile.reflections)
    del profile.reflection_log
    profile._p_changed = True
    for goal in plan.goals.values():
        goal.__dict__["data_points"] = tuple(goal.data_points)
        del goal.measurements
        goal._p_changed = True
    plan.__dict__["sessions"] = tuple(plan.sessions)
    del plan.service_log
    plan._p_changed = True


def test_an_earlier_database_keeps_its_measurements_and_sessions(world):
    setup(world, 5)
    site = world.site()
    age(site["students"]["s1"])
    site.evolved.remove("2026-12-dated-logs")
    transaction.commit()
    world.close()
    before = fresh_plan(world)
    assert len(before.goals["goal-1"].data_points) == 5 and len(before.sessions) == 5
    world.close()

    db = database(world.wsgi.registry)
    assert evolve(db, ENGINE, ROOT_KEY) == ["2026-12-dated-logs"]
    plan = fresh_plan(world)
    goal = plan.goals["goal-1"]
    assert "data_points" not in goal.__dict__ and "sessions" not in plan.__dict__
    assert [p["value"] for p in goal.data_points] == [80.0, 81.0, 82.0, 83.0, 84.0]
    assert [s["date"] for s in plan.sessions] == [START + datetime.timedelta(n)
                                                  for n in range(5)]
    profile = plan.__parent__["profile"]
    assert "reflections" not in profile.__dict__
    assert [r["text"] for r in profile.reflections] == [f"Week {n}" for n in range(5)]
    world.close()
    assert set(world.site().evolved) == {name for name, _ in STEPS}
    world.close()


def test_reading_a_goal_not_yet_evolved_writes_nothing(world):
    setup(world, 3)
    age(world.site()["students"]["s1"])
    transaction.commit()
    world.close()
    plan = fresh_plan(world)
    goal = plan.goals["goal-1"]
    assert len(goal.data_points) == 3 and len(plan.sessions) == 3
    assert not goal._p_changed and not plan._p_changed
    goal.add_data_point(START + datetime.timedelta(9), 90, by="theo")  # made on first use
    assert [p["value"] for p in goal.data_points] == [80.0, 81.0, 82.0, 90.0]
    world.close()


def posted_at_once(wsgi, forms: list) -> list[int]:
    """Submit the forms from one thread each, every first attempt waiting at its commit
    until all have arrived; returns the attempt number of every request that ran (a
    request retried after a conflict shows up twice, the second time as 1)."""
    ready = threading.Barrier(len(forms), timeout=30)
    attempts: list[int] = []

    def on_context(event) -> None:
        request = event.request
        if request.method == "POST":
            attempt = request.environ.get("retry.attempt", 0)
            attempts.append(attempt)
            if attempt == 0:
                request.tm.get().addBeforeCommitHook(ready.wait)

    config = Configurator(registry=wsgi.registry)
    config.add_subscriber(on_context, ContextFound)
    config.commit()
    statuses: list[int] = []

    def submit(form) -> None:
        statuses.append(form.submit("save", status="*").status_int)

    threads = [threading.Thread(target=submit, args=(form,)) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [303] * len(forms)
    return attempts


def forms_of(world, who: str, url: str, fill) -> list:
    forms = []
    for n in range(SAVES):
        app = webtest.TestApp(world.wsgi)
        login(app, who)
        form = app.get(url).forms["document-form"]
        fill(form, n)
        forms.append(form)
    return forms


def test_measurements_posted_at_once_through_the_site_are_never_retried(world):
    setup(world, 3)
    site = world.site()
    site["students"]["s1"]["plan"].goals["goal-1"].responsible = ("theo",)
    transaction.commit()
    world.close()
    today = datetime.date.today()

    def fill(form, n: int) -> None:
        form["date"], form["value"], form["note"] = today.isoformat(), str(90 + n), f"{n}"

    forms = forms_of(world, "theo", "/students/s1/plan/goals/goal-1/record", fill)
    assert posted_at_once(world.wsgi, forms) == [0] * SAVES
    points = fresh_plan(world).goals["goal-1"].data_points
    assert sorted(p["value"] for p in points if p["date"] == today) == [
        90.0 + n for n in range(SAVES)]
    world.close()


def test_sessions_posted_at_once_through_the_site_are_never_retried(world):
    setup(world, 3)
    plan = world.site()["students"]["s1"]["plan"]
    counselor = {"actor": "cora", "roles": {"counselor"}}
    ENGINE.perform(plan, "submit", **counselor)
    ENGINE.perform(plan, "adopt", **counselor)
    transaction.commit()
    world.close()
    today = datetime.date.today()

    def fill(form, n: int) -> None:
        form["support"].force_value("Reading tutoring")
        form["date"], form["minutes"] = today.isoformat(), str(20 + n)

    forms = forms_of(world, "theo", "/students/s1/plan/log-session", fill)
    assert posted_at_once(world.wsgi, forms) == [0] * SAVES
    sessions = fresh_plan(world).sessions
    assert sorted(s["minutes"] for s in sessions if s["by"] == "theo") == [
        20 + n for n in range(SAVES)]
    world.close()
