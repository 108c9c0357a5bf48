"""A goal's progress chart, drawn on the server as SVG a screen reader can read.

The chart shows the measurements, the aim line from baseline to target, the trend (from
three measurements over three weeks on, kept within the measure's possible range) and the
target; its value axis stays within the data, the target and that range. Its ``title``
names the goal and its ``desc`` says in words what the picture shows, status and reason
included; the page puts the same data beside it as a table. A goal whose own dates or
values cannot be used has no chart; measurements that cannot be are left out, and the
description says how many.
"""
from __future__ import annotations

import datetime
import math
from html import escape as _escape

from profilerepo.plans.progress import (
    Goal,
    Line,
    Status,
    aim_line,
    amount,
    day,
    forecast_trend,
    unusable,
    usable_points,
)

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 112, 16, 44  # margins (the right one holds the labels)
# The chart scales with the page, but never below NARROWEST px wide (the stylesheet's
# min-width for svg.chart): text TEXT units high is then still READABLE px, at least.
NARROWEST, READABLE = 480, 12
TEXT = math.ceil(READABLE * WIDTH / NARROWEST)
LINE = TEXT + 2  # the least distance between two labels' baselines


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks."""
    raw = span / ticks
    if not 0 < raw < math.inf:  # (a span too small to divide, or none)
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next((step * power for step in (1, 2, 5, 10) if step * power >= raw), raw)


def value_range(values: list[float], possible: tuple[float, float] = (-math.inf, math.inf)
                ) -> tuple[float, float, float]:
    """The chart's lowest and highest values and its tick step: round numbers around
    ``values`` (from 0 when all are positive and 0 is near), never an empty range, and
    never past the measure's ``possible`` lowest and highest (a percent stops at 100)."""
    low, high = min(values), max(values)
    if high - low <= abs(high) * 1e-9:  # one value, or ones closer than a chart can show
        pad = max(1.0, abs(high) * 1e-6)
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if min(values) >= 0 > low:
        low = 0.0
    floor = max(low, min(possible[0], *values))  # (values out of range stay drawn)
    ceiling = min(high, max(possible[1], *values))
    if ceiling > floor:
        low, high = floor, ceiling
    return low, high, step


def ticks(low: float, high: float, step: float) -> list[float]:
    """The round values from ``low`` to ``high`` a step apart (21 at most)."""
    first = math.ceil(low / step) * step
    count = min(math.floor((high - first) / step + 1e-9), 20) + 1 if high >= first else 0
    return [first + number * step for number in range(count)]


