"""The success plan's lifecycle, its progress reports and its goals, through HTTP: who edits
in which state, transitions taken from the pages, refusals that change nothing."""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo.plans.goals import Goal
from profilerepo.plans.reports import ProgressReport
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, READING_GOAL, ROLE_USERS, login, take

S1 = "/students/s1/"
PLAN = S1 + "plan/"
GOAL = PLAN + "goals/goal-1/"
REPORT = PLAN + "reports/report-1/"
ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor")
TODAY = datetime.date.today()
IN_FORCE = TODAY + datetime.timedelta(days=60)  # a plan period that is not over


def setup_plan(world, *, plan_state: str = "draft", period_end=IN_FORCE,
               goal_state=None, report_state=None) -> None:
    """The conftest school (s1's plan shared with the family) with the plan in
    ``plan_state`` for a period ending ``period_end`` (None: no period written yet); a goal
    and a progress report if their states are given."""
    site = world.site()
    plan = site["students"]["s1"]["plan"]
    plan.workflow_states = {**plan.workflow_states, "plan-lifecycle": plan_state}
    if period_end is not None:
        start = period_end - datetime.timedelta(days=300)
        plan.record({"period_start": start, "period_end": period_end,
                     "review_due": start + datetime.timedelta(days=250)}, by="cora")
    if goal_state is not None:
        plan.goals.add("goal-1", Goal(READING_GOAL, by="cora"))
        goal = plan.goals["goal-1"]
        enter_workflows(ENGINE, goal)
        goal.workflow_states = {"goal-lifecycle": goal_state}
    if report_state is not None:
        plan.reports.add("report-1", ProgressReport(
            {"period": "Fall", "body": "Maya reads 96 words a minute, up from 80."}, by="cora"))
        report = plan.reports["report-1"]
        enter_workflows(ENGINE, report)
        report.workflow_states = {"progress-report": report_state}
    transaction.commit()
    world.close()


def stored(world, path: str, workflow: str) -> tuple[str, int]:
    """The document's state in ``workflow`` and its number of history entries, read afresh
    from the database (``path`` under s1's plan, "" for the plan)."""
    site = world.site()
    node = site["students"]["s1"]["plan"]
    for name in filter(None, path.strip("/").split("/")):
        node = node[name]
    found = node.workflow_states[workflow], len(node.workflow_history)
    transaction.abort()
    world.close()
    return found


def words(response) -> str:
    return " ".join(response.html.get_text(" ").split())


def offered(page) -> list[str]:
    """What the page offers: transition buttons by name, and linked transitions by title."""
    buttons = [i["value"] for i in page.html.select("form.transition input[name=transition]")]
    links = [a.get_text(strip=True) for a in page.html.select("p.transition a")]
    return buttons + links


def statuses(world, urls, roles=ROLES) -> dict[str, tuple[int, ...]]:
    observed = {}
    for role in roles:
        assert login(world.app, ROLE_USERS[role]).status_int == 303
        observed[role] = tuple(world.app.get(url, status="*").status_int for url in urls)
    return observed


def save_plan(app, accommodations: str):
    form = app.get(PLAN + "edit").forms["document-form"]
    form["accommodations"] = accommodations
    return form.submit("save")


