"""Sharing through HTTP: in each sharing state, who opens and edits the profile, a portfolio
item, the plan and a goal in it; taking and refusing sharing transitions."""
from __future__ import annotations

import io

import pytest
import transaction

from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, OTHER_GUARDIAN, READING_GOAL, ROLE_USERS, login, take

S1 = "/students/s1/"
ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor")
STATES = ("private", "family")

# document -> (view URL, edit URL)
URLS = {
    "profile": (S1 + "profile/", S1 + "profile/edit"),
    "portfolio item": (S1 + "portfolio/item-1/", S1 + "portfolio/item-1/edit"),
    "plan": (S1 + "plan/", S1 + "plan/edit"),
    "goal": (S1 + "plan/goals/goal-1/", S1 + "plan/goals/goal-1/edit"),
}

# document -> sharing state -> role -> (view status, edit-form status), written out by hand
# from workflows/sharing.toml (view), the section table in security/roles.py (edit, unless a
# workflow manages it) and "nobody edits what they may not view". The plan is a draft
# (plan-lifecycle: only the counselor edits); the goal is proposed (goal-lifecycle: only the
# counselor edits) and is read only by those who may read its plan, whose sharing state is
# the one named. The portfolio item was made by the student (sam), its author. The
# contributor is Toby, whom the family granted the profile, portfolio and plan: he reads
# what the family reads there (tests/family/test_grant_access.py has every grant).
ACCESS = {
    "profile": {
        #                counselor   teacher     admin       guardian    student     contributor
        "private":      ((200, 200), (200, 403), (200, 403), (403, 403), (403, 403), (403, 403)),
        "family":       ((200, 200), (200, 403), (200, 403), (200, 200), (200, 403), (200, 403)),
    },
    "portfolio item": {
        "private":      ((200, 403), (200, 200), (200, 403), (404, 404), (200, 200), (404, 404)),
        "family":       ((200, 403), (200, 200), (200, 403), (200, 200), (200, 200), (200, 403)),
    },
    "plan": {
        "private":      ((200, 200), (200, 403), (200, 403), (403, 403), (403, 403), (403, 403)),
        "family":       ((200, 200), (200, 403), (200, 403), (200, 403), (200, 403), (200, 403)),
    },
    "goal": {
        "private":      ((200, 200), (200, 403), (200, 403), (404, 404), (404, 404), (404, 404)),
        # The contributor reads the plan in this state, and the plan page lists its goals
        # with links: "who may read a goal follows its plan" (goal-lifecycle.toml).
        "family":       ((200, 200), (200, 403), (200, 403), (200, 403), (200, 403), (200, 403)),
    },
}

def add_goal_and_item(s1) -> None:
    """A proposed goal in s1's plan and a portfolio item made by the student (private)."""
    s1["plan"].goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    blob, content_type, size = store_file(io.BytesIO(b"my bridge"), 1000)
    s1["portfolio"].add("item-1", PortfolioItem({
        "title": "Bridge report", "kind": "work", "file": blob, "filename": "bridge.txt",
        "content_type": content_type, "size": size,
    }, by="sam"))
    enter_workflows(ENGINE, s1["plan"].goals["goal-1"])
    enter_workflows(ENGINE, s1["portfolio"]["item-1"])


def put(world, document: str, state: str) -> None:
    """The conftest school with a goal and an item, ``document`` in sharing ``state`` (a
    goal's plan, for a goal)."""
    key = {"profile": "profile", "portfolio item": "item", "plan": "plan", "goal": "plan"}
    setup_school(world, **{key[document]: {"sharing": state}})


def setup_school(world, **states) -> None:
    """The conftest school with a goal and an item; ``states`` names documents' states, as
    {"profile": {"sharing": "family"}, ...}."""
    site = world.site()
    s1 = site["students"]["s1"]
    add_goal_and_item(s1)
    documents = {"profile": s1["profile"], "item": s1["portfolio"]["item-1"],
                 "plan": s1["plan"]}
    for name, workflow_states in states.items():
        document = documents[name]
        document.workflow_states = {**document.workflow_states, **workflow_states}
    transaction.commit()
    world.close()


def stored(world, path: str, workflow: str = "sharing") -> tuple[str, int]:
    """The state of the document at ``path`` (under s1) and its number of history entries,
    read afresh from the database."""
    site = world.site()
    node = site["students"]["s1"]
    for name in path.strip("/").split("/"):
        node = node[name]
    found = node.workflow_states[workflow], len(node.workflow_history)
    transaction.abort()
    world.close()
    return found


def state_now(world, path: str, workflow: str = "sharing") -> str:
    return stored(world, path, workflow)[0]


def observe(world, document: str, roles=ROLES) -> dict[str, tuple[int, int]]:
    view_url, edit_url = URLS[document]
    observed = {}
    for role in roles:
        assert login(world.app, ROLE_USERS[role]).status_int == 303
        observed[role] = (world.app.get(view_url, status="*").status_int,
                          world.app.get(edit_url, status="*").status_int)
    return observed


def words(response) -> str:
    return " ".join(response.html.get_text(" ").split())


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("document", list(URLS))
def test_who_opens_and_edits_each_document_in_each_sharing_state(world, document, state):
    put(world, document, state)
    observed = observe(world, document)
    expected = dict(zip(ROLES, ACCESS[document][state], strict=True))
    assert observed == expected


def test_a_contributor_who_reads_the_plan_opens_the_goals_it_lists(world):
    put(world, "goal", "family")
    login(world.app, ROLE_USERS["contributor"])
    plan = world.app.get(URLS["plan"][0])
    assert "Reads 120 words a minute by June" in plan.text  # listed, with its link
    assert observe(world, "goal", ("contributor",)) == {
        "contributor": ACCESS["goal"]["family"][ROLES.index("contributor")]}