def trend_path(trend: Line, start: datetime.date, end: datetime.date,
               possible: tuple[float, float]) -> list[tuple[datetime.date, float]]:
    """The corners of the trend from ``start`` to ``end`` held within the ``possible``
    range: straight until it meets the lowest or highest value, then along it."""
    corners = {start, end}
    if trend.slope:
        for bound in possible:
            if math.isfinite(bound):
                meets = trend.origin + datetime.timedelta(
                    round((bound - trend.start) / trend.slope))
                if start < meets < end:
                    corners.add(meets)
    return [(when, min(max(trend.at(when), possible[0]), possible[1]))
            for when in sorted(corners)]


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of each month after ``first`` up to ``last``."""
    found, current = [], datetime.date(first.year, first.month, 1)
    while current <= last:
        if current >= first:
            found.append(current)
        current = datetime.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return found


def description(goal: Goal, points: list, status: Status) -> str:
    """What the chart shows, in sentences."""
    unit = goal.unit
    parts = []
    left_out = unusable(points)
    points = usable_points(points)
    if points:
        (first_day, first), (last_day, last) = points[0], points[-1]
        count = f"{len(points)} measurement{'s' if len(points) != 1 else ''}"
        parts.append(f"{count}, from {amount(first, unit)} on {day(first_day)} to "
                     f"{amount(last, unit)} on {day(last_day)}." if len(points) > 1 else
                     f"{count}: {amount(first, unit)} on {day(first_day)}.")
    elif not left_out:
        parts.append("No measurements yet.")
    if left_out:
        parts.append(f"{left_out} measurement{'' if left_out == 1 else 's'} could not be "
                     f"drawn: a value or date that is not possible.")
    parts.append(f"The aim line runs from the baseline, {amount(goal.baseline, unit)} on "
                 f"{day(goal.baseline_date)}, to the target, {amount(goal.target, unit)} by "
                 f"{day(goal.target_date)}.")
    trend = forecast_trend(points)
    if trend is not None:
        forecast = goal.within(trend.at(goal.target_date), [v for _, v in points])
        parts.append(f"The trend line through the measurements reaches about "
                     f"{amount(forecast, unit)} by the target date.")
    parts.append(f"Status: {status.name}. {status.reason}")
    return " ".join(parts)


def escape(text: str) -> str:
    return _escape(text, quote=True)


def goal_chart(goal: Goal, points: list, status: Status, *, title: str, ident: str) -> str:
    """The SVG of one goal's progress (``ident`` makes its element ids unique on the page;
    insert it as markup: every text in it is escaped here); "" if the goal cannot be drawn."""
    if not goal.usable:
        return ""
    stored, points = points, usable_points(points)
    first_day = min([goal.baseline_date, *(d for d, _ in points)])
    last_day = max([goal.target_date, *(d for d, _ in points)])
    days = max((last_day - first_day).days, 1)
    aim = aim_line(goal.baseline_date, goal.baseline, goal.target_date, goal.target)
    trend = forecast_trend(points)
    values = [goal.baseline, goal.target, *(v for _, v in points)]
    possible = goal.possible_range(values)
    path = [] if trend is None else trend_path(trend, points[0][0], goal.target_date,
                                               possible)
    low, high, step = value_range(values + [v for _, v in path], possible)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(when: datetime.date) -> float:
        return round(LEFT + plot_w * (when - first_day).days / days, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (high - value) / (high - low), 1)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-size="{TEXT}" '
           f'aria-labelledby="{ident}-title" '
           f'aria-describedby="{ident}-desc">',
           f'<title id="{ident}-title">{escape(title)}</title>',
           f'<desc id="{ident}-desc">{escape(description(goal, stored, status))}</desc>',
           '<g class="grid" aria-hidden="true">']
    for tick in ticks(low, high, step):
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick)}" y2="{y(tick)}"/>'
                   f'<text class="tick" x="{LEFT - 6}" y="{y(tick) + TEXT // 3}" '
                   f'text-anchor="end">{escape(amount(tick))}</text>')
    months = months_between(first_day, last_day)
    every = max(1, math.ceil(len(months) / 8))
    for month in months[::every]:
        out.append(f'<line class="month" x1="{x(month)}" x2="{x(month)}" y1="{TOP}" '
                   f'y2="{TOP + plot_h}"/><text class="tick" x="{x(month)}" '
                   f'y="{TOP + plot_h + LINE + 2}" text-anchor="middle">{month:%b}</text>')
    out.append(f'<text class="unit" x="{LEFT}" y="{HEIGHT - 6}">{escape(goal.unit)}</text>'
               '</g>')
    out.append(f'<line class="aim" x1="{x(goal.baseline_date)}" y1="{y(goal.baseline)}" '
               f'x2="{x(goal.target_date)}" y2="{y(goal.target)}"/>')
    label_y = {"aim": y(aim.at(goal.target_date))}
    for (start, begin), (end, finish) in zip(path, path[1:], strict=False):
        out.append(f'<line class="trend" x1="{x(start)}" y1="{y(begin)}" '
                   f'x2="{x(end)}" y2="{y(finish)}"/>')
    if path:
        label_y["trend"] = y(path[-1][1])
    tx, ty = x(goal.target_date), y(goal.target)
    out.append(f'<path class="target" d="M{tx} {ty - 7}L{tx + 7} {ty}L{tx} {ty + 7}'
               f'L{tx - 7} {ty}Z"><title>Target: {escape(amount(goal.target, goal.unit))} '
               f'by {escape(day(goal.target_date))}</title></path>')
    for when, value in points:
        out.append(f'<circle class="point" cx="{x(when)}" cy="{y(value)}" r="4">'
                   f'<title>{escape(amount(value, goal.unit))} on {escape(day(when))}</title>'
                   '</circle>')
    out.append('<g class="labels" aria-hidden="true">')
    right = LEFT + plot_w + 10
    placed: list[float] = []
    for name, text in (("aim", "Aim line"), ("trend", "Trend"),
                       ("target", f"Target {escape(amount(goal.target))}")):
        wanted = ty if name == "target" else label_y.get(name)
        if wanted is None:
            continue
        while any(abs(wanted - other) < LINE for other in placed):  # (labels never overlap)
            wanted += LINE
        placed.append(wanted)
        out.append(f'<text class="label {name}" x="{right}" y="{wanted + TEXT // 3}">'
                   f'{text}</text>')
    out.append("</g></svg>")
    return "".join(out)
