"""Named groups of states: a workflow file says which states "in force" means, code asks
for the group by name, and a group naming a state the file does not define stops start-up."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from profilerepo.workflow import (
    WorkflowError,
    group,
    in_group,
    load_file,
    project_engine,
    running_engine,
)
from tests.workflow.test_definition import GOOD, VOCABULARY

SRC = Path(__file__).resolve().parents[2] / "src" / "profilerepo"

WITH_GROUPS = GOOD + textwrap.dedent("""
    [groups]
    "waiting" = ["submitted"]
    "being written" = ["draft", "submitted"]
    """)


def write(tmp_path, text: str):
    path = tmp_path / "review.toml"
    path.write_text(textwrap.dedent(text))
    return path


def test_a_file_declares_groups_and_code_asks_for_them_by_name(tmp_path):
    workflow = load_file(write(tmp_path, WITH_GROUPS), VOCABULARY)
    assert workflow.group("waiting") == {"submitted"}
    assert workflow.group("being written") == {"draft", "submitted"}


@pytest.mark.parametrize("table, message", [
    ('"waiting" = ["submitted", "sent"]', "review.toml: group 'waiting': state 'sent' is not "
                                          "defined"),
    ('"waiting" = []', "review.toml: group 'waiting': it names no state"),
    ('"waiting" = [1]', "review.toml: group 'waiting': 'states' must be a list of names"),
])
def test_a_group_naming_an_unknown_state_stops_loading_naming_file_group_and_state(
        tmp_path, table, message):
    with pytest.raises(WorkflowError) as error:
        load_file(write(tmp_path, GOOD + "\n[groups]\n" + table + "\n"), VOCABULARY)
    assert str(error.value).startswith(message)


def test_asking_for_a_group_the_file_does_not_declare_names_workflow_and_group(tmp_path):
    workflow = load_file(write(tmp_path, WITH_GROUPS), VOCABULARY)
    with pytest.raises(WorkflowError, match="review.toml: the 'review' workflow has no "
                                            "group 'in force'"):
        workflow.group("in force")


# What the code means by each group, in the project's files.
PROJECT_GROUPS = {
    ("plan-lifecycle", "in force"): {"active", "amending"},
    ("plan-lifecycle", "being written"): {"draft", "in_review", "amending"},
    ("plan-lifecycle", "reported on"): {"active", "amending", "in_review"},
    ("plan-lifecycle", "review done"): {"active", "closed"},
    ("plan-lifecycle", "archived"): {"closed"},
    ("goal-lifecycle", "in force"): {"active"},
    ("progress-report", "shared with the family"): {"shared"},
}


@pytest.mark.parametrize("workflow, name", sorted(PROJECT_GROUPS))
def test_the_project_groups_say_what_the_code_means(workflow, name):
    engine = project_engine()
    assert engine.states(workflow, name) == PROJECT_GROUPS[workflow, name]
    assert group(workflow, name) == PROJECT_GROUPS[workflow, name]  # outside a request too


def test_a_document_is_in_a_group_while_its_state_is_one_of_the_group():
    engine = project_engine()

    class Plan:
        workflow_chain = ("plan-lifecycle",)

    plan = Plan()
    engine.start(plan)
    assert not engine.in_group(plan, "plan-lifecycle", "in force")
    assert engine.in_group(plan, "plan-lifecycle", "being written")
    plan.workflow_states = {"plan-lifecycle": "amending"}
    assert engine.in_group(plan, "plan-lifecycle", "in force")
    assert in_group(plan, "plan-lifecycle", "in force")


def test_domain_code_without_a_request_gets_the_running_applications_workflows():
    from pyramid import testing

    engine = project_engine()
    config = testing.setUp()
    try:
        config.registry.workflows = engine
        assert running_engine() is engine
    finally:
        testing.tearDown()
    assert running_engine() is not engine  # the project's files, outside an application


ASKED = re.compile(r"""(?:\bgroup|\.states|in_group)\((?:[^()"]*,\s*)?"([\w-]+)",\s*"([^"]+)"\)""")


def test_every_group_the_code_asks_for_is_declared():
    """A misspelt group fails here, not on the page that happens to ask for it."""
    engine = project_engine()
    asked = {(match.group(1), match.group(2)) for path in SRC.rglob("*.py")
             for match in ASKED.finditer(path.read_text(encoding="utf-8"))}
    assert asked, "the pattern must find the code's questions"
    for workflow, name in sorted(asked):
        assert engine.states(workflow, name), (workflow, name)


# Words that are also workflow states but mean something else where they appear: a
# review cycle's own status, a demo random stream's name.
NOT_STATES = ('"opening", "open", "closed"', 'self.rng("',
              '"waiting", "approved", "declined"',  # (a records request's own standing)
              'AUDIENCES = ("family", "school")')  # (who a backpack is for)


def test_no_code_outside_the_workflow_package_names_a_state():
    """Code asks for a group, an initial state or a transition's target instead, so the
    states a question means are said once, in the workflow's file."""
    engine = project_engine()
    names = {state for workflow in engine.workflows.values() for state in workflow.states}
    alternatives = "|".join(sorted(names))
    quoted = re.compile(rf"""["']({alternatives})["']""")
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py")) if SRC / "workflow" not in path.parents
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if quoted.search(line) and not any(word in line for word in NOT_STATES)]
    assert found == []
