"""The student's experience (issue 14, point 10): "My dream" in the learner profile, shown
with the strengths; a home page with their words, goals, feedback and next steps, and no
red "At risk" label."""
from __future__ import annotations

import datetime

import transaction
from bs4 import BeautifulSoup

from profilerepo.demo.loader import profile_values
from profilerepo.demo.synthetic import District
from tests.views.test_family_experience import PROFILE, S1, setup, words

TODAY = datetime.date.today()


def test_the_student_writes_their_dream_and_it_is_shown_with_the_strengths(world, as_role):
    student = as_role("student")
    page = student.get(PROFILE)
    assert "Write my dream" in page.text
    form = page.click("Write my dream").forms["document-form"]
    form["my_dream"] = "I want to design robots that help people walk."
    assert "Saved your dream" in form.submit("save").follow().text
    for role, label in (("student", "My dream"),
                        ("guardian", "My dream, in the student's words"),
                        ("counselor", "My dream, in the student's words")):
        terms = [dt.get_text(strip=True) for dt in BeautifulSoup(
            as_role(role).get(PROFILE).text, "html.parser").select("dl.profile dt")]
        assert terms[:2] == ["Strengths", label]
    assert "I want to design robots that help people walk." in as_role("guardian").get(
        PROFILE).text
    profile = world.site()["students"]["s1"]["profile"]
    assert profile.my_dream == "I want to design robots that help people walk."
    assert profile.modifier == "sam"


def test_the_students_home_shows_their_words_goals_feedback_and_next_steps(world, as_role):
    setup(world)
    site = world.site()
    site["students"]["s1"]["profile"].my_goals = "Read a whole book series this year."
    transaction.commit()
    world.close()
    page = as_role("student").get("/")
    soup = BeautifulSoup(page.text, "html.parser")
    mine = " ".join(soup.select_one("div.my-words").get_text(" ").split())
    assert "My goals Read a whole book series this year." in mine
    assert "My dream Not written yet. Write my dream" in mine
    steps = [" ".join(li.get_text(" ").split()) for li in soup.select("div.next-steps li")]
    assert steps[0] == ("Ask Theo Example what to try differently this week. You are at 10 "
                        f"points on {TODAY - datetime.timedelta(32):%-d %B %Y}; your goal is "
                        f"40 points by {TODAY + datetime.timedelta(100):%-d %B %Y}.")
    assert "Write your dream: what do you hope to do or become?" in steps
    goals = {g.h4.get_text(strip=True): " ".join(g.select_one("p.next-step").get_text().split())
             for g in soup.select("div.goal")}
    assert goals["Reads aloud"] == "You are on track. Keep going!"
    assert goals["Arrives on time"].startswith("Next step: ask Theo Example")
    feedback = soup.select_one("div.feedback")
    assert feedback.a.get_text() == "Fall science"
    assert "from Theo Example in Science" in feedback.get_text()
    text = words(page)
    assert "At risk" not in text and "at risk" not in text


def test_the_student_reads_a_next_step_on_their_goal_page_not_a_red_label(world, as_role):
    setup(world)
    page = as_role("student").get(S1 + "plan/goals/goal-2/")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one("#status-heading").get_text(strip=True) == "What to do next"
    assert not soup.select(".status.at-risk")
    assert "At risk" not in words(page)
    assert soup.select_one("p.next-step").get_text().startswith("Next step: ask Theo")
    staff = BeautifulSoup(as_role("counselor").get(S1 + "plan/goals/goal-2/").text,
                          "html.parser")
    assert staff.select_one(".status.at-risk").get_text(strip=True) == "At risk"


def test_demo_students_have_a_dream_in_their_own_words():
    district = District(students=40, seed=7, today=datetime.date(2026, 11, 22))
    dreams = [s.profile.my_dream for s in district.students()]
    assert all(d.startswith("I want to") for d in dreams)
    assert len(set(dreams)) > 5
    assert profile_values(next(iter(district.students())).profile)["my_dream"] == dreams[0]
