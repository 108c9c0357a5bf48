"""The family's experience (issue 14, point 6): a home page that leads with each child's
strengths and good news, goals in plain words, a signed progress report with a chart per
goal that the family acknowledges and asks about, and the student's words left alone."""
from __future__ import annotations

import datetime
import re

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.content.narratives import Narrative
from profilerepo.plans.reports import ProgressReport
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, csrf_of, take
from tests.views.home.test_goals import goal
from tests.views.test_stale_forms import session

TODAY = datetime.date.today()
S1 = "/students/s1/"
PROFILE = S1 + "profile/"
REPORT = S1 + "plan/reports/report-1/"
STAFF_WORDS = re.compile(r"aim line|Plan lifecycle|Narrative review|Goal lifecycle|"
                         r"Waiting for my review|Returned to me",
                         re.IGNORECASE)


def words(page) -> str:
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def setup(world, *, report_by: str = "ada") -> None:
    """Maya's plan is in force with two goals; a narrative shared with the family; a
    progress report opened (by the administrator, as a review cycle does) in draft."""
    site = world.site()
    student = site["students"]["s1"]
    plan = student["plan"]
    plan.supports = ({"kind": "Reading group", "provider": "theo", "setting": "in school",
                      "frequency": "3 times a week", "minutes": 30, "start": None,
                      "end": None},)
    goal(site, "s1", "goal-1", "Reads aloud", [10, 16, 22, 28])  # on track
    goal(site, "s1", "goal-2", "Arrives on time", [10, 10, 10, 10, 10])  # behind
    counselor = {"actor": "cora", "roles": {"counselor"}}
    for step in ("submit", "adopt"):
        ENGINE.perform(plan, step, **counselor)
    narrative = Narrative({"title": "Fall science", "term": "Fall", "course": "Science",
                           "body": "Maya designs careful experiments."}, "theo")
    ENGINE.start(narrative, "narrative-review")
    narrative.workflow_states = {"narrative-review": "shared"}
    student["narratives"].add("narrative-1", narrative)
    body = ("Maya had a strong term.\n\nReads aloud\nMaya now reads every night.\n\n"
            "Arrives on time\nWe moved her first class.")
    report = ProgressReport({"period": "Fall", "body": body}, report_by)
    plan.reports.add("report-1", report)
    enter_workflows(ENGINE, report)
    transaction.commit()
    world.close()


def share_report(as_role) -> None:
    counselor = as_role("counselor")
    form = counselor.get(REPORT + "edit").forms["document-form"]
    form["body"] = form["body"].value + "\n\nShe asked for a harder book."
    assert form.submit("save").status_int == 303
    take(counselor, REPORT, "review")
    take(counselor, REPORT, "share")


def test_the_family_home_leads_with_strengths_and_good_news_then_plain_goals(world, as_role):
    setup(world)
    site = world.site()
    site["students"]["s1"]["profile"].my_dream = "I want to build robots that help people."
    transaction.commit()
    world.close()
    page = as_role("guardian").get("/")
    child = BeautifulSoup(page.text, "html.parser").select_one("section.child")
    text = " ".join(child.get_text(" ").split())
    # strengths, dream and good news come before the first goal
    order = [text.index(s) for s in ("What Maya does well",
                                     "Explains math ideas to classmates with patience",
                                     "Maya's dream", "I want to build robots that help people.",
                                     "Recent good news", "Reads aloud")]
    assert order == sorted(order)
    news = [" ".join(li.get_text(" ").split()) for li in child.select("div.news li")]
    assert any("New feedback from Theo Example in Science: “Fall science”" in n for n in news)
    assert any("Maya is at 28 points on “Reads aloud”, up from 10 points" in n for n in news)
    facts = {" ".join(dt.get_text(" ").split()): " ".join(dd.get_text(" ").split())
             for dt, dd in zip(child.select("div.goal")[1].select("dt"),
                               child.select("div.goal")[1].select("dd"), strict=True)}
    start = TODAY - datetime.timedelta(60)
    assert facts["Where Maya started"] == f"10 points on {start:%-d %B %Y}"
    assert facts["Where Maya is now"] == (
        f"10 points on {start + datetime.timedelta(28):%-d %B %Y}")
    assert facts["The goal"] == f"40 points by {TODAY + datetime.timedelta(100):%-d %B %Y}"
    assert facts["How it is going"] == (
        f"Behind the pace needed : At the pace so far, Maya would be at about 10 points by "
        f"{TODAY + datetime.timedelta(100):%-d %B %Y}, short of the goal of 40 points. The "
        f"team uses these measurements to decide what to change.")
    assert facts["Who works on it"] == (
        "Theo Example works on this goal and checks progress weekly (probe).")
    for chart in child.select("svg"):
        chart.decompose()  # (the chart's own labels are plans/chart.py's)
    assert not STAFF_WORDS.search(child.get_text(" "))