def test_the_plan_goes_from_draft_to_active_and_is_amended(world):
    setup_plan(world)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    saved = save_plan(app, "Extra time on tests")
    assert saved.status_int == 303
    page = saved.follow()
    assert "Saved. This is version 3." in page.text and "Extra time on tests" in page.text
    assert "Plan lifecycle: Draft" in words(page)
    assert offered(page) == ["submit", "make_private"]
    assert take(app, PLAN, "submit").status_int == 303
    assert stored(world, "", "plan-lifecycle")[0] == "in_review"
    page = app.get(PLAN)
    assert offered(page) == ["return", "adopt", "make_private"]  # not "close": no period
    assert save_plan(app, "Extra time on tests; a quiet room").status_int == 303
    assert take(app, PLAN, "adopt").status_int == 303
    assert stored(world, "", "plan-lifecycle")[0] == "active"
    page = app.get(PLAN)
    assert "Plan lifecycle: Active" in words(page)
    assert PLAN + "edit" not in page.text and "Add a goal" not in page.text

    # Active: the plan changes only through an amendment, for everybody.
    observed = statuses(world, (PLAN + "edit", PLAN + "goals/add"))
    assert observed == dict.fromkeys(ROLES, (403, 403))

    login(app, ROLE_USERS["counselor"])
    before = stored(world, "", "plan-lifecycle")
    refused = take(app, PLAN, "amend", comment="  ", status="*")
    assert refused.status_int == 400
    assert "Not done: Amend the plan: a comment is required." in words(refused)
    assert stored(world, "", "plan-lifecycle") == before
    assert app.get(PLAN + "edit", status="*").status_int == 403

    assert take(app, PLAN, "amend", comment="Add speech therapy").status_int == 303
    assert stored(world, "", "plan-lifecycle")[0] == "amending"
    assert app.get(PLAN + "goals/add").status_int == 200
    page = save_plan(app, "Extra time; a quiet room; speech therapy").follow()
    assert "Extra time; a quiet room; speech therapy" in page.text
    history = [" ".join(li.get_text(" ").split()) for li in page.html.select("ol.history li")]
    assert "Amend the plan (Active → Being amended): “Add speech therapy”" in history[0]
    assert len(history) == 4  # the setup's sharing, then submit, adopt, amend
    # Being amended: the counselor edits; the others (Toby, by the family's grant) only read.
    observed = statuses(world, (PLAN, PLAN + "edit"))
    assert observed == {"counselor": (200, 200), "teacher": (200, 403),
                        "administrator": (200, 403), "guardian": (200, 403),
                        "student": (200, 403), "contributor": (200, 403)}
    login(app, ROLE_USERS["counselor"])
    assert take(app, PLAN, "adopt_amendment").status_int == 303
    assert stored(world, "", "plan-lifecycle")[0] == "active"
    assert app.get(PLAN + "edit", status="*").status_int == 403


def test_the_administrator_moves_the_plan_along_without_editing_it(world):
    setup_plan(world, plan_state="in_review")
    app = world.app
    login(app, ROLE_USERS["administrator"])
    assert offered(app.get(PLAN)) == ["return", "adopt", "make_private"]
    assert app.get(PLAN + "edit", status="*").status_int == 403
    assert take(app, PLAN, "adopt").status_int == 303
    assert stored(world, "", "plan-lifecycle")[0] == "active"


@pytest.mark.parametrize("role", ("teacher", "guardian", "student"))
def test_only_the_counselor_and_administrator_move_the_plan_along(world, role):
    setup_plan(world)
    before = stored(world, "", "plan-lifecycle")
    app = world.app
    login(app, ROLE_USERS[role])
    assert "submit" not in offered(app.get(PLAN))
    refused = take(app, PLAN, "submit", status="*")
    assert refused.status_int == 403
    assert "Not done: Send for review: only an administrator or the student's " \
        "counselor can do this." in words(refused)
    assert stored(world, "", "plan-lifecycle") == before


@pytest.mark.parametrize("period_end", (None, TODAY + datetime.timedelta(days=1)),
                         ids=("no period", "period not over"))
def test_close_is_not_offered_or_taken_while_the_period_runs(world, period_end):
    setup_plan(world, plan_state="active", period_end=period_end)
    before = stored(world, "", "plan-lifecycle")
    app = world.app
    login(app, ROLE_USERS["counselor"])
    page = app.get(PLAN)
    assert offered(page) == ["amend", "begin_review", "make_private"]
    refused = take(app, PLAN, "close", status="*")
    assert refused.status_int == 403
    assert "Not done: Close the plan (its period is over): the plan's period has not " \
        "ended yet; a plan is closed once its end date has come." in words(refused)
    assert stored(world, "", "plan-lifecycle") == before


