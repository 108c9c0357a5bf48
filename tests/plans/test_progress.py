"""The decision rules a team reads on every goal, against cases worked out by hand.

Every case: baseline 10 on 1 September 2026, target 40 by 10 December (100 days
later), so the aim line rises 0.3 a day; measurements weekly unless said.
Lower-is-better cases mirror it: 50 down to 20.
"""
from __future__ import annotations

import datetime
import math

import pytest

from profilerepo.plans.progress import (
    AT_RISK,
    NOT_ENOUGH_DATA,
    ON_TRACK,
    Goal,
    aim_line,
    amount,
    assess,
    interval_days,
    next_measurement,
    planned_minutes,
    plural,
    sessions_per_week,
    share_of_the_way,
    singular,
    trend_line,
    unit_for,
    usable_day,
    usable_value,
)

START = datetime.date(2026, 9, 1)
TARGET_DATE = START + datetime.timedelta(100)
TODAY = datetime.date(2026, 10, 15)
RISING = Goal(START, 10, TARGET_DATE, 40, True, "words per minute")
FALLING = Goal(START, 50, TARGET_DATE, 20, False, "minutes late")


def weekly(*values, first: int = 0) -> list:
    return [(START + datetime.timedelta(first + 7 * n), float(v)) for n, v in enumerate(values)]


def test_the_aim_line_runs_from_baseline_to_target():
    aim = aim_line(START, 10, TARGET_DATE, 40)
    assert aim.slope == pytest.approx(0.3)
    assert aim.at(START) == 10
    assert aim.at(START + datetime.timedelta(50)) == pytest.approx(25)
    assert aim.at(TARGET_DATE) == pytest.approx(40)


def test_the_trend_is_the_least_squares_line():
    # x = 0, 7, 14; y = 10, 14, 18: mean (7, 14), slope 56 / 98 = 4/7 a day
    trend = trend_line(weekly(10, 14, 18))
    assert trend.slope == pytest.approx(4 / 7)
    assert trend.at(START) == pytest.approx(10)
    # scattered: x = 0, 7, 14, 21; y = 10, 10, 10, 16: slope 63 / 245, through (10.5, 11.5)
    trend = trend_line(weekly(10, 10, 10, 16))
    assert trend.slope == pytest.approx(63 / 245)
    assert trend.at(START) == pytest.approx(11.5 - 63 / 245 * 10.5)


def test_no_trend_from_too_few_points_or_from_one_day():
    assert trend_line(weekly(10, 14)) is None
    assert trend_line([(START, 10.0), (START, 12.0), (START, 11.0)]) is None


@pytest.mark.parametrize(("points", "words"), [
    ([], "No measurements yet"),
    (weekly(10), "Only one measurement"),
    (weekly(10, 30), "Only 2 measurements"),
])
def test_under_three_points_there_is_not_enough_data(points, words):
    status = assess(RISING, points, TODAY)
    assert status.name == NOT_ENOUGH_DATA
    assert words in status.reason and "at least 3" in status.reason


def test_flat_data_is_at_risk_for_both_reasons():
    # aim at days 7..28: 12.1, 14.2, 16.3, 18.4, all above 10; trend flat at 10 < 40
    status = assess(RISING, weekly(10, 10, 10, 10, 10), TODAY)
    assert status.name == AT_RISK
    assert "last 4 measurements were all below the aim line" in status.reason
    assert "about 10 words per minute by 10 December 2026" in status.reason
    assert "short of the target of 40 words per minute" in status.reason


def test_rising_data_is_on_track():
    # slope 4/7 a day from 10: 10 + 400/7 = 67.1 by day 100
    status = assess(RISING, weekly(10, 14, 18, 22, 26), TODAY)
    assert status.name == ON_TRACK
    assert "about 67.1 words per minute" in status.reason
    assert "reaching the target of 40" in status.reason


def test_falling_data_on_a_rising_goal_is_at_risk():
    status = assess(RISING, weekly(30, 25, 20, 15), TODAY)
    assert status.name == AT_RISK
    assert "short of the target" in status.reason


def test_four_points_below_the_aim_line_are_at_risk_even_when_the_trend_would_do():
    # days 7..28, aim 12.1, 14.2, 16.3, 18.4; values 10, 10, 10, 18 all below.
    # trend from day 7: slope 84/245, 8.4 at day 7, so 8.4 + 93 * 84/245 = 40.3 by day 100
    status = assess(RISING, weekly(10, 10, 10, 18, first=7), TODAY)
    assert status.name == AT_RISK
    assert status.reason == ("The last 4 measurements were all below the aim line, though "
                             "at the current trend it would be about 40.3 words per minute "
                             "by 10 December 2026.")


