"""Every form says what is wrong in plain words: no message of colander's own ("-5 is
less than minimum value 1") reaches a page, and dates read like "28 October 2026"."""
from __future__ import annotations

import datetime

import pytest

from profilerepo.plans.progress import day
from tests.views.test_forms import GOAL, field_errors, fill
from tests.views.test_goal_progress import BASELINE_DATE, TODAY, add_goal, record

S1 = "/students/s1/"
GOAL_PAGE = S1 + "plan/goals/goal-1/"
ATTENDANCE = {"days_enrolled": "170", "days_absent": "3", "tardies": "1"}
LIBRARY_WORDING = ("is not a number", "less than minimum", "greater than maximum",
                   "Longer than maximum", "Shorter than minimum", "is in the future",
                   "is not one of", "Invalid date", "${")

# Who sends it, which form, what they typed, and the message each bad field shows.
BAD_VALUES = {
    "attendance in words": (
        "administrator", S1 + "transcript/edit", {**ATTENDANCE, "days_enrolled": "many"},
        {"days_enrolled": "Enter a whole number, like 45"}),
    "negative attendance": (
        "administrator", S1 + "transcript/edit", {**ATTENDANCE, "tardies": "-5"},
        {"tardies": "Enter at least 0"}),
    "attendance with a thousands comma": (
        "administrator", S1 + "transcript/edit", {**ATTENDANCE, "days_enrolled": "1,000"},
        {"days_enrolled": "Write it without commas, like 1000"}),
    "goal baseline in words": (
        "counselor", S1 + "plan/goals/add", {**GOAL, "baseline_value": "forty-five"},
        {"baseline_value": "Enter a number, like 45 or 2.5"}),
    "goal baseline with a decimal comma": (
        "counselor", S1 + "plan/goals/add", {**GOAL, "baseline_value": "2,5"},
        {"baseline_value": "Use a point for decimals, like 2.5"}),
    "goal title too long": (
        "counselor", S1 + "plan/goals/add", {**GOAL, "title": "x" * 4312},
        {"title": "Use at most 500 characters (this has 4,312)"}),
    "profile strengths too long": (
        "counselor", S1 + "profile/edit", {"strengths": "x" * 5312},
        {"strengths": "Use at most 5,000 characters (this has 5,312)"}),
    "birth date after today": (
        "administrator", S1 + "edit", {("date", 0): "2999-01-01"},
        {"birth_date": f"That date is after today ({day(datetime.date.today())})"}),
    "birth date not a date": (
        "administrator", S1 + "edit", {("date", 0): "next tuesday"},
        {"birth_date": "Enter a date as year-month-day, like 2026-11-30"}),
}


@pytest.mark.parametrize("case", BAD_VALUES)
def test_a_bad_value_gets_a_plain_message(world, as_role, case):
    role, url, typed, messages = BAD_VALUES[case]
    app = as_role(role)
    form = app.get(url).forms["document-form"]
    fill(form, typed)
    shown = form.submit("save", status=400)
    errors = field_errors(shown)
    assert {name: errors.get(name) for name in messages} == messages
    assert not [said for said in LIBRARY_WORDING if said in shown.text]


@pytest.mark.parametrize(("when", "value", "message"), [
    (TODAY + datetime.timedelta(1), "70", f"That date is after today ({day(TODAY)})"),
    (BASELINE_DATE - datetime.timedelta(1), "70",
     f"That is before the goal's starting date ({day(BASELINE_DATE)})"),
    (TODAY, "forty-five", "Enter a number, like 45 or 2.5"),
    (TODAY, "2,5", "Use a point for decimals, like 2.5"),
    ("30/11/2026", "70", "Enter a date as year-month-day, like 2026-11-30"),
])
def test_a_bad_measurement_gets_a_plain_message(world, as_role, when, value, message):
    add_goal(world)
    shown = record(as_role("teacher"), when, value, status=400)
    assert message in field_errors(shown).values()
    assert not [said for said in LIBRARY_WORDING if said in shown.text]


def test_a_long_note_on_a_measurement_says_how_long_it_is(world, as_role):
    add_goal(world)
    shown = record(as_role("teacher"), TODAY, "70", note="n" * 612, status=400)
    assert field_errors(shown)["note"] == "Use at most 500 characters (this has 612)"


def test_a_date_sent_in_pieces_the_form_never_makes_gets_a_plain_message(world, as_role):
    add_goal(world)
    app = as_role("teacher")
    form = app.get(GOAL_PAGE + "record").forms["document-form"]
    fields = [(name, value) for name, value in form.submit_fields("save")
              if name not in ("date", "date_submit")]
    at = fields.index(("__start__", "date:mapping")) + 1
    fields[at:at] = [("day", "30"), ("month", "11")]
    shown = app.post(GOAL_PAGE + "record", fields, status=400)
    assert "Enter a date as year-month-day, like 2026-11-30" in shown.text
    assert "pstruct" not in shown.text
