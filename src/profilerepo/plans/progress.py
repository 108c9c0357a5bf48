"""Progress monitoring: the aim line, the trend and the decision rule, in plain words.

A goal runs from its baseline (the present level, on a date) to its target
(a value, by a date). The aim line is the steady path between the two. From
three measurements on, the trend is the ordinary least-squares line through
them. The rule the team reads:

- not enough data: fewer than three usable measurements, or measurements spanning
  less than three weeks (too early to read a trend), or a goal whose own dates or
  values are not usable;
- at risk: the last four measurements all fall short of the aim line (below
  it, or above it when lower is better), or the trend will not reach the
  target by its date (once the date has passed: the latest measurement has
  not reached it);
- on track: otherwise.

A forecast stays within what the measure can be: the goal's own lowest and highest
values, or else never below 0 for things counted and never past 100 for a percent.

Every status carries its reason, in a sentence a family can read. Nothing
here knows about the web or the database: points are (date, value) pairs.

Forms keep absurd values out, but whatever is stored (an earlier version's data, a
bulk load) is judged and drawn without failing: a value that is not a number, or
too large to compute with, and a date off the calendar below are left out, and
the reason says so.
"""
from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

ON_TRACK, AT_RISK, NOT_ENOUGH_DATA = "on track", "at risk", "not enough data"
FEWEST_FOR_TREND = 3
SHORTEST_TREND_DAYS = 21  # a trend over a few days is noise, not a pace to forecast from
BEHIND_RUN = 4  # measurements in a row short of the aim line

Point = tuple[datetime.date, float]

# What the rule computes with: numbers far past any measure yet far from overflowing
# (sums and products of them stay finite), dates on a calendar a chart can span.
USABLE_LIMIT = 1e100
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