def test_three_points_below_the_aim_line_are_not_a_run():
    # 10, 9, 13, 16.2 at days 0..21 (aim 10, 12.1, 14.2, 16.3): the first on it, three below;
    # trend through (10.5, 12.05), slope 79.1 / 245: 12.05 + 89.5 * 79.1 / 245 = 40.9
    status = assess(RISING, weekly(10, 9, 13, 16.2), TODAY)
    assert status.name == ON_TRACK
    assert "about 40.9 words per minute" in status.reason


def test_lower_is_better_reads_the_other_way():
    down = assess(FALLING, weekly(50, 46, 42, 38, 34), TODAY)  # -4/7 a day: -7.1 by day 100
    assert down.name == ON_TRACK
    flat = assess(FALLING, weekly(50, 50, 51, 50, 50), TODAY)
    assert flat.name == AT_RISK
    assert "all above the aim line" in flat.reason


def test_once_the_target_date_has_passed_the_latest_measurement_decides():
    after = TARGET_DATE + datetime.timedelta(1)
    short = assess(RISING, weekly(10, 20, 30, 35), after)
    assert short.name == AT_RISK
    assert "The target date, 10 December 2026, has passed" in short.reason
    assert "35 words per minute on 22 September 2026" in short.reason
    met = assess(RISING, weekly(10, 20, 30, 41), after)
    assert met.name == ON_TRACK and "reached the target of 40" in met.reason
    down = assess(FALLING, weekly(50, 40, 30, 19), after)
    assert down.name == ON_TRACK


def test_share_of_the_way():
    assert share_of_the_way(RISING, 25) == pytest.approx(0.5)
    assert share_of_the_way(FALLING, 35) == pytest.approx(0.5)
    assert share_of_the_way(RISING, 5) < 0
    assert share_of_the_way(Goal(START, 10, TARGET_DATE, 10), 12) is None


@pytest.mark.parametrize(("schedule", "days"), [
    ("weekly", 7), ("Every week", 7), ("every two weeks", 14), ("every 2 weeks", 14),
    ("every other week", 14), ("bi-weekly", 14), ("every three weeks", 21), ("monthly", 30),
    ("once a month", 30), ("daily", 1), ("quarterly", 91), ("when she is ready", None),
    ("", None),
])
def test_a_schedule_in_words_gives_the_days_between_measurements(schedule, days):
    assert interval_days(schedule) == days


def test_the_next_measurement_is_due_one_interval_after_the_latest():
    assert next_measurement(RISING, "every two weeks", weekly(10, 14)) == \
        START + datetime.timedelta(7 + 14)
    assert next_measurement(RISING, "monthly", []) == START + datetime.timedelta(30)
    assert next_measurement(RISING, "now and then", weekly(10)) is None


@pytest.mark.parametrize(("frequency", "per_week"), [
    ("3 times a week", 3), ("twice a week", 2), ("once a week", 1), ("weekly", 1),
    ("daily", 5), ("every other week", 0.5), ("4 times per week", 4), ("monthly", 12 / 52),
    ("2 times a month", 24 / 52), ("as needed", None), ("", None), ("² times a week", None),
])
def test_a_frequency_in_words_gives_sessions_a_week(frequency, per_week):
    found = sessions_per_week(frequency)
    assert found == (pytest.approx(per_week) if per_week is not None else None)


def test_planned_minutes_count_from_the_start_to_today_or_the_end():
    support = {"frequency": "twice a week", "minutes": 30, "start": START, "end": None}
    # 1 September to 14 September: 14 days, two weeks, 4 sessions of 30 minutes
    assert planned_minutes(support, START + datetime.timedelta(13)) == 120
    ended = {**support, "end": START + datetime.timedelta(6)}
    assert planned_minutes(ended, START + datetime.timedelta(60)) == 60
    assert planned_minutes({**support, "start": None}, TODAY, plan_start=START) == \
        round(2 * (TODAY - START).days / 7 * 30 + 2 / 7 * 30)
    assert planned_minutes({**support, "frequency": "as needed"}, TODAY) is None
    # a support with no end stops with the plan
    assert planned_minutes(support, START + datetime.timedelta(60),
                           plan_end=START + datetime.timedelta(13)) == 120


def test_a_goal_without_its_dates_is_not_judged():
    undated = Goal(None, 10, None, 40)
    status = assess(undated, weekly(10, 20, 30, 40), TODAY)
    assert status.name == NOT_ENOUGH_DATA and "no target date" in status.reason


