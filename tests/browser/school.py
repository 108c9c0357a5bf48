"""The conftest school with one of every kind of page filled in: a goal with measurements,
a narrative, a portfolio item and a progress report shared with the family, a review cycle
and a search index, so each page shows what a person would see on it."""
from __future__ import annotations

import datetime
import io

import transaction

from profilerepo.app import ROOT_KEY, database
from profilerepo.content.cycles import PROGRESS_REPORTS, open_batch, start_cycle
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.plans.goals import Goal
from profilerepo.plans.reports import ProgressReport
from profilerepo.principals import hash_password
from profilerepo.search.indexer import Indexer
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, PASSWORD, World

TODAY = datetime.date.today()
COUNSELOR = {"actor": "cora", "roles": {"counselor"}}
DISTRICT_ADMINISTRATOR = "dana"  # who keeps the district's schools and students


def adopt_plan(plan) -> None:
    """Maya's plan in force: a reading group with Theo, math tutoring with Toby, and a
    reading goal measured every two weeks."""
    start = TODAY - datetime.timedelta(100)
    plan.record({"period_start": start, "period_end": TODAY + datetime.timedelta(265),
                 "review_due": TODAY + datetime.timedelta(200)}, by="cora")
    plan.supports = tuple({"kind": kind, "provider": provider, "setting": setting,
                           "frequency": "once a week", "minutes": 45, "start": start,
                           "end": None}
                          for kind, provider, setting in (
                              ("Reading group", "theo", "in school"),
                              ("Math tutoring", "toby", "out of school")))
    plan.team = ({"name": "Cora Example", "role": "Counselor"},)
    goal = add_goal(plan, start)
    ENGINE.perform(plan, "submit", **COUNSELOR)
    ENGINE.perform(plan, "adopt", **COUNSELOR)
    for weeks, value in enumerate((82, 85, 88, 90, 94, 96)):
        goal.add_data_point(start + datetime.timedelta(14 * (weeks + 1)), value, "theo",
                            "Cold read, grade-level passage")


def add_goal(plan, start: datetime.date) -> Goal:
    """A reading goal, active, measured every two weeks from ``start``."""
    goal = Goal({"title": "Reads 120 words a minute by June", "area": "academic",
                 "measure": "Oral reading fluency probe", "unit": "words a minute",
                 "baseline_value": 80.0, "baseline_date": start, "target_value": 120.0,
                 "target_date": TODAY + datetime.timedelta(200), "lowest": 0.0,
                 "highest": 250.0, "schedule": "every two weeks",
                 "responsible": ("cora", "theo")}, by="cora")
    plan.goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", **COUNSELOR)
    return goal


def add_shared_documents(s1) -> None:
    """A narrative, a piece of work and a progress report, each where the family reads it."""
    narrative = Narrative({"title": "Fall narrative: Art", "term": "Fall", "course": "Art",
                           "body": "Maya plans her comics panel by panel and explains her "
                                   "choices. Next: finishing pieces on time."}, by="theo")
    s1["narratives"].add("narrative-1", narrative)
    blob, content_type, size = store_file(io.BytesIO(b"my bridge design\n"), 1000)
    item = PortfolioItem({"title": "Bridge design", "kind": "work", "file": blob,
                          "filename": "bridge.txt", "content_type": content_type,
                          "size": size, "description": "A truss bridge that held 4 kg"},
                         by="sam")
    s1["portfolio"].add("item-1", item)
    report = ProgressReport({"period": "Fall", "body": "Maya reads 96 words a minute, up "
                                                      "from 80 in September."}, by="cora")
    s1["plan"].reports.add("report-1", report)
    for document, workflow, state in ((narrative, "narrative-review", "shared"),
                                      (item, "sharing", "family"),
                                      (report, "progress-report", "shared")):
        enter_workflows(ENGINE, document)
        document.workflow_states = {**document.workflow_states, workflow: state}


def furnish(world: World) -> None:
    """Fill the conftest school in (committed) and index it for search."""
    site = world.site()
    site["principals"].add_user(DISTRICT_ADMINISTRATOR, "Dana District", "staff",
                                password_hash=hash_password(PASSWORD),
                                groups=(DISTRICT_ADMINISTRATORS,))
    s1 = site["students"]["s1"]
    adopt_plan(s1["plan"])
    add_shared_documents(s1)
    cycle = start_cycle(site, PROGRESS_REPORTS, "north", TODAY + datetime.timedelta(30),
                        "ada", period="Spring")
    open_batch(site, cycle, ENGINE)
    transaction.commit()
    world.close()
    registry = world.wsgi.registry
    Indexer(database(registry), registry.workflows, registry.search_index, ROOT_KEY).drain()