def test_family_pages_use_no_staff_words_and_show_no_staff_history(world, as_role):
    setup(world)
    share_report(as_role)
    app = as_role("guardian")
    for url in ("/", S1 + "plan/", S1 + "plan/goals/goal-2/", REPORT,
                S1 + "narratives/narrative-1/"):
        page = BeautifulSoup(app.get(url).text, "html.parser")
        for chart in page.select("svg"):
            chart.decompose()  # (the chart's own labels are plans/chart.py's)
        text = " ".join(page.get_text(" ").split())
        assert not STAFF_WORDS.search(text), (url, STAFF_WORDS.search(text))
        assert "History" not in [h.get_text(strip=True) for h in page.select("h2")]
    assert "Success plan: Active" in words(app.get(S1 + "plan/"))
    counselor = words(as_role("counselor").get(S1 + "plan/"))
    assert "Plan lifecycle: Active" in counselor  # staff keep the workflow's own name


def test_the_report_has_a_heading_and_chart_per_goal_and_is_signed_by_its_counselor(
        world, as_role):
    setup(world)  # opened by the administrator, as a review cycle does
    share_report(as_role)
    page = BeautifulSoup(as_role("guardian").get(REPORT).text, "html.parser")
    sections = page.select("section.report-goal")
    assert [s.h2.get_text(strip=True) for s in sections] == ["Reads aloud", "Arrives on time"]
    assert all(s.select_one("figure.chart svg[role=img]") for s in sections)
    assert "Maya now reads every night." in sections[0].get_text()
    assert "We moved her first class." in sections[1].get_text()
    signature = " ".join(page.select_one("p.signature").get_text(" ").split())
    assert signature.startswith("Written by Cora Example, counselor; shared with the family")
    assert "Ada" not in page.get_text()  # never the administrator who opened the round
    assert "Maya had a strong term." in page.select_one("div.narrative").get_text()


def test_a_report_nobody_on_the_team_edited_is_still_signed_by_the_counselor(
        world, as_role):
    setup(world)
    counselor = as_role("administrator")
    take(counselor, REPORT, "review")
    take(counselor, REPORT, "share")
    signature = BeautifulSoup(as_role("guardian").get(REPORT).text, "html.parser")
    assert signature.select_one("p.signature").get_text(" ", strip=True).startswith(
        "Written by Cora Example, counselor")


def test_the_family_acknowledges_the_report_and_the_counselor_sees_who_and_when(
        world, as_role):
    setup(world)
    share_report(as_role)
    family = as_role("guardian")
    assert "New: please read it" in words(family.get("/"))
    page = family.get(REPORT)
    done = page.forms[[k for k, f in page.forms.items()
                       if f.action.endswith("/acknowledge")][0]].submit()
    assert "the school can see that you have read this report" in words(done.follow())
    assert "I have read this report" not in family.get(REPORT).text  # once is enough
    assert "New: please read it" not in words(family.get("/"))
    seen = words(as_role("counselor").get(REPORT))
    assert re.search(rf"Gina Example read and acknowledged the report on "
                     rf"{TODAY:%-d %B %Y}, \d\d:\d\d", seen), seen


