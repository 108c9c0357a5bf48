"""The narrative review workflow in workflows/, as the application loads it: every state x
transition x role, and what each role may do in each state."""
from __future__ import annotations

import pytest
from pyramid.exceptions import ConfigurationError

from profilerepo.app import database
from profilerepo.workflow import TransitionRefused, WorkflowError
from tests.conftest import file_uri, make_app
from tests.workflow.tables import roles_that_may

ROLES = ("author", "teacher", "counselor", "administrator", "guardian", "student",
         "contributor")
STATES = ("draft", "submitted", "returned", "approved", "shared")
TRANSITIONS = ("submit", "return", "approve", "share", "retract")

# (state, transition) -> the roles that may take it; any other pair is refused to everyone.
MAY = {
    ("draft", "submit"): {"author"},
    ("returned", "submit"): {"author"},
    ("submitted", "return"): {"counselor", "administrator"},
    ("submitted", "approve"): {"counselor", "administrator"},
    ("approved", "share"): {"author", "counselor", "administrator"},
    ("submitted", "retract"): {"author"},
    ("returned", "retract"): {"author"},
    ("approved", "retract"): {"author"},
    ("shared", "retract"): {"author"},
}
TARGET = {"submit": "submitted", "return": "returned", "approve": "approved",
          "share": "shared", "retract": "draft"}

# state -> role -> "v" view, "ve" view and edit, "-" nothing
ACCESS = {
    #             author teacher counselor admin guardian student contributor
    "draft":     ("ve",  "-",    "-",      "v",  "-",     "-",    "-"),
    "submitted": ("v",   "-",    "v",      "v",  "-",     "-",    "-"),
    "returned":  ("ve",  "-",    "v",      "v",  "-",     "-",    "-"),
    "approved":  ("v",   "v",    "v",      "v",  "-",     "-",    "-"),
    # (a contributor holds the role only where a live grant of the family opens the
    # narratives: they read what the family reads)
    "shared":    ("v",   "v",    "v",      "v",  "v",     "v",    "v"),
}


class Narrative:
    pass


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("wf")
    app = make_app(file_uri(path), path)
    yield app.registry.workflows
    database(app.registry).close()


def in_state(engine, state: str) -> Narrative:
    narrative = Narrative()
    engine.start(narrative, "narrative-review")
    narrative.workflow_states = {"narrative-review": state}
    return narrative


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_every_state_transition_and_role(engine, state, transition):
    allowed = roles_that_may(engine, lambda: in_state(engine, state), "narrative-review",
                             state, transition, TARGET[transition], ROLES,
                             comment="Please add an example.")
    assert allowed == MAY.get((state, transition), set())


@pytest.mark.parametrize("state", STATES)
def test_what_each_role_may_do_in_each_state(engine, state):
    permissions = engine.permissions(in_state(engine, state))
    seen = {role: "".join(c for c, p in (("v", "view"), ("e", "edit"))
                          if p in permissions.get(role, ())) or "-" for role in ROLES}
    assert seen == dict(zip(ROLES, ACCESS[state], strict=True))


def test_returning_a_narrative_needs_a_comment(engine):
    narrative = in_state(engine, "submitted")
    with pytest.raises(TransitionRefused, match="a comment is required"):
        engine.perform(narrative, "return", actor="cora", roles={"counselor"}, comment="")
    assert narrative.workflow_states["narrative-review"] == "submitted"


def test_a_bad_workflow_file_stops_start_up_naming_it(tmp_path):
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "broken.toml").write_text(
        '[workflow]\nname = "x"\ntitle = "X"\ninitial = "a"\n'
        '[states.a]\ntitle = "A"\npermissions = { view = ["headmaster"] }\n'
        "[transitions]\n")
    with pytest.raises((WorkflowError, ConfigurationError),
                       match="broken.toml: state 'a', permission 'view': unknown role "
                             "'headmaster'"):
        make_app(file_uri(tmp_path), tmp_path, **{"profilerepo.workflows": str(folder)})