@pytest.mark.parametrize(("value", "usable"), [
    (62.5, True), (-40, True), (1e100, True), (1.7e308, False), (-1.7e308, False),
    (math.nan, False), (math.inf, False), (None, False), (True, False), ("62", False),
])
def test_a_value_is_usable_when_a_finite_number_of_sane_size(value, usable):
    assert usable_value(value) is usable


@pytest.mark.parametrize(("day", "usable"), [
    (START, True), (datetime.date(1900, 1, 1), True), (datetime.date(1899, 12, 31), False),
    (datetime.date(9999, 12, 31), False), (datetime.date(1, 1, 1), False), (None, False),
    (datetime.datetime(2026, 9, 1, 12, 0), False),
])
def test_a_day_is_usable_when_on_the_calendar(day, usable):
    assert usable_day(day) is usable


@pytest.mark.parametrize("goal", [
    Goal(START, math.nan, TARGET_DATE, 40),
    Goal(START, -1.7e308, TARGET_DATE, 1.7e308),
    Goal(START, 10, datetime.date(9999, 12, 31), 40),
    Goal(datetime.date(1, 1, 1), 10, TARGET_DATE, 40),
])
def test_a_goal_with_unusable_dates_or_values_is_not_judged(goal):
    status = assess(goal, weekly(10, 20, 30, 40), TODAY)
    assert status.name == NOT_ENOUGH_DATA
    assert "not a usable value or date" in status.reason


@pytest.mark.parametrize("points", [
    weekly(1.7e308, 1.7e308, 1.7e308),
    weekly(math.nan, math.inf, -math.inf),
    [(datetime.date(9999, 12, 31), 20.0)] * 3,
])
def test_unusable_measurements_are_left_out_and_the_reason_says_so(points):
    status = assess(RISING, points, TODAY)
    assert status.name == NOT_ENOUGH_DATA
    assert status.reason == ("No usable measurements yet (3 measurements could not be used: "
                             "a value or date that is not possible); a trend needs at least 3.")


def test_the_usable_measurements_are_still_judged():
    points = [*weekly(10, 14, 18, 22, 26, 30), (START + datetime.timedelta(43), math.nan)]
    assert assess(RISING, points, TODAY) == assess(RISING, weekly(10, 14, 18, 22, 26, 30),
                                                   TODAY)
    assert assess(RISING, points, TODAY).name == ON_TRACK


def test_the_next_measurement_skips_dates_off_the_calendar():
    far = datetime.date(9999, 12, 31)
    points = [*weekly(10, 14), (far, 18.0)]
    assert next_measurement(RISING, "weekly", points) == START + datetime.timedelta(14)
    assert next_measurement(Goal(far, 10, far, 40), "weekly", []) is None


def test_no_share_of_the_way_from_an_unusable_baseline():
    assert share_of_the_way(Goal(START, math.nan, TARGET_DATE, 40), 20) is None
    assert share_of_the_way(Goal(START, -1.7e308, TARGET_DATE, 1.7e308), 20) is None


# A trend's reach: never past what the measure can be, and never read from a few days.
MISSING = Goal(START, 6, datetime.date(2027, 6, 11), 1, False, "missing assignments")
PERCENT = Goal(START, 40, TARGET_DATE, 80, True, "percent correct")


def test_three_points_over_nine_days_are_too_early_to_tell():
    # 6, 4, 3 on days 0, 5, 9 fit a slope of -41/122 a day: -89.2 by 11 June 2027 (day 283)
    status = assess(MISSING, [(START, 6.0), (START + datetime.timedelta(5), 4.0),
                              (START + datetime.timedelta(9), 3.0)], TODAY)
    assert status.name == NOT_ENOUGH_DATA
    assert status.reason == ("Too early to tell: the measurements span 9 days; a trend "
                             "needs at least 3 weeks.")


def test_four_points_below_the_aim_line_within_days_are_at_risk_without_a_forecast():
    # 9 on days 1..4, under the aim line (10.3..11.2), over 3 days
    status = assess(RISING, [(START + datetime.timedelta(n), 9.0) for n in range(1, 5)],
                    TODAY)
    assert status.name == AT_RISK
    assert status.reason == ("The last 4 measurements were all below the aim line (too "
                             "early to read a trend: the measurements span 3 days; a trend "
                             "needs at least 3 weeks).")


