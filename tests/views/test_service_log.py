"""The service log through HTTP: sessions delivered against the plan's supports, minutes
delivered against minutes planned; bad sessions refused with nothing saved."""
from __future__ import annotations

import datetime

import pytest
import transaction
from bs4 import BeautifulSoup

from tests.conftest import ENGINE

PLAN = "/students/s1/plan/"
TODAY = datetime.date.today()
START = TODAY - datetime.timedelta(27)  # four weeks ago, today included
READING = {"kind": "Reading group", "provider": "Ms. Theo", "setting": "in school",
           "frequency": "twice a week", "minutes": 30, "start": START, "end": None}
SPEECH = {"kind": "Speech therapy", "provider": "Clinic", "setting": "out of school",
          "frequency": "as needed", "minutes": 45, "start": START, "end": None}


def plan_in_force(world, *, adopt: bool = True) -> None:
    plan = world.site()["students"]["s1"]["plan"]
    plan.supports = (READING, SPEECH)
    if adopt:
        counselor = {"actor": "cora", "roles": {"counselor"}}
        ENGINE.perform(plan, "submit", **counselor)
        ENGINE.perform(plan, "adopt", **counselor)
    transaction.commit()
    world.close()


def log(app, support: str, when, minutes: str, status: int = 303):
    form = app.get(PLAN + "log-session").forms["document-form"]
    form["support"].force_value(support)
    form["date"] = when.isoformat() if isinstance(when, datetime.date) else when
    form["minutes"] = minutes
    return form.submit("save", status=status)


def delivery(app) -> list[list[str]]:
    soup = BeautifulSoup(app.get(PLAN).text, "html.parser")
    return [[" ".join(c.get_text(" ", strip=True).split()) for c in row.select("th, td")]
            for row in soup.select("table.delivery tbody tr")]


def test_sessions_logged_count_against_the_minutes_planned(world, as_role):
    plan_in_force(world)
    app = as_role("teacher")
    assert "No sessions have been logged yet" in app.get(PLAN).text
    assert delivery(app)[0][1:] == ["0", "0", "240", "—"]  # planned, nothing claimed
    assert log(app, "Reading group", START, "30").follow().status_int == 200
    log(app, "Reading group", START + datetime.timedelta(2), "25")
    log(app, "Speech therapy", TODAY, "45")
    # twice a week for four weeks: 8 sessions of 30 minutes = 240 planned; 55 delivered
    assert delivery(app) == [
        ["Reading group", "2", "55", "240", "23%"],
        ["Speech therapy", "1", "45", "— (frequency: as needed)", "—"],
    ]
    assert "Provided by" in app.get(PLAN).text  # the latest sessions, listed


@pytest.mark.parametrize(("support", "when", "minutes", "message"), [
    ("Reading group", TODAY, "lots", "Enter a whole number, like 45"),
    ("Reading group", TODAY, "0", "Enter at least 1"),
    ("Reading group", START - datetime.timedelta(1), "30", "before this support started"),
    ("Reading group", TODAY + datetime.timedelta(1), "30", "That date is after today ("),
    ("Art class", TODAY, "30", "Choose one of the plan's supports"),
])
def test_a_bad_session_is_refused_with_a_message_and_nothing_saved(
        world, as_role, support, when, minutes, message):
    plan_in_force(world)
    page = log(as_role("counselor"), support, when, minutes, status=400)
    assert message in page.text and "Nothing was saved" in page.text
    assert world.site()["students"]["s1"]["plan"].sessions == ()


@pytest.mark.parametrize("role", ["guardian", "student", "administrator"])
def test_the_family_and_administrators_read_the_log_but_do_not_write_it(world, as_role, role):
    plan_in_force(world)
    app = as_role(role)
    assert "Log a session" not in app.get(PLAN).text
    page = app.get(PLAN + "log-session", status=403)
    assert "by its counselor, teachers and outside providers" in page.text


def test_no_sessions_are_logged_against_a_plan_not_in_force(world, as_role):
    plan_in_force(world, adopt=False)
    app = as_role("counselor")
    assert "Log a session" not in app.get(PLAN).text
    assert app.get(PLAN + "log-session", status=403).status_int == 403