def usable_value(value) -> bool:
    """A finite number within ``USABLE_LIMIT`` either way."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and abs(value) <= USABLE_LIMIT)


def usable_day(day) -> bool:
    """A date (not a time) from ``FIRST_DAY`` to ``LAST_DAY``."""
    return type(day) is datetime.date and FIRST_DAY <= day <= LAST_DAY


def usable_points(points: Sequence[Point]) -> list[Point]:
    """The points whose date and value are both usable, in their order."""
    return [(day, float(value)) for day, value in points
            if usable_day(day) and usable_value(value)]


@dataclass(frozen=True)
class Line:
    """A straight line over time: ``start`` on ``origin``, changing ``slope`` a day."""

    origin: datetime.date
    start: float
    slope: float

    def at(self, day: datetime.date) -> float:
        return self.start + self.slope * (day - self.origin).days


def aim_line(baseline_date: datetime.date, baseline: float, target_date: datetime.date,
             target: float) -> Line:
    """The steady path from the baseline to the target (flat at the target if the target
    date is not after the baseline's)."""
    span = (target_date - baseline_date).days
    if span <= 0:
        return Line(baseline_date, target, 0.0)
    return Line(baseline_date, baseline, (target - baseline) / span)


def trend_line(points: Sequence[Point]) -> Line | None:
    """The least-squares line through the points; None under three points, or when they
    were all taken on one day (no trend over time to speak of)."""
    if len(points) < FEWEST_FOR_TREND:
        return None
    origin = points[0][0]
    xs = [(day - origin).days for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return Line(origin, mean_y - slope * mean_x, slope)


def span_days(points: Sequence[Point]) -> int:
    """Days from the first measurement to the last."""
    return (points[-1][0] - points[0][0]).days if points else 0


def forecast_trend(points: Sequence[Point]) -> Line | None:
    """The trend, once the measurements span ``SHORTEST_TREND_DAYS``: a line over fewer
    days says too little to forecast with (None then)."""
    return trend_line(points) if span_days(points) >= SHORTEST_TREND_DAYS else None


@dataclass(frozen=True)
class Status:
    name: str  # ON_TRACK, AT_RISK or NOT_ENOUGH_DATA
    reason: str  # why, in a sentence

    @property
    def css(self) -> str:
        return self.name.replace(" ", "-")


@dataclass(frozen=True)
class Goal:
    """What the rule needs to know of a goal."""

    baseline_date: datetime.date
    baseline: float
    target_date: datetime.date
    target: float
    higher_is_better: bool = True
    unit: str = ""
    lowest: float | None = None  # the measure's possible range (None: open, or read
    highest: float | None = None  # from the unit: see ``possible_range``)

    @classmethod
    def of(cls, goal) -> Goal:
        """From a stored goal (plans.goals.Goal)."""
        return cls(goal.baseline_date, goal.baseline_value, goal.target_date,
                   goal.target_value, goal.higher_is_better, goal.unit,
                   getattr(goal, "lowest", None), getattr(goal, "highest", None))

    def possible_range(self, values: Sequence[float] = ()) -> tuple[float, float]:
        """The lowest and highest values the measure can take: the goal's own, or else 0
        up for things counted and 0 to 100 for a percent; stretched to cover the goal's
        baseline, target and ``values`` (stored data a form would have refused)."""
        low, high = -math.inf, math.inf
        if is_percent(self.unit):
            low, high = 0.0, 100.0
        elif counted_noun(self.unit) is not None:
            low = 0.0
        if usable_value(self.lowest):
            low = self.lowest
        if usable_value(self.highest):
            high = self.highest
        known = [v for v in (self.baseline, self.target, *values) if usable_value(v)]
        return min([low, *known]), max([high, *known])

    def within(self, value: float, values: Sequence[float] = ()) -> float:
        """``value`` brought into the measure's possible range (see ``possible_range``)."""
        low, high = self.possible_range(values)
        return min(max(value, low), high)

    @property
    def usable(self) -> bool:
        """Whether its dates and values can be judged and drawn."""
        return (usable_day(self.baseline_date) and usable_day(self.target_date)
                and usable_value(self.baseline) and usable_value(self.target))

    def short_of(self, value: float, aim: float) -> bool:
        """Whether ``value`` falls short of ``aim`` (below it; above it if lower is better)."""
        return value < aim if self.higher_is_better else value > aim


def points_of(goal) -> list[Point]:
    """A stored goal's measurements as (date, value), in date order."""
    return [(point["date"], point["value"]) for point in goal.data_points]


def goal_status(goal, today: datetime.date) -> Status:
    """A stored goal's (plans.goals.Goal) status today. Kept with the goal object while
    it stays in memory, for as long as the goal, its measurements and the day are the
    same (a caseload asks it of every goal of a few hundred students on every visit)."""
    spec, points = Goal.of(goal), tuple(points_of(goal))
    asked = (today, spec, points)
    kept = getattr(goal, "_v_status", None)
    if kept is not None and kept[0] == asked:
        return kept[1]
    status = assess(spec, points, today)
    try:
        goal._v_status = (asked, status)  # (a volatile attribute: never saved)
    except AttributeError:  # (not an object that takes attributes)
        pass
    return status


def amount(value: float, unit: str = "") -> str:
    """A value as people write it: no trailing zeros, one decimal at most, with its unit
    agreeing with it (1 missing assignment, 2 missing assignments)."""
    text = f"{round(value, 1):g}"
    return f"{text} {unit_for(text, unit)}".strip()


# Words that end a unit's noun ("office referrals per month", "words a minute").
_AFTER_NOUN = {"per", "a", "an", "in", "of", "on", "at", "each", "every", "without"}
_SPEED = re.compile(r"\b(a|an|per)\s+(second|minute|hour)\b")  # (a rate, as it is)
_NOT_PLURAL = {"is", "was", "has", "this", "less", "across", "plus", "minus", "bonus",
               "focus", "status", "campus", "news"}
_UNCOUNTED = {"percent", "percentage", "accuracy", "fluency", "score", "progress"}
_IRREGULAR = {"child": "children", "person": "people", "foot": "feet", "tooth": "teeth",
              "man": "men", "woman": "women", "mouse": "mice"}


@lru_cache(maxsize=4096)  # (asked for every goal on every page)
def is_percent(unit: str) -> bool:
    """Whether the unit is a percent ("percent correct", "assignments turned in (%)")."""
    return "%" in unit or bool({"percent", "percentage"} & set(_words(unit)))


@lru_cache(maxsize=4096)  # (asked for every goal on every page)
def counted_noun(unit: str) -> int | None:
    """Which word of a unit names the things counted (the first plural noun before a
    "per", "a", "in"...): "office referrals per month" gives 1; None for a unit that
    names no things counted ("percent correct", "wpm")."""
    if is_percent(unit):
        return None
    for place, word in enumerate(unit.split()):
        if not word.isalpha() or word.lower() in _AFTER_NOUN:
            return None
        if singular(word) != word:
            return place
    return None


def singular(word: str) -> str:
    """One of a plural noun ("assignments": "assignment", "activities": "activity");
    any other word as it is."""
    lower = word.lower()
    irregular = {many: one for one, many in _IRREGULAR.items()}
    if lower in irregular:
        return word[0] + irregular[lower][1:]
    if len(lower) < 3 or not lower.endswith("s") or lower in _NOT_PLURAL \
            or lower.endswith(("ss", "us", "is")):
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def plural(word: str) -> str:
    """More than one of a noun ("referral": "referrals", "activity": "activities")."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return word[0] + _IRREGULAR[lower][1:]
    if lower.endswith(("ch", "sh", "x", "s", "z")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


@lru_cache(maxsize=4096)  # (asked for every goal on every page)
def unit_for(number: str, unit: str) -> str:
    """The unit agreeing with a number as written: its counted noun singular for "1",
    plural otherwise ("missing assignment" or "missing assignments"). A unit naming no
    things counted, or a speed ("words a minute"), stays as it is."""
    if not unit or _SPEED.search(unit.lower()):
        return unit
    words = unit.split()
    place = counted_noun(unit)
    if place is not None:
        if number in ("1", "-1"):
            words[place] = singular(words[place])
    elif number not in ("1", "-1") and _pluralisable(words):
        words[-1] = plural(words[-1])
    return " ".join(words)


def _pluralisable(words: list[str]) -> bool:
    """Whether a unit is a short phrase ending in a singular noun we can make plural
    ("missing assignment", "office referral"); not a percent, a score or a short form."""
    last = words[-1].lower() if words else ""
    return (0 < len(words) <= 3 and all(word.isalpha() for word in words)
            and not _UNCOUNTED & {word.lower() for word in words}
            and not _AFTER_NOUN & {word.lower() for word in words}
            and len(last) > 3 and any(letter in "aeiouy" for letter in last))


def _words(unit: str) -> list[str]:
    return re.findall(r"[a-z]+", unit.lower())


def day(value: datetime.date) -> str:
    """A date as the pages write it: 3 November 2026."""
    return f"{value.day} {value:%B %Y}"


def assess(goal: Goal, points: Sequence[Point], today: datetime.date) -> Status:
    """The goal's status by the rule above, with its reason."""
    if goal.baseline_date is None or goal.target_date is None:
        return Status(NOT_ENOUGH_DATA, "The goal has no starting date or no target date yet, "
                                       "so its progress cannot be judged.")
    if not goal.usable:
        return Status(NOT_ENOUGH_DATA, "The goal's starting point or target is not a usable "
                                       "value or date, so its progress cannot be judged "
                                       "until the goal is corrected.")
    usable = usable_points(points)
    left_out, points = len(points) - len(usable), usable
    count = len(points)
    if count < FEWEST_FOR_TREND:
        kind = "usable measurements" if left_out else "measurements"
        have = {0: f"No {kind} yet", 1: f"Only one {kind[:-1]} so far"}.get(
            count, f"Only {count} {kind} so far")
        if left_out:
            have += (f" ({_count(left_out)} could not be used: a value or date that is not "
                     f"possible)")
        return Status(NOT_ENOUGH_DATA, f"{have}; a trend needs at least {FEWEST_FOR_TREND}.")
    trend = trend_line(points)
    if trend is None:
        return Status(NOT_ENOUGH_DATA, "All the measurements were taken on one day; a trend "
                                       "needs measurements on different days.")
    target = amount(goal.target, goal.unit)
    reasons = []
    if goal.target_date < today:
        last_day, last = points[-1]
        if goal.short_of(last, goal.target):
            return Status(AT_RISK, f"The target date, {day(goal.target_date)}, has passed, "
                                   f"and the latest measurement ({amount(last, goal.unit)} on "
                                   f"{day(last_day)}) has not reached the target of {target}.")
        return Status(ON_TRACK, f"The latest measurement ({amount(last, goal.unit)} on "
                                f"{day(last_day)}) reached the target of {target}.")
    aim = aim_line(goal.baseline_date, goal.baseline, goal.target_date, goal.target)
    recent = points[-BEHIND_RUN:]
    side = "below" if goal.higher_is_better else "above"
    if len(recent) == BEHIND_RUN and all(goal.short_of(v, aim.at(d)) for d, v in recent):
        reasons.append(f"the last {BEHIND_RUN} measurements were all {side} the aim line")
    if span_days(points) < SHORTEST_TREND_DAYS:  # (the trend says too little yet)
        early = (f"the measurements span {_days(span_days(points))}; a trend needs at least "
                 f"{SHORTEST_TREND_DAYS // 7} weeks")
        if reasons:
            return Status(AT_RISK, _sentence(f"{reasons[0]} (too early to read a trend: "
                                             f"{early})"))
        return Status(NOT_ENOUGH_DATA, _sentence(f"too early to tell: {early}"))
    low, high = goal.possible_range([value for _, value in points])
    projected = min(max(trend.at(goal.target_date), low), high)  # (as ``within`` does)
    edge = {low: " (the lowest possible)", high: " (the highest possible)"}.get(projected, "")
    if edge and projected != trend.at(goal.target_date):
        at_pace = (f"at the current trend it would reach {amount(projected, goal.unit)}"
                   f"{edge} by {day(goal.target_date)}")
    else:
        at_pace = (f"at the current trend it would be about {amount(projected, goal.unit)} "
                   f"by {day(goal.target_date)}")
    if goal.short_of(projected, goal.target):
        reasons.append(f"{at_pace}, short of the target of {target}")
        return Status(AT_RISK, _sentence(" and ".join(reasons)))
    if reasons:
        return Status(AT_RISK, _sentence(f"{reasons[0]}, though {at_pace}"))
    return Status(ON_TRACK, _sentence(f"{at_pace}, reaching the target of {target}"))


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _count(number: int) -> str:
    return f"{number} measurement{'' if number == 1 else 's'}"


def _days(number: int) -> str:
    return f"{number} day{'' if number == 1 else 's'}"


def unusable(points: Sequence[Point]) -> int:
    """How many of the points the rule and the chart leave out."""
    return len(points) - len(usable_points(points))


def share_of_the_way(goal: Goal, value: float) -> float | None:
    """How far ``value`` has come from the baseline toward the target (0 = baseline,
    1 = target; below 0 when it went the other way). None when baseline = target, or
    either is not usable."""
    if not (usable_value(goal.baseline) and usable_value(goal.target)):
        return None
    rise = goal.target - goal.baseline
    if rise == 0:
        return None
    return (value - goal.baseline) / rise


_EVERY = {"day": 1, "school day": 1, "week": 7, "month": 30, "quarter": 91}
_WORDS = {"other": 2, "two": 2, "three": 3, "four": 4, "six": 6, "2": 2, "3": 3, "4": 4, "6": 6}
_NAMED = {"daily": 1, "weekly": 7, "biweekly": 14, "fortnightly": 14, "monthly": 30,
          "quarterly": 91}


def interval_days(schedule: str) -> int | None:
    """How many days apart a schedule written in words means ("every two weeks": 14),
    or None when it does not say (then no measurement is ever called due)."""
    words = " ".join(schedule.lower().replace("-", " ").split())
    if words.replace(" ", "") in _NAMED:  # (bi-weekly, bi weekly, biweekly)
        return _NAMED[words.replace(" ", "")]
    for unit, days in _EVERY.items():
        if words in (f"every {unit}", f"once a {unit}", f"each {unit}"):
            return days
        for word, count in _WORDS.items():
            if words in (f"every {word} {unit}s", f"every {word} {unit}"):
                return days * count
    return None


def next_measurement(goal: Goal, schedule: str, points: Sequence[Point]) -> datetime.date | None:
    """When the next measurement is due by the goal's schedule: one interval after the
    latest (or after the baseline, before any). None if the schedule says no interval."""
    days = interval_days(schedule)
    usable = usable_points(points)
    last = usable[-1][0] if usable else goal.baseline_date
    if days is None or not usable_day(last):
        return None
    return last + datetime.timedelta(days)


_COUNTS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def sessions_per_week(frequency: str) -> float | None:
    """How many sessions a week a frequency in words means ("3 times a week": 3, "daily":
    5 school days, "every other week": 0.5, "monthly": 12 / 52), or None if it does not
    say (then no planned minutes are worked out)."""
    words = " ".join(frequency.lower().replace("-", " ").split())
    days = interval_days(words)
    if days is not None:  # (a school week has 5 days, a year 52 weeks)
        return {1: 5.0, 30: 12 / 52, 91: 4 / 52}.get(days, 7 / days)
    parts = words.replace(" per ", " a ").replace("times", "time").split()
    if len(parts) >= 3 and parts[-2] == "a" and parts[-1] in ("week", "month"):
        count = parts[0]
        number = _COUNTS.get(count) or (int(count) if count.isdecimal() else None)
        if number and (len(parts) == 3 and count in ("once", "twice")
                       or parts[1:-2] == ["time"]):
            return float(number) if parts[-1] == "week" else number * 12 / 52
    return None


def planned_minutes(support: dict, today: datetime.date,
                    plan_start: datetime.date | None = None,
                    plan_end: datetime.date | None = None) -> int | None:
    """Minutes of a support planned from its start (or the plan's) to today, or to its
    end (or the plan's) if sooner; None when its frequency is not understood or it has
    no start."""
    per_week = sessions_per_week(support.get("frequency", ""))
    start = support.get("start") or plan_start
    if per_week is None or start is None or not support.get("minutes"):
        return None
    end = min(d for d in (today, support.get("end"), plan_end) if d is not None)
    weeks = max(0, (end - start).days + 1) / 7
    return round(per_week * weeks * support["minutes"])
