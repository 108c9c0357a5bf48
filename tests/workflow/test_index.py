"""The state index: documents found by (workflow, state, student), moved as they change."""
from __future__ import annotations

import transaction

from profilerepo.content.narratives import Narrative
from profilerepo.workflow import project_engine
from profilerepo.workflow.index import index_after_transition, resolve, state_index


def test_documents_are_found_by_state_and_student_and_move_with_transitions(world):
    engine = project_engine()
    engine.listeners.append(index_after_transition)
    site = world.site()
    index = state_index(site)
    for sid in ("s1", "s2"):
        narrative = Narrative({"title": f"Note for {sid}", "term": "Fall", "course": "Art",
                               "body": "Bold colour choices."}, by="theo")
        site["students"][sid]["narratives"].add("narrative-1", narrative)
        engine.start(narrative, "narrative-review")
        index.record(narrative)
    assert index.paths("narrative-review", "draft", "s1") == [
        "students/s1/narratives/narrative-1"]
    first = resolve(site, index.paths("narrative-review", "draft", "s1")[0])
    engine.perform(first, "submit", actor="theo", roles={"author"})
    assert index.paths("narrative-review", "draft", "s1") == []
    assert index.paths("narrative-review", "submitted", "s1") == [
        "students/s1/narratives/narrative-1"]
    assert index.paths("narrative-review", "draft", "s2") == [
        "students/s2/narratives/narrative-1"], "the other student's entry is untouched"
    assert resolve(site, "students/s9/narratives/nothing") is None
    transaction.abort()
    world.close()
