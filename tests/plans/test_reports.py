"""The first draft of a progress report: numbers and status in plain words, per goal."""
from __future__ import annotations

import datetime

from profilerepo.content.student import Student
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import Plan
from profilerepo.plans.reports import draft_report_text

TODAY = datetime.date(2026, 11, 20)


def plan_with(*goals: tuple[dict, list, str]) -> Plan:
    student = Student({"given_name": "Mayra", "preferred_name": "Maya",
                       "family_name": "Lopez", "grade": "4", "school": "north"}, by="cora")
    plan = Plan({}, by="cora")
    student.add("plan", plan)
    for n, (values, points, state) in enumerate(goals, start=1):
        goal = Goal({"area": "academic", "measure": "Fluency probe", "schedule": "monthly",
                     **values}, by="cora")
        goal.workflow_states = {"goal-lifecycle": state}
        goal.data_points = tuple({"date": d, "value": v, "by": "theo", "note": ""}
                                 for d, v in points)
        plan.goals.add(f"goal-{n}", goal)
    return plan


READING = {"title": "Reads 90 words a minute by June", "unit": "words per minute",
           "baseline_value": 41.0, "baseline_date": datetime.date(2026, 9, 1),
           "target_value": 90.0, "target_date": datetime.date(2027, 6, 1)}
# 41, 48, 55, 62 a month apart-ish: trend about 0.23 a day, far past 90 by June
RISING = [(datetime.date(2026, 9, 1), 41), (datetime.date(2026, 9, 29), 48),
          (datetime.date(2026, 10, 27), 55), (datetime.date(2026, 11, 17), 62)]


def test_each_active_goal_reads_as_a_sentence_with_numbers_and_status():
    text = draft_report_text(plan_with((READING, RISING, "active")), TODAY)
    assert text.startswith("Reads 90 words a minute by June\n")
    # (62 - 41) / (90 - 41) = 21 / 49 = 43%
    assert ("Maya was at 62 words per minute in November, up from 41 words per minute in "
            "September (43% of the way to the target). Maya's goal is 90 words per minute by "
            "June 2027: on track. At the current trend") in text


def test_a_goal_without_data_and_one_going_the_wrong_way():
    lates = {"title": "Fewer late arrivals", "unit": "late arrivals a month",
             "baseline_value": 6.0, "baseline_date": datetime.date(2026, 9, 1),
             "target_value": 1.0, "target_date": datetime.date(2027, 5, 1),
             "higher_is_better": False}
    worse = [(datetime.date(2026, 9, 30), 7), (datetime.date(2026, 10, 30), 8),
             (datetime.date(2026, 11, 15), 8)]
    text = draft_report_text(plan_with((READING, [], "active"), (lates, worse, "active")),
                             TODAY)
    assert ("No measurements yet since the start, 41 words per minute in September. Maya's "
            "goal is 90 words per minute by June 2027: too early to tell.") in text
    assert ("Maya was at 8 late arrivals a month in November, up from 6 late arrivals a month "
            "in September (0% of the way to the target). Maya's goal is 1 late arrival a "
            "month by May 2027: behind the pace needed.") in text  # (unit agrees with number)


def test_only_active_goals_are_reported():
    text = draft_report_text(plan_with((READING, RISING, "proposed")), TODAY)
    assert text == "No active goals this period."