def test_a_count_is_never_forecast_below_zero():
    # 6, 4, 3, 1 weekly: slope -8/35 a day through (10.5, 3.5): -58.8 by day 283
    status = assess(MISSING, weekly(6, 4, 3, 1), TODAY)
    assert status.name == ON_TRACK
    assert "-" not in status.reason
    assert status.reason == ("At the current trend it would reach 0 missing assignments (the "
                             "lowest possible) by 11 June 2027, reaching the target of 1 "
                             "missing assignment.")


@pytest.mark.parametrize(("values", "forecast"), [
    ((40, 50, 60, 70), "reach 100 percent correct (the highest possible)"),  # 10/7 a day
    ((40, 30, 20, 10), "reach 0 percent correct (the lowest possible)"),
])
def test_a_percent_is_never_forecast_past_100_or_below_0(values, forecast):
    assert forecast in assess(PERCENT, weekly(*values), TODAY).reason


def test_a_goal_s_own_lowest_and_highest_bound_its_forecast():
    rubric = Goal(START, 10, TARGET_DATE, 20, True, "rubric points (out of 24)", 4, 24)
    status = assess(rubric, weekly(10, 14, 18, 22), TODAY)
    assert "reach 24 rubric points (out of 24) (the highest possible)" in status.reason
    assert rubric.possible_range() == (4, 24)
    # with no range of its own, a measure that is no count is left open
    assert Goal(START, -40, TARGET_DATE, 10).possible_range() == (-math.inf, math.inf)
    # stored data a form would refuse stretch the range rather than be cut off
    assert MISSING.possible_range([-2.0]) == (-2.0, math.inf)


@pytest.mark.parametrize(("value", "unit", "written"), [
    (1, "missing assignments", "1 missing assignment"),
    (2, "missing assignments", "2 missing assignments"),
    (0, "missing assignments", "0 missing assignments"),
    (1.5, "missing assignments", "1.5 missing assignments"),
    (1, "office referrals per month", "1 office referral per month"),
    (1, "career activities completed", "1 career activity completed"),
    (1, "rubric points (out of 24)", "1 rubric point (out of 24)"),
    (1, "minutes late per week", "1 minute late per week"),
    (2, "missing assignment", "2 missing assignments"),
    (2, "office referral", "2 office referrals"),
    (1, "percent correct", "1 percent correct"),
    (1, "words a minute", "1 words a minute"),
    (1, "words correct per minute", "1 words correct per minute"),
    (2, "wpm", "2 wpm"),
    (1, "assignments turned in (%)", "1 assignments turned in (%)"),
    (3, "", "3"),
])
def test_a_unit_agrees_with_its_number(value, unit, written):
    assert amount(value, unit) == written


@pytest.mark.parametrize(("one", "many"), [
    ("assignment", "assignments"), ("activity", "activities"), ("day", "days"),
    ("box", "boxes"), ("match", "matches"), ("child", "children"), ("Referral", "Referrals"),
])
def test_singular_and_plural_of_a_noun(one, many):
    assert plural(one) == many and singular(many) == one


def test_words_that_are_not_plural_stay_as_they_are():
    assert [singular(w) for w in ("percent", "class", "focus", "is", "minus")] == \
        ["percent", "class", "focus", "is", "minus"]
    assert unit_for("1", "percent correct") == "percent correct"


def test_a_stored_goals_status_follows_its_measurements_goal_and_day():
    """The status is kept with the goal object between pages, and is never a stale one:
    a new measurement, a changed target or another day is judged afresh."""
    from profilerepo.plans.goals import Goal as StoredGoal
    from profilerepo.plans.progress import goal_status

    goal = StoredGoal({"title": "Reading fluency", "unit": "words per minute",
                       "baseline_value": 10.0, "baseline_date": START,
                       "target_value": 40.0, "target_date": TARGET_DATE}, by="t")
    goal.data_points = [{"date": d, "value": v} for d, v in weekly(10, 10, 10, 10)]
    assert goal_status(goal, TODAY).name == AT_RISK
    assert goal_status(goal, TODAY).name == AT_RISK  # (asked again: the same answer)
    goal.data_points = [{"date": d, "value": v} for d, v in weekly(12, 17, 22, 27)]
    assert goal_status(goal, TODAY).name == ON_TRACK
    goal.target_value = 400.0
    assert goal_status(goal, TODAY).name == AT_RISK
    goal.target_value = 40.0
    assert goal_status(goal, TODAY).name == ON_TRACK
    later = TARGET_DATE + datetime.timedelta(30)  # (past the target date: judged anew)
    assert goal_status(goal, later) == assess(Goal.of(goal), weekly(12, 17, 22, 27), later)
    assert goal_status(goal, later).reason != goal_status(goal, TODAY).reason
