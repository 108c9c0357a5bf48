"""What a reader of the access log asked to see: one person, a span of days, a page;
read from the page's GET form (so a filtered log can be bookmarked), with a message for
each field that could not be read instead of an error page."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from profilerepo.accesslog.store import Scope

LONGEST = 100  # (no login or date is longer; a longer value is not ours)


@dataclass(frozen=True)
class LogQuery:
    person: str = ""
    start: datetime.date | None = None  # first day shown, in the district's calendar
    end: datetime.date | None = None  # last day shown
    page: int = 1
    typed: dict = field(default_factory=dict)  # what was typed in each date field
    errors: dict = field(default_factory=dict)  # field -> what is wrong with it

    @property
    def filtered(self) -> bool:
        return bool(self.person or self.start or self.end)

    def scope(self, zone: datetime.tzinfo, **where) -> Scope:
        """The entries asked for: ``where`` (a student or a school) within the days
        asked, from the first day's midnight to the midnight after the last, in ``zone``."""
        def midnight(day: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)

        return Scope(**where, login=self.person or None,
                     start=midnight(self.start) if self.start else None,
                     end=midnight(self.end + datetime.timedelta(days=1)) if self.end else None)

    def params(self, **changes) -> dict:
        """The form's values (with ``changes``) as a link's query, leaving out empty ones."""
        changed = replace(self, **changes)
        values = {"person": changed.person,
                  "from": changed.start.isoformat() if changed.start else "",
                  "to": changed.end.isoformat() if changed.end else "",
                  "page": str(changed.page) if changed.page > 1 else ""}
        return {name: value for name, value in values.items() if value}


def _day(typed: str) -> datetime.date:
    return datetime.date.fromisoformat(typed)


def read_query(params) -> LogQuery:
    """The ``LogQuery`` in a request's ``params``; a field that cannot be read is left
    out of the filter and said so in ``errors``."""
    person = params.get("person", "").strip()[:LONGEST]
    typed, days, errors = {}, {}, {}
    for name, label in (("from", "From"), ("to", "To")):
        text = typed[name] = params.get(name, "").strip()[:LONGEST]
        if not text:
            continue
        try:
            days[name] = _day(text)
        except ValueError:
            errors[name] = (f"{label}: write a date as year-month-day, for example "
                            f"2026-09-01.")
    if "from" in days and "to" in days and days["to"] < days["from"]:
        errors["to"] = "To: this day is before the From day; nothing could match."
        del days["to"]
    try:
        page = max(1, int(params.get("page", "1")[:9]))
    except ValueError:
        page = 1
    return LogQuery(person=person, start=days.get("from"), end=days.get("to"), page=page,
                    typed=typed, errors=errors)
