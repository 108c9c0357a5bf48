"""What families, students and tutors read: an answer to the family's question is news on
their home page, names instead of logins, plan-wide supports said once, family words for
a goal's status, printed replies, refusals and the student's own pages."""
from __future__ import annotations

import datetime
import re

import transaction
from bs4 import BeautifulSoup

from profilerepo.family.grants import revoke_grant
from tests.views.test_family_experience import REPORT, S1, setup, share_report, words


def _ask_and_answer(as_role) -> None:
    family = as_role("guardian")
    form = family.get(REPORT + "ask").forms["document-form"]
    form["text"] = "What can we do at home?"
    assert form.submit("save").status_int == 303
    form = as_role("counselor").get(REPORT + "answer").forms["document-form"]
    form["text"] = "Read together every night."
    assert form.submit("save").status_int == 303


def test_an_answer_to_the_familys_question_is_news_on_their_home_until_they_open_it(
        world, as_role):
    setup(world)
    share_report(as_role)
    _ask_and_answer(as_role)
    family = as_role("guardian")
    home = BeautifulSoup(family.get("/").text, "html.parser")
    news = home.select_one("p.new-answer")
    assert " ".join(news.get_text(" ").split()) == (
        "New: Cora Example answered your question on the progress report for Fall")
    assert news.a["href"].endswith(REPORT + "#replies-heading")
    assert "Latest progress report: Fall" in words(family.get("/"))
    assert "Progress report: Fall" not in words(family.get("/"))  # not said twice
    page = words(family.get(REPORT))
    assert "Cora Example answered on" in page
    assert "answered your question" not in words(family.get("/"))  # opened: not new now
    assert "answered your question" not in words(as_role("counselor").get("/"))


def test_a_second_answer_is_news_again_and_other_families_never_see_it(world, as_role):
    setup(world)
    share_report(as_role)
    _ask_and_answer(as_role)
    as_role("guardian").get(REPORT)
    form = as_role("counselor").get(REPORT + "answer").forms["document-form"]
    form["text"] = "And here is a book list."
    assert form.submit("save").status_int == 303
    assert "answered your question" in words(as_role("guardian").get("/"))
    assert "answered your question" not in words(as_role("student").get("/"))


def _supports(world) -> None:
    site = world.site()
    plan = site["students"]["s1"]["plan"]
    start, end = datetime.date(2026, 9, 1), datetime.date(2027, 6, 15)
    support = {"setting": "in school", "frequency": "weekly", "minutes": 30, "start": start,
               "end": end}
    plan.record({"period_start": start, "period_end": end, "review_due": end,
                 "supports": [{**support, "kind": "Tutoring", "provider": "toby"},
                              {**support, "kind": "Speech", "provider": "Ms. Rivera"}]},
                "cora")
    transaction.commit()
    world.close()


def test_a_supports_provider_shows_as_the_persons_name_typed_text_as_typed(world, as_role):
    _supports(world)
    counselor = as_role("counselor")
    number = world.site()["students"]["s1"]["plan"].version_number
    world.close()
    for url in (S1 + "plan/", S1 + f"plan/version?n={number}"):
        page = BeautifulSoup(counselor.get(url).text, "html.parser")
        cells = [td.get_text(strip=True) for td in page.select("table td")]
        assert "Toby Example" in cells, url
        assert "Ms. Rivera" in cells, url
        assert "toby" not in cells, url


def test_the_plans_supports_are_told_once_for_the_whole_plan_not_under_each_goal(
        world, as_role):
    setup(world)  # a reading group, and two goals (reading aloud, arriving on time)
    share_report(as_role)
    family = as_role("guardian")
    for url, selector in (("/", "section.child"), (REPORT, "main, body")):
        page = BeautifulSoup(family.get(url).text, "html.parser").select_one(selector)
        text = " ".join(page.get_text(" ").split())
        assert text.count("Reading group") == 1, url
        supports = page.select_one(".plan-supports")
        said = " ".join(supports.get_text(" ").split())
        assert "for the whole plan, not one goal" in said
        assert "Reading group: 3 times a week, with Theo Example" in said
        for goal in page.select("div.goal, section.report-goal"):
            assert "Reading group" not in goal.get_text()
            assert "works on this goal and checks progress" in goal.get_text(" ")


