"""The two request workflows in workflows/, as the application loads them: who may answer,
withdraw, correct and state a disagreement in each state of an inspection and an amendment
request, and who reads them (only the family holding the rights and administrators)."""
from __future__ import annotations

import pytest

from profilerepo.family_requests.model import AmendmentRequest, InspectionRequest
from profilerepo.workflow import TransitionRefused, project_engine
from tests.workflow.tables import roles_that_may

ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor",
         "author", "student-16", "contributor-adds", "family-rights")
ADMIN, FAMILY = {"administrator"}, {"family-rights"}
READERS = {"administrator", "family-rights"}

INSPECTION = "inspection-request"
INSPECTION_STATES = ("open", "arranged", "fulfilled", "withdrawn")
# (state, transition) -> the roles that may take it; any other pair is refused to everyone.
INSPECTION_MAY = {
    ("open", "arrange"): ADMIN, ("arranged", "arrange"): ADMIN,
    ("open", "fulfil"): ADMIN, ("arranged", "fulfil"): ADMIN,
    ("open", "withdraw"): FAMILY, ("arranged", "withdraw"): FAMILY,
}
INSPECTION_TARGET = {"arrange": "arranged", "fulfil": "fulfilled", "withdraw": "withdrawn"}

AMENDMENT = "amendment-request"
AMENDMENT_STATES = ("open", "amended", "refused", "disputed", "withdrawn")
AMENDMENT_MAY = {
    ("open", "amend"): ADMIN, ("open", "refuse"): ADMIN, ("open", "withdraw"): FAMILY,
    ("refused", "state_disagreement"): FAMILY, ("disputed", "state_disagreement"): FAMILY,
}
AMENDMENT_TARGET = {"amend": "amended", "refuse": "refused", "withdraw": "withdrawn",
                    "state_disagreement": "disputed"}

# workflow -> group -> its states (what the code asks by name)
GROUPS = {
    INSPECTION: {"waiting for the school": {"open", "arranged"}, "answered": {"fulfilled"},
                 "closed": {"fulfilled", "withdrawn"}},
    AMENDMENT: {"waiting for the school": {"open"},
                "refused by the school": {"refused", "disputed"}, "corrected": {"amended"},
                "closed": {"amended", "refused", "disputed", "withdrawn"}},
}


@pytest.fixture(scope="module")
def engine():
    return project_engine()


def inspection_in(engine, state: str) -> InspectionRequest:
    made = InspectionRequest({"what": "", "how": "copies"}, by="gina")
    engine.start(made)
    made.workflow_states = {INSPECTION: state}
    return made


def amendment_in(engine, state: str) -> AmendmentRequest:
    made = AmendmentRequest(None, {"what_is_wrong": "The dates.", "why": "They are wrong."},
                            by="gina")
    engine.start(made)
    made.workflow_states = {AMENDMENT: state}
    return made


@pytest.mark.parametrize("state", INSPECTION_STATES)
@pytest.mark.parametrize("transition", INSPECTION_TARGET)
def test_who_may_move_an_inspection_request_in_each_state(engine, state, transition):
    allowed = roles_that_may(engine, lambda: inspection_in(engine, state), INSPECTION, state,
                             transition, INSPECTION_TARGET[transition], ROLES,
                             comment="Seen in person on 8 September.")
    assert allowed == INSPECTION_MAY.get((state, transition), set())


@pytest.mark.parametrize("state", AMENDMENT_STATES)
@pytest.mark.parametrize("transition", AMENDMENT_TARGET)
def test_who_may_move_an_amendment_request_in_each_state(engine, state, transition):
    allowed = roles_that_may(engine, lambda: amendment_in(engine, state), AMENDMENT, state,
                             transition, AMENDMENT_TARGET[transition], ROLES,
                             comment="The record is accurate.")
    assert allowed == AMENDMENT_MAY.get((state, transition), set())


@pytest.mark.parametrize("make, states", [(inspection_in, INSPECTION_STATES),
                                          (amendment_in, AMENDMENT_STATES)])
def test_only_the_family_holding_the_rights_and_administrators_read_a_request(
        engine, make, states):
    for state in states:
        permissions = engine.permissions(make(engine, state))
        assert {role for role in ROLES if "view" in permissions.get(role, ())} == READERS
        assert not any("edit" in permissions.get(role, ()) for role in ROLES)


@pytest.mark.parametrize("make, transition", [(inspection_in, "arrange"),
                                              (inspection_in, "fulfil"),
                                              (amendment_in, "refuse")])
def test_the_school_says_why_or_how(engine, make, transition):
    made = make(engine, "open")
    with pytest.raises(TransitionRefused, match="a comment is required"):
        engine.perform(made, transition, actor="ada", roles=ADMIN, comment=" ")
    assert made.workflow_history == ()


def test_a_correction_and_a_statement_are_made_on_their_own_pages(engine):
    made = amendment_in(engine, "open")
    amend = engine.find(made, "amend")
    assert (amend.form, engine.find(amendment_in(engine, "refused"),
                                    "state_disagreement").form) == ("amend", "statement")


@pytest.mark.parametrize("workflow", GROUPS)
def test_the_groups_the_code_asks_about(engine, workflow):
    for group, states in GROUPS[workflow].items():
        assert engine.states(workflow, group) == states


@pytest.mark.parametrize("workflow, worklist, states", [
    (INSPECTION, "inspection_requests_due", {"open", "arranged"}),
    (AMENDMENT, "amendment_requests_due", {"open"})])
def test_waiting_requests_are_on_the_administrators_worklist(engine, workflow, worklist,
                                                             states):
    found = engine.workflows[workflow].worklists[worklist]
    assert (set(found.states), set(found.roles)) == (states, ADMIN)