def test_another_family_finds_none_of_these_pages_in_any_state(world):
    setup_school(world)
    app = world.app
    observed = {}
    for state in STATES:
        site = world.site()
        s1 = site["students"]["s1"]
        for document in (s1["profile"], s1["portfolio"]["item-1"], s1["plan"]):
            document.workflow_states = {**document.workflow_states, "sharing": state}
        transaction.commit()
        world.close()
        login(app, OTHER_GUARDIAN)
        for document, urls in URLS.items():
            observed[document, state] = tuple(app.get(u, status="*").status_int for u in urls)
    assert observed == dict.fromkeys(observed, (404, 404))


def transition_form(page, name: str):
    """The form on ``page`` that takes transition ``name``, or None if none is offered."""
    for form in page.forms.values():
        if "transition" in form.fields and form["transition"].value == name:
            return form
    return None


def offered(page) -> list[str]:
    return [i["value"] for i in page.html.select("form.transition input[name=transition]")]


def test_the_tutor_reads_the_shared_profile_by_the_familys_grant_and_its_page_says_so(
        world):
    setup_school(world)  # the profile is shared with the family
    app = world.app
    login(app, ROLE_USERS["guardian"])
    assert offered(app.get(S1 + "profile/")) == []  # (the family's grants decide, not states)
    login(app, ROLE_USERS["contributor"])
    page = app.get(S1 + "profile/")
    assert "Explains math ideas to classmates with patience" in page.text
    # (the family takes no part in sharing, so a workflow's name is the document's to them)
    assert "Learner profile: Shared with the family" in words(page)
    assert app.get(S1 + "profile/edit", status="*").status_int == 403


def test_making_private_needs_a_comment(world):
    setup_school(world)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    before = stored(world, "profile")
    assert before == ("family", 1)  # shared with the family by the setup
    for comment in ("", "   "):
        refused = take(app, S1 + "profile/", "make_private", comment=comment, status="*")
        assert refused.status_int == 400
        assert "Not done: Make private to the school team: a comment is required." in \
            words(refused)
        assert stored(world, "profile") == before
    login(app, ROLE_USERS["guardian"])
    assert app.get(S1 + "profile/").status_int == 200


# Transitions each role's pages do not offer it, posted by hand with a valid CSRF token:
# (role, document URL, transition, sharing state before, the guard's message)
FORGED = (
    ("teacher", S1 + "plan/", "share_with_family", "private",
     "Not done: Share with the family: only an administrator, the person who wrote it "
     "or the student's counselor can do this."),
    ("guardian", S1 + "profile/", "make_private", "family",
     "Not done: Make private to the school team: only an administrator, the person who "
     "wrote it or the student's counselor can do this."),
    ("guardian", S1 + "portfolio/item-1/", "make_private", "family",
     "Not done: Make private to the school team: only an administrator, the person who "
     "wrote it or the student's counselor can do this."),
    ("counselor", S1 + "profile/", "share_with_family", "family",
     "Not done: Share with the family: it cannot be done while this is “Shared with the "
     "family”."),
)


@pytest.mark.parametrize(("role", "url", "transition", "state", "message"), FORGED,
                         ids=[f"{f[0]}-{f[2]}-{f[1].split('/')[-2]}" for f in FORGED])
def test_a_forged_transition_is_refused_naming_the_guard_and_changes_nothing(
        world, role, url, transition, state, message):
    path = url[len(S1):]
    key = {"profile/": "profile", "plan/": "plan", "portfolio/item-1/": "item"}[path]
    setup_school(world, **{key: {"sharing": state}})
    before = stored(world, path)
    assert before[0] == state
    app = world.app
    login(app, ROLE_USERS[role])
    page = app.get(url)
    assert transition not in offered(page)
    refused = take(app, url, transition, comment="Forged on purpose", status="*")
    assert refused.status_int == 403
    assert message in words(refused)
    assert stored(world, path) == before


def test_the_author_sees_their_private_item_and_their_guardian_only_once_shared(world):
    setup_school(world)  # the item is private, as it starts
    app = world.app
    login(app, ROLE_USERS["guardian"])
    assert "Bridge report" not in app.get(S1 + "portfolio/").text
    assert app.get(S1 + "portfolio/item-1/", status="*").status_int == 404
    assert app.get(S1 + "portfolio/item-1/download", status="*").status_int == 404
    login(app, ROLE_USERS["student"])
    assert "Bridge report" in app.get(S1 + "portfolio/").text
    page = app.get(S1 + "portfolio/item-1/")
    assert "Portfolio item: Private to the school team" in words(page)
    assert offered(page) == ["share_with_family"]
    assert app.get(S1 + "portfolio/item-1/download").body == b"my bridge"
    done = transition_form(page, "share_with_family").submit()
    assert done.status_int == 303
    assert state_now(world, "portfolio/item-1") == "family"
    login(app, ROLE_USERS["guardian"])
    assert "Bridge report" in app.get(S1 + "portfolio/").text
    page = app.get(S1 + "portfolio/item-1/")
    assert "Portfolio item: Shared with the family" in words(page)
    assert app.get(S1 + "portfolio/item-1/download").body == b"my bridge"


def test_a_refusal_needs_the_csrf_token_too(world):
    setup_school(world)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    assert "make_private" in offered(app.get(S1 + "profile/"))
    response = app.post(S1 + "profile/transition",
                        {"transition": "make_private", "workflow": "sharing",
                         "comment": "Being rewritten", "confirmed": "yes"}, status="*")
    assert response.status_int == 400
    assert state_now(world, "profile") == "family"