def test_a_familys_question_reaches_the_counselor_and_the_answer_reaches_the_family(
        world, as_role):
    setup(world)
    share_report(as_role)
    family = as_role("guardian")
    form = family.get(REPORT + "ask").forms["document-form"]
    form["text"] = "What can we do at home for arriving on time?"
    assert "Your question is on the report" in words(form.submit("save").follow())

    counselor = as_role("counselor")
    home = BeautifulSoup(counselor.get("/").text, "html.parser")
    waiting = " ".join(home.select_one("ul.family-questions").get_text(" ").split())
    assert waiting.startswith("Maya Lopez, Progress report: Fall : Gina Example asked on "
                              f"{TODAY:%-d %B %Y}")
    assert "“What can we do at home for arriving on time?”" in waiting
    assert home.select_one("ul.family-questions a")["href"].endswith(
        REPORT + "#replies-heading")
    assert re.search(r"Gina Example asked on .*: What can we do at home",
                     words(counselor.get(REPORT)))
    form = counselor.get(REPORT + "answer").forms["document-form"]
    form["text"] = "A visual morning checklist helps; I will send one home."
    assert form.submit("save").status_int == 303
    assert "Questions from families" not in counselor.get("/").text  # answered

    seen = words(as_role("guardian").get(REPORT))
    assert re.search(r"Cora Example answered on .*: A visual morning checklist helps", seen)


@pytest.mark.parametrize(("role", "view", "method"), [
    ("counselor", "acknowledge", "post"), ("teacher", "ask", "get"),
    ("student", "ask", "get"), ("guardian", "answer", "get"), ("teacher", "answer", "get"),
])
def test_only_the_family_asks_and_only_the_counselor_answers(world, as_role, role, view,
                                                              method):
    setup(world)
    share_report(as_role)
    app = as_role(role)
    if method == "post":
        token = csrf_of(app.get(REPORT))
        app.post(REPORT + view, {"csrf_token": token}, status=403)
    else:
        app.get(REPORT + view, status=403)


def test_an_empty_question_is_refused_and_nothing_is_sent(world, as_role):
    setup(world)
    share_report(as_role)
    family = as_role("guardian")
    form = family.get(REPORT + "ask").forms["document-form"]
    form["text"] = "   "
    assert "Nothing was saved" in form.submit("save", status=400).text
    assert world.site()["students"]["s1"]["plan"].reports["report-1"].replies == ()


def test_the_family_cannot_ask_about_a_report_not_shared_with_them(world, as_role):
    setup(world)
    as_role("guardian").get(REPORT + "ask", status=404)


def test_a_guardian_cannot_change_the_students_own_words(world, as_role):
    student = as_role("student")
    for view, field, text in (("my-goals", "my_goals", "Finish the robot arm."),
                              ("my-dream", "my_dream", "I want to design prosthetic hands.")):
        form = student.get(PROFILE + view).forms["document-form"]
        form[field] = text
        assert form.submit("save").status_int == 303
    family = as_role("guardian")
    form = family.get(PROFILE + "edit").forms["document-form"]
    assert "my_goals" not in form.fields and "my_dream" not in form.fields
    fields = dict(form.submit_fields())
    fields.update({"my_goals": "Get an A.", "my_dream": "Be a lawyer.",
                   "strengths": "Kind to her brother"})
    assert family.post(PROFILE + "edit", fields).status_int == 303
    profile = world.site()["students"]["s1"]["profile"]
    assert profile.strengths == "Kind to her brother"
    assert (profile.my_goals, profile.my_dream) == ("Finish the robot arm.",
                                                    "I want to design prosthetic hands.")
    for view in ("my-goals", "my-dream", "reflect"):
        assert "Only the student writes here" in family.get(PROFILE + view, status=403).text


def test_a_team_form_opened_before_the_student_wrote_never_undoes_their_words(world):
    counselor, student = session(world, "cora"), session(world, "sam")
    theirs = counselor.get(PROFILE + "edit").forms["document-form"]
    form = student.get(PROFILE + "my-dream").forms["document-form"]
    form["my_dream"] = "I want to fly planes for a rescue team."
    assert form.submit("save").status_int == 303
    theirs["strengths"] = "Asks sharp questions"
    assert theirs.submit("save").status_int == 303  # no field of the student's was on it
    profile = world.site()["students"]["s1"]["profile"]
    assert (profile.strengths, profile.my_dream) == (
        "Asks sharp questions", "I want to fly planes for a rescue team.")