def test_families_read_a_goals_status_in_family_words_on_the_plan_and_the_report(
        world, as_role):
    setup(world)  # "Reads aloud" on track, "Arrives on time" behind
    share_report(as_role)
    family = as_role("guardian")
    goals = BeautifulSoup(family.get(S1 + "plan/").text, "html.parser").select(
        "#goals-heading ~ ul li")
    said = [" ".join(li.get_text(" ").split()) for li in goals]
    assert said == ["Reads aloud : On track (4 measurements so far)",
                    "Arrives on time : Behind the pace needed (5 measurements so far)"]
    staff = words(as_role("counselor").get(S1 + "plan/"))
    assert "(active; academic; 4 measurements) On track" in staff
    assert "At risk" in staff  # staff keep the rule's own names


def test_the_reports_draft_speaks_the_family_words_of_its_badges(world, as_role):
    from profilerepo.plans.reports import draft_report_text

    setup(world)
    plan = world.site()["students"]["s1"]["plan"]
    text = draft_report_text(plan)
    world.close()
    assert "Arrives on time" in text
    assert ": behind the pace needed." in text
    assert "at risk" not in text and "aim line" not in text and "not enough data" not in text


def test_the_students_home_heads_the_staffs_words_as_what_teachers_see(world, as_role):
    page = BeautifulSoup(as_role("student").get("/").text, "html.parser")
    strengths = page.select_one("div.strengths")
    assert strengths.h3.get_text(strip=True) == "What your teachers see you do well"
    assert "Explains math ideas to classmates with patience" in strengths.get_text()
    assert "What I do well" not in page.get_text()
    assert "Explains math" not in page.select_one("div.my-words").get_text()


def _printed(css: str) -> tuple[list[str], list[str]]:
    """The selectors the print stylesheet hides, and those it shows again."""
    block = css[css.index("@media print"):]
    block = block[:block.index("\n}\n")]
    block = re.sub(r"/\*.*?\*/", "", block, flags=re.DOTALL)
    hidden, shown = [], []
    for selectors, rule in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
        if "display" in rule:
            kept = shown if "display: none" not in rule else hidden
            kept.extend(s.strip() for s in selectors.split(",") if s.strip())
    return hidden, shown


def test_a_printed_report_keeps_who_asked_and_answered_and_leaves_out_the_table_link(
        world, as_role):
    setup(world)
    share_report(as_role)
    _ask_and_answer(as_role)
    hidden, shown = _printed(world.app.get("/static/profilerepo.css").text)
    page = BeautifulSoup(as_role("guardian").get(REPORT).text, "html.parser")

    def printed(element) -> bool:
        return not ([s for s in hidden if element in page.select(s)]
                    and not [s for s in shown if element in page.select(s)])

    said = [p for p in page.select("li.reply p") if re.search(r"(asked|answered) on", p.text)]
    assert len(said) == 2
    assert all(printed(p) for p in said)
    links = [f for f in page.select("figcaption")
             if "The measurements as a table" in f.get_text()]
    assert links and not any(printed(f) for f in links)


def test_a_tutor_refused_a_page_is_told_the_family_decides_what_they_see(world, as_role):
    said = words(as_role("contributor").get(S1 + "transcript/", status=403))  # (not granted)
    assert "What you can see of Maya's record is for Maya's family to decide" in said
    assert "counselor" not in said


def test_a_page_about_no_student_says_who_it_is_for(world, as_role):
    said = words(as_role("teacher").get("/schools/north", status=403))
    assert "for school and district administrators" in said
    assert "student's counselor" not in said
    assert "student's counselor" in words(as_role("teacher").get(S1 + "edit", status=403))


def test_the_reflection_form_says_who_reads_a_reflection(world, as_role):
    student = as_role("student")
    said = words(student.get(S1 + "profile/reflect"))
    # (Toby reads the profile by the family's grant)
    assert "Your family, your school team and Toby Example can read this." in said
    assert said.count("can read this") == 1
    site = world.site()
    s1 = site["students"]["s1"]
    for made in s1.grants:
        revoke_grant(s1, made.id, by="gina")
    transaction.commit()
    world.close()
    said = words(as_role("student").get(S1 + "profile/reflect"))
    assert "Your family and your school team can read this." in said


def test_the_plans_edit_form_shows_a_provider_by_name_and_keeps_their_login(world, as_role):
    _supports(world)
    counselor = as_role("counselor")
    form = counselor.get(S1 + "plan/edit").forms["document-form"]
    shown = [f.value for f in form.fields.get("provider", ())]
    assert shown[:2] == ["Toby Example", "Ms. Rivera"]
    assert form.submit("save").status_int == 303
    saved = world.site()["students"]["s1"]["plan"].supports
    assert [s["provider"] for s in saved] == ["toby", "Ms. Rivera"]  # Toby still logs his
