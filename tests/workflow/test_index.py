"""The state index: documents found by (workflow, state, student), moved as they change."""
from __future__ import annotations

import transaction

from profilerepo.content.narratives import Narrative
from profilerepo.workflow.index import resolve, state_index


def test_documents_are_found_by_state_and_student_and_move_with_transitions(world):
    site = world.site()  # (the app's registry is current: its subscribers keep the index)
    engine = world.wsgi.registry.workflows
    index = state_index(site)
    for sid in ("s1", "s2"):
        narrative = Narrative({"title": f"Note for {sid}", "term": "Fall", "course": "Art",
                               "body": "Bold colour choices."}, by="theo")
        site["students"][sid]["narratives"].add("narrative-1", narrative)
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


def test_a_removed_document_leaves_the_index_and_a_moved_one_follows(world):
    site = world.site()
    student = site["students"]["s1"]
    index = state_index(site)
    narrative = Narrative({"title": "Note", "term": "Fall", "course": "Art",
                           "body": "Bold colour choices."}, by="theo")
    student["narratives"].add("narrative-1", narrative)
    student["narratives"].move("narrative-1", student["narratives"], "narrative-2")
    assert index.paths("narrative-review", "draft", "s1") == [
        "students/s1/narratives/narrative-2"], "moved, not copied"
    assert index.state("narrative-review", "students/s1/narratives/narrative-1") is None
    student["narratives"].remove("narrative-2")
    assert index.paths("narrative-review", "draft", "s1") == []
    transaction.abort()
    world.close()
