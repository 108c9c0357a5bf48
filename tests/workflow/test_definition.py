"""Loading workflow definitions: a good file loads; each kind of mistake stops it, saying
which file, which item and what is wrong."""
from __future__ import annotations

import textwrap

import pytest

from profilerepo.workflow import Vocabulary, WorkflowError, load_file, load_folder

VOCABULARY = Vocabulary(roles=frozenset({"author", "teacher", "counselor", "guardian"}),
                        permissions=frozenset({"view", "edit"}),
                        conditions=frozenset({"has_body"}))

GOOD = """
# A small review workflow: comments are allowed in TOML.
[workflow]
name = "review"
title = "Review"
initial = "draft"

[states.draft]
title = "Draft"
permissions = { view = ["author", "teacher"], edit = ["author"] }

[states.submitted]
title = "Submitted"
permissions = { view = ["author", "counselor"] }

[states.shared]
title = "Shared with family"
permissions = { view = ["author", "counselor", "guardian"] }

[transitions.submit]
title = "Submit"
from = ["draft"]
to = "submitted"
roles = ["author"]
conditions = ["has_body"]

[transitions.share]
title = "Share"
from = ["submitted"]
to = "shared"
roles = ["counselor"]
comment = "required"

[worklists.to_review]
title = "Waiting for my review"
states = ["submitted"]
roles = ["counselor"]
"""


def write(tmp_path, text: str, name: str = "review.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_a_good_definition_loads_with_its_states_transitions_and_worklists(tmp_path):
    workflow = load_file(write(tmp_path, GOOD), VOCABULARY)
    assert (workflow.name, workflow.initial) == ("review", "draft")
    assert workflow.states["draft"].permissions == {
        "author": frozenset({"view", "edit"}), "teacher": frozenset({"view"})}
    assert workflow.states["shared"].roles_with("view") == {"author", "counselor", "guardian"}
    assert workflow.transitions["share"].comment_required
    assert [t.name for t in workflow.transitions_from("draft")] == ["submit"]
    assert workflow.worklists["to_review"].states == ("submitted",)


MISTAKES = {
    "unknown target state": (
        ('to = "shared"\nroles = ["counselor"]', 'to = "sent"\nroles = ["counselor"]'),
        "review.toml: transition 'share': target state 'sent' is not defined"),
    "unknown source state": (
        ('from = ["draft"]', 'from = ["drafted"]'),
        "review.toml: transition 'submit': source state 'drafted' is not defined"),
    "transition with no source": (
        ('from = ["draft"]', "from = []"),
        "review.toml: transition 'submit': it has no source state"),
    "unknown role in a state": (
        ('edit = ["author"]', 'edit = ["principal"]'),
        "review.toml: state 'draft', permission 'edit': unknown role 'principal'"),
    "unknown role in a guard": (
        ('roles = ["author"]', 'roles = ["janitor"]'),
        "review.toml: transition 'submit': unknown role 'janitor'"),
    "unknown permission": (
        ('permissions = { view = ["author", "counselor"] }',
         'permissions = { delete = ["author"] }'),
        "review.toml: state 'submitted': unknown permission 'delete'"),
    "unknown condition": (
        ('conditions = ["has_body"]', 'conditions = ["is_friday"]'),
        "review.toml: transition 'submit': unknown condition 'is_friday'"),
    "unreachable state": (
        ('from = ["submitted"]\nto = "shared"', 'from = ["submitted"]\nto = "draft"'),
        "review.toml: state 'shared': no transition leads to it from the initial state"),
    "unknown initial state": (
        ('initial = "draft"', 'initial = "new"'),
        "review.toml: workflow: the initial state 'new' is not defined"),
    "unknown worklist state": (
        ('states = ["submitted"]', 'states = ["waiting"]'),
        "review.toml: worklist 'to_review': state 'waiting' is not defined"),
    "bad comment rule": (
        ('comment = "required"', 'comment = "please"'),
        "review.toml: transition 'share': comment must be one of none, optional, required"),
    "missing title": (
        ('title = "Submit"\n', ""),
        "review.toml: transition 'submit': 'title' is missing or not text"),
    "not TOML": (
        ("[workflow]", "[workflow"),
        "review.toml: not valid TOML"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_stops_loading_and_names_file_item_and_problem(tmp_path, mistake):
    (old, new), message = MISTAKES[mistake]
    assert old in GOOD, "the table must change something that is there"
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(WorkflowError) as error:
        load_file(path, VOCABULARY)
    assert str(error.value).startswith(message)


def test_two_files_defining_the_same_workflow_are_refused(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(WorkflowError, match="b.toml: workflow 'review' is also defined in "
                                            "a.toml"):
        load_folder(tmp_path, VOCABULARY)
