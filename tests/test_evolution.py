"""A database written before workflow chains is brought up to date at start-up, once:
what families could read they still read, narratives keep their review state, and the
worklists find what waits."""
from __future__ import annotations

import datetime

import transaction
import webtest

from profilerepo.app import ROOT_KEY, database
from profilerepo.content.narratives import Narrative
from profilerepo.evolution import STEPS
from profilerepo.plans.goals import Goal
from tests.conftest import ROLE_USERS, file_uri, login, make_app, populated


def age(site) -> None:
    """Make the conftest school look as a database from before workflow chains did."""
    s1 = site["students"]["s1"]
    s1["narratives"].add("narrative-1", Narrative({
        "title": "Fall science", "term": "Fall", "course": "Science",
        "body": "Maya designs careful experiments."}, by="theo"))
    s1["narratives"].add("narrative-2", Narrative({
        "title": "Fall art", "term": "Fall", "course": "Art", "body": "Bold colour."},
        by="theo"))
    s1["plan"].goals.add("goal-1", Goal({"title": "Reads 100 words a minute"}, by="cora"))
    for document in (*s1["narratives"].values(), s1["plan"].goals["goal-1"]):
        del document.workflow_states  # (started as they were added; then there were none)
    s1["narratives"]["narrative-1"].workflow_state = "shared"     # the old attribute
    s1["narratives"]["narrative-2"].workflow_state = "submitted"
    for student in site["students"].values():
        for document in (student["profile"], student["plan"]):
            del document.workflow_states
        del student["plan"].reports
    del site.state_index
    del site.evolved


def test_an_old_database_is_evolved_once_at_start_up(tmp_path):
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    world = populated(wsgi)
    age(world.site())
    transaction.commit()
    world.close()
    database(wsgi.registry).close()

    restarted = make_app(file_uri(tmp_path), tmp_path)  # evolves as it starts
    try:
        app = webtest.TestApp(restarted)
        login(app, ROLE_USERS["guardian"])
        assert "Fall science" in app.get("/students/s1/narratives/narrative-1/").text
        app.get("/students/s1/narratives/narrative-2/", status=404)  # still in review
        assert "Shared with the family" in app.get("/students/s1/profile/").text
        plan = app.get("/students/s1/plan/").text
        assert "Active" in plan and "Shared with the family" in plan
        login(app, ROLE_USERS["counselor"])
        worklists = app.get("/worklists").text
        assert "narrative-2" in worklists and "narrative-1" not in worklists

        manager = transaction.TransactionManager()
        conn = database(restarted.registry).open(manager)
        site = conn.root()[ROOT_KEY]
        assert set(site.evolved) == {name for name, _ in STEPS}
        assert len(site["students"]["s1"]["plan"]["reports"]) == 0  # the folder is back
        goal = site["students"]["s1"]["plan"].goals["goal-1"]
        assert goal.takes_data  # goals in force before stay active
        goal.add_data_point(datetime.date(2026, 10, 1), 70, by="cora")
        manager.abort()
        conn.close()
    finally:
        database(restarted.registry).close()


def test_a_new_database_has_nothing_to_evolve(world):
    assert set(world.site().evolved) == {name for name, _ in STEPS}


def test_students_from_before_they_had_index_entries_are_queued_for_one(world):
    """A database from before students had index entries queues each student once."""
    from profilerepo.search.evolve import student_entries
    from profilerepo.search.queue import queue_of

    site = world.site()
    queue = queue_of(site)
    for path, stamp in list(queue.items()):
        queue.done([(path, stamp)])
    list(student_entries(site, None))
    assert sorted(path for path, _ in queue.items()) == sorted(
        f"students/{sid}" for sid in site["students"].keys())


def test_each_package_declares_its_steps_and_they_run_in_the_order_of_their_names():
    from profilerepo.evolution import steps

    names = [name for name, _ in steps()]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert {"2026-11-workflow-chains", "2026-11-search-queue", "2026-12-dated-logs",
            "2026-12-student-entries"} <= set(names), "a released step keeps its name"


def test_what_was_made_on_first_use_is_made_by_a_named_step(world):
    """A site from before review cycles and a plan from before progress reports get
    their folders when the database is evolved, not when a page first asks."""
    from profilerepo.evolution import evolve

    site = world.site()
    site.remove("cycles")
    del site["students"]["s2"]["plan"].reports
    for name in ("2026-12-cycles-folder", "2026-11-plan-reports"):
        site.evolved.remove(name)
    transaction.commit()
    world.close()
    ran = evolve(database(world.wsgi.registry), world.wsgi.registry.workflows, ROOT_KEY)
    assert ran == ["2026-11-plan-reports", "2026-12-cycles-folder"]
    site = world.site()
    assert len(site["cycles"]) == 0 and len(site["students"]["s2"]["plan"].reports) == 0
    world.close()
