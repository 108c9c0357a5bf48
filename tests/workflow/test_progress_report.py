"""The progress-report workflow in workflows/, as the application loads it: who may review,
share and reopen a progress report in each state, and who may read and edit it."""
from __future__ import annotations

import pytest

from profilerepo.plans.reports import ProgressReport
from profilerepo.workflow import TransitionRefused, project_engine
from tests.workflow.tables import roles_that_may

WORKFLOW = "progress-report"
ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor",
         "author", "student-16")
STATES = ("draft", "reviewed", "shared")
TRANSITIONS = ("review", "share", "reopen")
STAFF = {"counselor", "administrator"}

# (state, transition) -> the roles that may take it; any other pair is refused to everyone.
MAY = {
    ("draft", "review"): STAFF,
    ("reviewed", "share"): STAFF,
    ("reviewed", "reopen"): STAFF,
    ("shared", "reopen"): STAFF,
}
TARGET = {"review": "reviewed", "share": "shared", "reopen": "draft"}

# state -> role -> "v" view, "ve" view and edit, "-" nothing
ACCESS = {
    #            counselor teacher admin guardian student contributor author student-16
    "draft":    ("ve",     "ve",   "v",  "-",     "-",    "-",        "-",   "-"),
    "reviewed": ("ve",     "v",    "v",  "-",     "-",    "-",        "-",   "-"),
    # (a contributor: someone the family's live grant opens the plan to)
    "shared":   ("v",      "v",    "v",  "v",     "v",    "v",        "-",   "-"),
}


@pytest.fixture(scope="module")
def engine():
    return project_engine()


def report_in(engine, state: str) -> ProgressReport:
    report = ProgressReport({"period": "Fall 2026", "body": "Reading: 60 to 75 words a "
                                                            "minute; target 90."}, by="cora")
    engine.start(report)
    report.workflow_states = {WORKFLOW: state}
    return report


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_who_may_move_a_progress_report_in_each_state(engine, state, transition):
    allowed = roles_that_may(engine, lambda: report_in(engine, state), WORKFLOW, state,
                             transition, TARGET[transition], ROLES,
                             comment="Add the attendance numbers.")
    assert allowed == MAY.get((state, transition), set())


@pytest.mark.parametrize("state", STATES)
def test_who_may_read_and_edit_a_progress_report_in_each_state(engine, state):
    permissions = engine.permissions(report_in(engine, state))
    seen = {role: "".join(c for c, p in (("v", "view"), ("e", "edit"))
                          if p in permissions.get(role, ())) or "-" for role in ROLES}
    assert seen == dict(zip(ROLES, ACCESS[state], strict=True))


@pytest.mark.parametrize("state", ("reviewed", "shared"))
def test_reopening_a_progress_report_needs_a_comment(engine, state):
    report = report_in(engine, state)
    for comment in ("", "  "):
        with pytest.raises(TransitionRefused, match="a comment is required"):
            engine.perform(report, "reopen", actor="cora", roles={"counselor"},
                           comment=comment)
    assert report.workflow_states[WORKFLOW] == state and report.workflow_history == ()
    entry = engine.perform(report, "reopen", actor="cora", roles={"counselor"},
                           comment="The family asked for the numbers.")
    assert (entry.comment, report.workflow_states[WORKFLOW]) == (
        "The family asked for the numbers.", "draft")


def test_a_report_reaches_the_family_only_after_review(engine):
    report = ProgressReport({"period": "Fall 2026", "body": "On track."}, by="cora")
    engine.start(report)
    assert report.workflow_states == {WORKFLOW: "draft"}
    with pytest.raises(TransitionRefused, match="cannot be done while this is"):
        engine.perform(report, "share", actor="cora", roles={"counselor"})
    engine.perform(report, "review", actor="cora", roles={"counselor"})
    assert "guardian" not in engine.permissions(report)
    engine.perform(report, "share", actor="ada", roles={"administrator"})
    assert engine.permissions(report)["guardian"] == {"view"}
    assert [(e.action, e.actor) for e in report.workflow_history] == [
        ("review", "cora"), ("share", "ada")]
