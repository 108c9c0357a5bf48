"""Content events keep search and the state index current: a document added, removed,
moved or moved on in its workflow through the plain content API (no view, no hand-kept
index) is found, or not, by search and by state, through a real app, a FileStorage and a
whoosh index on disk. Each fails if the subscribers are not registered."""
from __future__ import annotations

from urllib.parse import urlsplit

import transaction
from bs4 import BeautifulSoup

from profilerepo.app import ROOT_KEY, database
from profilerepo.content.narratives import Narrative
from profilerepo.plans.plan import PastPlans
from profilerepo.search.indexer import Indexer
from profilerepo.workflow.index import state_index
from tests.conftest import login

WORD = "quokkaflute"
NARRATIVES = "students/s1/narratives"


def drain(world) -> None:
    """Run the indexer until the queue is empty (as its thread would)."""
    registry = world.wsgi.registry
    Indexer(database(registry), registry.workflows, registry.search_index, ROOT_KEY).drain()


def found(world, who: str, word: str = WORD) -> list[str]:
    """The paths of the results ``who`` finds searching for ``word``."""
    login(world.app, who)
    soup = BeautifulSoup(world.app.get("/search", {"q": word}).text, "html.parser")
    return [urlsplit(a["href"]).path.strip("/") for a in soup.select("ol.results > li > a")]


def add_narrative(world, name: str = "narrative-1") -> None:
    site = world.site()
    narrative = Narrative({"title": "Art", "term": "Fall", "course": "Art",
                           "body": f"Maya plays the {WORD} in the ensemble."}, by="theo")
    site["students"]["s1"]["narratives"].add(name, narrative)
    transaction.commit()
    world.close()


def added_and_indexed(world):
    """The site, after a narrative added through the content API reached the index."""
    add_narrative(world)
    drain(world)
    assert found(world, "theo") == [f"{NARRATIVES}/narrative-1"]
    return world.site()


def test_a_document_added_through_the_content_api_is_found_by_search_and_by_state(world):
    site = added_and_indexed(world)
    assert state_index(site).paths("narrative-review", "draft", "s1") == [
        f"{NARRATIVES}/narrative-1"], "it started in its workflow as it was added"
    assert site["students"]["s1"]["narratives"]["narrative-1"].workflow_states == {
        "narrative-review": "draft"}
    world.close()


def test_a_removed_document_leaves_search_and_the_state_index(world):
    site = added_and_indexed(world)
    assert state_index(site).state("narrative-review", f"{NARRATIVES}/narrative-1") == "draft"
    site["students"]["s1"]["narratives"].remove("narrative-1")
    transaction.commit()
    world.close()
    drain(world)
    assert found(world, "theo") == []
    site = world.site()
    assert state_index(site).state("narrative-review", f"{NARRATIVES}/narrative-1") is None
    world.close()


def test_a_transition_moves_the_document_in_the_state_index_and_in_search(world):
    add_narrative(world)
    drain(world)
    assert found(world, "gina") == [], "a draft is not the family's to read"
    site = world.site()
    narrative = site["students"]["s1"]["narratives"]["narrative-1"]
    engine = world.wsgi.registry.workflows
    engine.perform(narrative, "submit", actor="theo", roles={"author"})
    engine.perform(narrative, "approve", actor="cora", roles={"counselor"})
    engine.perform(narrative, "share", actor="cora", roles={"counselor"})
    index = state_index(site)
    assert index.paths("narrative-review", "draft", "s1") == []
    assert index.paths("narrative-review", "shared", "s1") == [f"{NARRATIVES}/narrative-1"]
    assert f"{NARRATIVES}/narrative-1" in site.search_queue
    transaction.commit()
    world.close()
    drain(world)
    assert found(world, "gina") == [f"{NARRATIVES}/narrative-1"]


def test_a_plan_moved_to_past_plans_is_followed_by_the_state_index_and_search(world):
    site = world.site()
    student = site["students"]["s1"]
    student.add("past-plans", PastPlans())
    student.move("plan", student["past-plans"], "2025-2026")
    index = state_index(site)
    moved = "students/s1/past-plans/2025-2026"
    assert index.state("plan-lifecycle", "students/s1/plan") is None
    assert index.state("plan-lifecycle", moved) == "draft"
    assert index.state("sharing", moved) == "family", "the same plan, in the same states"
    assert "students/s1/plan" in site.search_queue, "its old entry leaves the index"
    assert moved in site.search_queue
    transaction.abort()
    world.close()
