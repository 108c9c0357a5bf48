"""The "Log a session" form is quick to fill in: today's date, the only support already
chosen, a number pad for the minutes, room for a note, and what the plan sets beside it."""
from __future__ import annotations

import datetime

from tests.views.test_form_errors import plan_in_force
from tests.views.test_service_log import READING, SPEECH

LOG = "/students/s1/plan/log-session"


def district_today(world) -> datetime.date:
    return datetime.datetime.now(world.wsgi.registry.timezone).date()


def planned(page) -> list[str]:
    return [" ".join(item.get_text(" ").split()) for item in page.html.select("ul.planned li")]


def test_a_provider_of_one_support_logs_it_with_only_the_minutes_to_type(world, as_role):
    tutoring = {**READING, "kind": "Reading tutoring", "provider": "toby",
                "frequency": "once a week", "minutes": 30}
    plan_in_force(world, (tutoring, SPEECH))
    app = as_role("contributor")
    page = app.get(LOG)
    form = page.forms["document-form"]

    assert form["support"].value == "Reading tutoring"
    assert form["date"].value == district_today(world).isoformat()
    assert page.html.select_one('input[name="minutes"]')["inputmode"] == "numeric"
    assert page.html.select_one('textarea[name="note"]') is not None
    assert planned(page) == ["Reading tutoring: once a week, 30 minutes"]

    form["minutes"] = "30"
    form["note"] = "Read two chapters aloud.\nAsked good questions."
    assert form.submit("save").status_int == 303
    sessions = world.site()["students"]["s1"]["plan"].sessions
    assert [(s["support"], s["date"], s["minutes"]) for s in sessions] == [
        ("Reading tutoring", district_today(world), 30)]
    world.close()


def test_someone_who_logs_several_supports_chooses_one_and_sees_each_plan(world, as_role):
    one_minute = {**SPEECH, "minutes": 1}
    plan_in_force(world, (READING, one_minute))
    page = as_role("counselor").get(LOG)

    assert page.forms["document-form"]["support"].value == ""
    assert planned(page) == ["Reading group: twice a week, 30 minutes",
                             "Speech therapy: as needed, 1 minute"]


def test_a_bad_session_says_so_in_plain_words(world, as_role):
    plan_in_force(world, (READING,))
    form = as_role("counselor").get(LOG).forms["document-form"]
    form["minutes"] = "0"
    shown = form.submit("save", status=400)
    assert "Enter at least 1" in shown.text and "minimum value" not in shown.text
    form = shown.forms["document-form"]
    form["minutes"], form["date"] = "900", "2999-01-01"
    shown = form.submit("save", status=400)
    assert "Enter 600 or less" in shown.text
    assert "That date is after today" in shown.text and "2999-01-01 is" not in shown.text
