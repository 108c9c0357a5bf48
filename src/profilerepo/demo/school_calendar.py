"""Grades, school levels and the school calendar that every dated demo record follows."""
from __future__ import annotations

from datetime import date, timedelta

GRADES = ("K",) + tuple(str(grade) for grade in range(1, 13))
LEVEL_GRADES = {"elementary": range(0, 6), "middle": range(6, 9), "high": range(9, 13)}


def school_year(today: date) -> tuple[date, date]:
    """The school year holding ``today``: fourth Monday of August to second Friday of June."""
    start = nth_weekday(today.year, 8, 0, 4)
    if today < start:
        start = nth_weekday(today.year - 1, 8, 0, 4)
    return start, nth_weekday(start.year + 1, 6, 4, 2)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``th given weekday (Monday is 0) of a month."""
    first = date(year, month, 1)
    return first + timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))


def school_day(day: date) -> date:
    """The day itself, or the Friday before when it falls on a weekend (never later)."""
    return day - timedelta(max(0, day.weekday() - 4))


def school_days(start: date, end: date) -> int:
    """Weekdays from start to end inclusive, less about one holiday in twenty-five."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    extra = sum(1 for k in range(rest) if (start.weekday() + k) % 7 < 5)
    weekdays = weeks * 5 + extra
    return weekdays - weekdays // 25


def term_label(year: int, season: str) -> str:
    """A term as the transcript names it, such as ``2026-27 Fall``."""
    return f"{year}-{(year + 1) % 100:02d} {season}"


def grade_label(grade: int) -> str:
    """How the Common Core names a grade in standard codes: K, 1..8, 9-10, 11-12."""
    if grade >= 9:
        return "9-10" if grade <= 10 else "11-12"
    return GRADES[grade]


def age_band(grade: int) -> str:
    """The age band a grade's phrases are written for: early, upper, middle or high."""
    return "early" if grade <= 2 else "upper" if grade <= 5 else "middle" if grade <= 8 else "high"
