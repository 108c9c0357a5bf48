"""A full record for the backpack and CLR benches: what a student has after several years
in the district, laid over a demo student and never committed (the caller aborts).

40 courses, 10 assessments, attendance and programs; 5 pieces of work with a 200 KB file
each and a badge for each; 12 shared narratives; two past plans of 3 goals with a year
of data points each.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ZODB.blob import Blob

from profilerepo.badges.issuing import award_badge
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import PastPlans, Plan
from profilerepo.workflow import running_engine

WHEN = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
FILE = b"%PDF-1.4\n" + bytes(range(256)) * 800  # (200 KB)
GOAL = {"area": "academic", "measure": "Oral reading fluency probe",
        "unit": "words a minute", "higher_is_better": True, "baseline_value": 80.0,
        "baseline_date": date(2023, 9, 10), "target_value": 120.0,
        "target_date": date(2024, 6, 10), "schedule": "every two weeks"}


def full_record(site, issuer, student) -> None:
    """Give ``student`` the full record described above (not committed)."""
    marks = ("A", "B+", "A-", "C", "B", "A", "B-", "F")
    student["transcript"].record({
        "courses": tuple({"term": f"{'Fall' if n % 2 else 'Spring'} {2022 + n // 10}",
                          "course": f"Course {n}", "grade": marks[n % len(marks)],
                          "credits": 0.5} for n in range(40)),
        "assessments": tuple({"name": f"Assessment {n}", "date": date(2026, 9, 1 + n),
                              "score": 200 + n, "growth": 40 + n} for n in range(10)),
        "attendance": {"days_enrolled": 60, "days_absent": 3, "tardies": 1},
        "programs": "English learner services."}, "bench", WHEN)
    engine = running_engine()
    portfolio = student["portfolio"]
    for n in range(5):
        blob = Blob()
        with blob.open("w") as out:
            out.write(FILE)
        portfolio.add(f"bench-work-{n}", PortfolioItem(
            {"title": f"Project {n}", "kind": "work", "description": "A project",
             "filename": f"project-{n}.pdf", "content_type": "application/pdf",
             "size": len(FILE), "file": blob}, "bench", WHEN))
        award_badge(site, issuer, student,
                    {"name": f"Badge {n}", "description": "Earned in class.",
                     "criteria": "Did the work.", "evidence": f"bench-work-{n}"},
                    by="bench", evidence_url=f"https://example.org/work/{n}", when=WHEN)
    narratives = student["narratives"]
    for n in range(12):
        narrative = Narrative({"title": f"Term {n} in science", "term": f"Term {n}",
                               "course": "Science", "body": "Asks sharp questions. " * 40},
                              "bench", WHEN)
        narratives.add(f"bench-narrative-{n}", narrative)
        for transition in ("submit", "approve", "share"):
            engine.perform(narrative, transition, actor="bench",
                           roles={"author", "teacher", "counselor"})
    if "past-plans" not in student:
        student.add("past-plans", PastPlans())
    for year in (2023, 2024):
        plan = Plan({"period_start": date(year, 9, 1), "period_end": date(year + 1, 6, 30),
                     "accommodations": "Extra time on tests"}, "bench", WHEN)
        student["past-plans"].add(f"bench-{year}", plan)
        for n in range(3):
            goal = Goal({**GOAL, "title": f"Goal {n} of {year}",
                         "baseline_date": date(year, 9, 10),
                         "target_date": date(year + 1, 6, 10)}, "bench", WHEN)
            plan.goals.add(f"goal-{n}", goal)
            goal.data_points = [
                {"date": date(year, 9, 10) + timedelta(days=14 * k), "value": 80.0 + k,
                 "by": "bench", "note": ""} for k in range(18)]