@pytest.mark.parametrize("period_end", (TODAY, TODAY - datetime.timedelta(days=1)),
                         ids=("ends today", "ended yesterday"))
def test_a_plan_whose_period_is_over_is_closed_and_stays_readable(world, period_end):
    setup_plan(world, plan_state="active", period_end=period_end)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    page = app.get(PLAN)
    assert offered(page) == ["amend", "begin_review", "close", "make_private"]
    assert take(app, PLAN, "close").status_int == 303
    assert stored(world, "", "plan-lifecycle")[0] == "closed"
    observed = statuses(world, (PLAN, PLAN + "edit", PLAN + "goals/add"))
    assert observed == {"counselor": (200, 403, 403), "teacher": (200, 403, 403),
                        "administrator": (200, 403, 403), "guardian": (200, 403, 403),
                        "student": (200, 403, 403), "contributor": (200, 403, 403)}
    login(app, ROLE_USERS["guardian"])
    assert "Success plan: Closed (archived)" in words(app.get(PLAN))  # (plain words)
    login(app, ROLE_USERS["counselor"])
    assert offered(app.get(PLAN)) == ["make_private"]  # closed for good


# report state -> role -> (view, edit form) statuses, from progress-report.toml (which
# decides both), in a draft plan shared with the family (and so with Toby, whom the
# family granted the plan)
REPORT_ACCESS = {
    #           counselor   teacher     admin       guardian    student     contributor
    "draft":    ((200, 200), (200, 200), (200, 403), (404, 404), (404, 404), (404, 404)),
    "reviewed": ((200, 200), (200, 403), (200, 403), (404, 404), (404, 404), (404, 404)),
    "shared":   ((200, 403), (200, 403), (200, 403), (200, 403), (200, 403), (200, 403)),
}


@pytest.mark.parametrize("state", list(REPORT_ACCESS))
def test_who_reads_and_edits_a_progress_report_in_each_state(world, state):
    setup_plan(world, report_state=state)
    assert statuses(world, (REPORT, REPORT + "edit")) == dict(
        zip(ROLES, REPORT_ACCESS[state], strict=True))


@pytest.mark.parametrize("sharing", ("private", "family"))
def test_a_shared_report_is_read_only_by_those_who_read_its_plan(world, sharing):
    setup_plan(world, report_state="shared")
    site = world.site()
    plan = site["students"]["s1"]["plan"]
    plan.workflow_states = {**plan.workflow_states, "sharing": sharing}
    transaction.commit()
    world.close()
    family = 200 if sharing == "family" else 404
    observed = {role: codes[0] for role, codes in statuses(world, (REPORT,)).items()}
    assert observed == {"counselor": 200, "teacher": 200, "administrator": 200,
                        "guardian": family, "student": family, "contributor": family}


def test_a_progress_report_reaches_the_family_once_shared(world):
    setup_plan(world, report_state="draft")
    app = world.app
    login(app, ROLE_USERS["guardian"])
    assert app.get(REPORT, status="*").status_int == 404
    login(app, ROLE_USERS["counselor"])
    page = app.get(REPORT)
    assert "Progress report: Draft" in words(page)
    assert offered(page) == ["review"]
    assert take(app, REPORT, "review").status_int == 303
    login(app, ROLE_USERS["guardian"])
    assert app.get(REPORT, status="*").status_int == 404
    login(app, ROLE_USERS["counselor"])
    assert take(app, REPORT, "share", comment="For the conference").status_int == 303
    assert stored(world, "reports/report-1", "progress-report") == ("shared", 2)
    login(app, ROLE_USERS["guardian"])
    page = app.get(REPORT)
    text = words(page)
    assert "Progress report: Shared with the family" in text
    assert "Maya reads 96 words a minute, up from 80." in text
    assert offered(page) == []
    assert not page.html.select("ol.history li") and "For the conference" not in text
    login(app, ROLE_USERS["counselor"])  # the history and its comments are for the staff
    page = app.get(REPORT)
    history = [" ".join(li.get_text(" ").split()) for li in page.html.select("ol.history li")]
    assert len(history) == 2
    assert "Share with the family (Reviewed → Shared with the family): " \
        "“For the conference”" in history[0]
    assert "Mark as reviewed (Draft → Reviewed)" in history[1]


