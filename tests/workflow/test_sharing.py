"""The sharing workflow in workflows/, as the application loads it: who may share a profile,
a portfolio item or a plan with whom in each state, and who may then read it."""
from __future__ import annotations

import pytest

from profilerepo.content.portfolio import PortfolioItem
from profilerepo.content.profile import Profile
from profilerepo.plans.plan import Plan
from profilerepo.workflow import TransitionRefused, project_engine
from tests.workflow.tables import roles_that_may

WORKFLOW = "sharing"
ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor",
         "author", "student-16")
STATES = ("private", "family")
TRANSITIONS = ("share_with_family", "make_private")

# (state, transition) -> the roles that may take it; any other pair is refused to everyone.
MAY = {
    ("private", "share_with_family"): {"counselor", "administrator", "author"},
    ("family", "make_private"): {"counselor", "administrator", "author"},
}
TARGET = {"share_with_family": "family", "make_private": "private"}

# state -> role -> "v" view, "-" nothing. (student-16 is always held with student, which is
# what gives a student the view; on its own it grants nothing. A contributor holds the
# role only on the parts of the record a live grant of the family opens to them: there
# they read what the family reads.)
VIEW = {
    #                counselor teacher admin guardian student contributor author student-16
    "private":      ("v",      "v",    "v",  "-",     "-",    "-",        "v",   "-"),
    "family":       ("v",      "v",    "v",  "v",     "v",    "v",        "v",   "-"),
}

SHARED_DOCUMENTS = {"profile": (Profile, {"strengths": "Patient with classmates"}),
                    "portfolio item": (PortfolioItem, {"title": "Stair robot sketch"}),
                    "plan": (Plan, {})}
PLAN_LIFECYCLE_STATES = ("draft", "in_review", "active", "amending", "closed")


@pytest.fixture(scope="module")
def engine():
    return project_engine()


def shared(engine, state: str, kind: str = "profile", **other_states):
    """A new document of ``kind``, started in its workflows, with sharing in ``state``."""
    cls, values = SHARED_DOCUMENTS[kind]
    document = cls(values, by="cora")
    engine.start(document)
    document.workflow_states = {**document.workflow_states, WORKFLOW: state, **other_states}
    return document


def viewers(engine, document) -> dict[str, str]:
    held = engine.permissions(document)
    return {role: "v" if "view" in held.get(role, ()) else "-" for role in ROLES}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_who_may_change_the_sharing_in_each_state(engine, state, transition):
    allowed = roles_that_may(engine, lambda: shared(engine, state), WORKFLOW, state,
                             transition, TARGET[transition], ROLES,
                             comment="The family asked for it.")
    assert allowed == MAY.get((state, transition), set())


@pytest.mark.parametrize("kind", sorted(SHARED_DOCUMENTS))
@pytest.mark.parametrize("state", STATES)
def test_who_may_read_a_shared_document_in_each_state(engine, kind, state):
    assert WORKFLOW in SHARED_DOCUMENTS[kind][0].workflow_chain
    assert viewers(engine, shared(engine, state, kind)) == dict(
        zip(ROLES, VIEW[state], strict=True))


@pytest.mark.parametrize("lifecycle", PLAN_LIFECYCLE_STATES)
@pytest.mark.parametrize("state", STATES)
def test_who_reads_a_plan_follows_its_sharing_whatever_its_lifecycle(engine, state,
                                                                     lifecycle):
    plan = shared(engine, state, "plan", **{"plan-lifecycle": lifecycle})
    assert viewers(engine, plan) == dict(zip(ROLES, VIEW[state], strict=True))


def test_sharing_decides_who_reads_and_leaves_editing_to_the_section_table(engine):
    for kind in ("profile", "portfolio item"):
        document = shared(engine, "family", kind)
        assert engine.managed(document) == {"view"}
        assert not any("edit" in perms for perms in engine.permissions(document).values())


def test_a_new_document_is_private_to_the_school_team(engine):
    for kind in SHARED_DOCUMENTS:
        cls, values = SHARED_DOCUMENTS[kind]
        document = cls(values, by="cora")
        engine.start(document)
        assert document.workflow_states[WORKFLOW] == "private"
        assert viewers(engine, document)["guardian"] == "-"


@pytest.mark.parametrize("state", ("family",))
def test_making_a_shared_document_private_needs_a_reason(engine, state):
    document = shared(engine, state)
    for comment in ("", "   "):
        with pytest.raises(TransitionRefused, match="a comment is required"):
            engine.perform(document, "make_private", actor="cora", roles={"counselor"},
                           comment=comment)
    assert document.workflow_states[WORKFLOW] == state and document.workflow_history == ()
    entry = engine.perform(document, "make_private", actor="cora", roles={"counselor"},
                           comment=" Shared by mistake. ")
    assert (entry.comment, document.workflow_states[WORKFLOW]) == ("Shared by mistake.",
                                                                   "private")


def test_whom_the_family_grants_reads_what_the_family_reads(engine):
    """No state of its own for people outside the school: a grant decides who they are
    (``family.grants``), and they read a document exactly when the family does."""
    assert "contributors" not in engine.workflows[WORKFLOW].states
    for state in STATES:
        seen = viewers(engine, shared(engine, state))
        assert seen["contributor"] == seen["guardian"]
