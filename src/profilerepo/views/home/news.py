"""What is new and good about a student, for the family's and the student's home pages:
recent portfolio work and badges, teachers' feedback, and goals moving the right way."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo import clock
from profilerepo.plans import progress

RECENT_DAYS = 60  # "recent" news: from the last two months or so
MOST = 4


@dataclass(frozen=True)
class News:
    day: datetime.date
    text: str
    document: object  # what to open for more


def _day(when) -> datetime.date | None:
    """The district's day of a stored moment (not its UTC date)."""
    return clock.day_of(when) if isinstance(when, datetime.datetime) else None


def _earned(item, student, now: datetime.datetime) -> bool:
    """Whether a badge counts as earned news: one revoked, expired, not verified or
    issued to someone else does not (a portfolio piece merely tagged "badge" has no
    credential to hold)."""
    still_held = getattr(item, "still_held", None)
    if still_held is None:
        return True
    if not still_held(now):
        return False
    theirs = item.awarded_here or getattr(item, "imported", False) or item.names(student)
    return bool(theirs)


def shared_narratives(can_view, student) -> list:
    """The student's narratives this user may read, newest first."""
    found = [n for n in student.get("narratives", {}).values() if can_view(n)]
    return sorted(found, key=lambda n: n.modified or n.created, reverse=True)


def _goal_news(goal, name: str, since: datetime.date) -> News | None:
    """The goal's latest measurement, if recent and better than where it started."""
    points = progress.usable_points(progress.points_of(goal))
    if not points or points[-1][0] < since or not progress.usable_value(goal.baseline_value):
        return None
    when, latest = points[-1]
    better = (latest > goal.baseline_value if goal.higher_is_better
              else latest < goal.baseline_value)
    if not better:
        return None
    reached = (latest >= goal.target_value if goal.higher_is_better
               else latest <= goal.target_value)
    text = (f"{name} reached the goal “{goal.title}”: {progress.amount(latest, goal.unit)}."
            if reached else
            f"{name} is at {progress.amount(latest, goal.unit)} on “{goal.title}”, up from "
            f"{progress.amount(goal.baseline_value, goal.unit)} at the start."
            if goal.higher_is_better else
            f"{name} is down to {progress.amount(latest, goal.unit)} on “{goal.title}”, from "
            f"{progress.amount(goal.baseline_value, goal.unit)} at the start.")
    return News(when, text, goal)


def good_news(can_view, student, goals: list, today: datetime.date, person) -> list[News]:
    """The newest good news (at most ``MOST``): portfolio work, feedback, goals improving.
    ``person``: login -> name."""
    since, name, found = today - datetime.timedelta(RECENT_DAYS), student.first_name, []
    now = clock.now()
    for item in student.get("portfolio", {}).values():
        day = _day(item.created)
        if day and day >= since and can_view(item) and _earned(item, student, now):
            kind = "earned a badge" if item.kind == "badge" else "added to the portfolio"
            found.append(News(day, f"{name} {kind}: “{item.title}”.", item))
    for narrative in shared_narratives(can_view, student):
        day = _day(narrative.modified)
        if day and day >= since:
            found.append(News(day, f"New feedback from {person(narrative.creator)} in "
                                   f"{narrative.course}: “{narrative.title}”.", narrative))
    for goal in goals:
        news = _goal_news(goal, name, since)
        if news is not None:
            found.append(news)
    return sorted(found, key=lambda n: n.day, reverse=True)[:MOST]