def test_reopening_a_shared_report_needs_a_comment_and_hides_it_again(world):
    setup_plan(world, report_state="shared")
    before = stored(world, "reports/report-1", "progress-report")
    app = world.app
    login(app, ROLE_USERS["counselor"])
    refused = take(app, REPORT, "reopen", status="*")
    assert refused.status_int == 400
    assert stored(world, "reports/report-1", "progress-report") == before
    assert take(app, REPORT, "reopen", comment="Wrong numbers").status_int == 303
    assert stored(world, "reports/report-1", "progress-report")[0] == "draft"
    login(app, ROLE_USERS["guardian"])
    assert app.get(REPORT, status="*").status_int == 404


# goal state -> role -> (view, edit form) statuses, in a draft plan shared with the family
# (and so with Toby, whom the family granted the plan)
GOAL_ACCESS = {
    #           counselor   teacher     admin       guardian    student     contributor
    "proposed": ((200, 200), (200, 403), (200, 403), (200, 403), (200, 403), (200, 403)),
    "active":   ((200, 403), (200, 403), (200, 403), (200, 403), (200, 403), (200, 403)),
}


@pytest.mark.parametrize("state", list(GOAL_ACCESS))
def test_who_opens_and_edits_a_goal_in_each_state(world, state):
    setup_plan(world, goal_state=state)
    assert statuses(world, (GOAL, GOAL + "edit")) == dict(
        zip(ROLES, GOAL_ACCESS[state], strict=True))


def test_the_counselor_edits_a_proposed_goal_and_makes_it_active(world):
    setup_plan(world, goal_state="proposed")
    app = world.app
    login(app, ROLE_USERS["counselor"])
    form = app.get(GOAL + "edit").forms["document-form"]
    form["target_value"] = "110"
    page = form.submit("save").follow()
    assert "Saved. This is version 2." in page.text
    assert "Goal: Proposed" in words(page)
    assert offered(page) == ["activate", "discontinue"]
    assert take(app, GOAL, "activate").status_int == 303
    assert stored(world, "goals/goal-1", "goal-lifecycle")[0] == "active"
    assert app.get(GOAL + "edit", status="*").status_int == 403


def test_revise_is_a_link_to_its_own_page_and_refused_as_a_plain_post(world):
    setup_plan(world, goal_state="active")
    before = stored(world, "goals/goal-1", "goal-lifecycle")
    app = world.app
    login(app, ROLE_USERS["counselor"])
    page = app.get(GOAL)
    assert offered(page) == ["mark_met", "mark_not_met", "discontinue", "Revise"]
    link = page.html.select_one("p.transition a")
    assert link["href"] == "http://localhost" + GOAL + "revise"
    refused = take(app, GOAL, "revise", comment="Raise the target", status="*")
    assert refused.status_int == 403
    assert "Not done: Revise: it is taken on its own page, which asks for more." in \
        words(refused)
    assert stored(world, "goals/goal-1", "goal-lifecycle") == before
    assert len(app.get(PLAN + "goals/").html.select("main a[href*='/goals/goal-']")) == 1


def test_the_revise_link_opens_its_page_only_for_those_who_may_revise(world):
    setup_plan(world, goal_state="active")
    before = stored(world, "goals/goal-1", "goal-lifecycle")
    app = world.app
    login(app, ROLE_USERS["counselor"])
    page = app.get(GOAL).click("Revise")
    assert page.status_int == 200 and "Revise the goal" in page.text
    login(app, ROLE_USERS["guardian"])
    refused = app.get(GOAL + "revise", status="*")
    assert refused.status_int == 403
    assert "Not done: Revise: only an administrator or the student's counselor can do this." in \
        words(refused)
    assert stored(world, "goals/goal-1", "goal-lifecycle") == before
