"""Field builders shared by the content schemas, so every form reads alike: each says
what is wrong in plain words (colander's own messages name values the way a program
does: "-5 is less than minimum value 1")."""
from __future__ import annotations

import datetime
import math
import re

import colander
import deform.widget

from profilerepo import clock
from profilerepo.plans.progress import day

GRADES = ("K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")


def text(title: str, *, required: bool = False, max_length: int = 5000, rows: int = 0,
         description: str = "") -> colander.SchemaNode:
    """A text field; ``rows`` makes it a text area."""
    widget = deform.widget.TextAreaWidget(rows=rows) if rows else deform.widget.TextInputWidget()
    return colander.SchemaNode(
        colander.String(),
        title=title,
        description=description,
        validator=at_most_characters(max_length),
        missing=colander.required if required else "",
        widget=widget,
    )


def amount(value: float) -> str:
    """A number as a message writes it: 4,000; 2.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def at_most_characters(limit: int):
    """A text length check that says how long the text is."""
    def check(node: colander.SchemaNode, value: str) -> None:
        if len(value) > limit:
            raise colander.Invalid(
                node, f"Use at most {amount(limit)} characters (this has {amount(len(value))})")
    return check


def between(minimum: float | None, maximum: float | None):
    """A number range check in plain words: "Enter at least 1", "Enter 600 or less"."""
    def check(node: colander.SchemaNode, value: float) -> None:
        if minimum is not None and value < minimum:
            raise colander.Invalid(node, f"Enter at least {amount(minimum)}")
        if maximum is not None and value > maximum:
            raise colander.Invalid(node, f"Enter {amount(maximum)} or less")
    return check


def one_of(values) -> colander.OneOf:
    """A choice check whose message names no stored value (those are ids, not words)."""
    return colander.OneOf(list(values), msg_err="Choose one of the options in the list")


_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+")


def _not_a_number(cstruct, *, whole: bool) -> str:
    typed = cstruct.strip() if isinstance(cstruct, str) else ""
    if _THOUSANDS.fullmatch(typed):
        return f"Write it without commas, like {typed.replace(',', '')}"
    if whole:
        return "Enter a whole number, like 45"
    if re.fullmatch(r"-?\d*,\d+", typed):
        return "Use a point for decimals, like 2.5"
    return "Enter a number, like 45 or 2.5"


class _WholeNumber(colander.Integer):
    def deserialize(self, node, cstruct):
        try:
            return super().deserialize(node, cstruct)
        except colander.Invalid:
            raise colander.Invalid(node, _not_a_number(cstruct, whole=True)) from None


class _Number(colander.Float):
    def deserialize(self, node, cstruct):
        try:
            return super().deserialize(node, cstruct)
        except colander.Invalid:
            raise colander.Invalid(node, _not_a_number(cstruct, whole=False)) from None


NOT_A_DATE = "Enter a date as year-month-day, like 2026-11-30"


class _Date(colander.Date):
    def deserialize(self, node, cstruct):
        try:
            return super().deserialize(node, cstruct)
        except colander.Invalid:
            raise colander.Invalid(node, NOT_A_DATE) from None


class _DateInput(deform.widget.DateInputWidget):
    """(deform's own says "Invalid pstruct: ..." of a date that arrives in pieces it
    does not expect)"""

    def deserialize(self, field, pstruct):
        try:
            return super().deserialize(field, pstruct)
        except colander.Invalid:
            raise colander.Invalid(field.schema, NOT_A_DATE) from None


def date(title: str, *, required: bool = True, not_after_today: bool = False,
         description: str = "") -> colander.SchemaNode:
    """A calendar date (YYYY-MM-DD), optionally refused when after today (in the
    district's time zone, when the schema is bound with ``request`` or ``today``)."""
    validator = _not_in_future if not_after_today else None
    return colander.SchemaNode(
        _Date(),
        title=title,
        description=description,
        validator=validator,
        missing=colander.required if required else None,
        widget=_DateInput(),
    )


def bound_today(kw: dict) -> datetime.date:
    """Today for a bound schema: ``today`` if given, else the district's (from the
    request's registry, else the current one)."""
    if kw.get("today") is not None:
        return kw["today"]
    return clock.today(getattr(kw.get("request"), "registry", None))


@colander.deferred
def _not_in_future(node: colander.SchemaNode, kw: dict):
    today = bound_today(kw)

    def check(node: colander.SchemaNode, value: datetime.date) -> None:
        if value > today:
            raise colander.Invalid(node, f"That date is after today ({day(today)})")
        if value.year < 1900:
            raise colander.Invalid(node, "Enter a year after 1900")
    return check


def integer(title: str, *, minimum: int = 0, maximum: int | None = None,
            required: bool = True) -> colander.SchemaNode:
    return colander.SchemaNode(
        _WholeNumber(),
        title=title,
        validator=between(minimum, maximum),
        widget=deform.widget.TextInputWidget(attributes={"inputmode": "numeric"}),
        missing=colander.required if required else None,
    )


def _finite(node: colander.SchemaNode, value: float) -> None:
    if math.isnan(value) or math.isinf(value):
        raise colander.Invalid(node, "Enter a number")


def number(title: str, *, minimum: float | None = None, maximum: float | None = None,
           required: bool = True, description: str = "") -> colander.SchemaNode:
    return colander.SchemaNode(
        _Number(),
        title=title,
        description=description,
        widget=deform.widget.TextInputWidget(attributes={"inputmode": "decimal"}),
        validator=colander.All(_finite, between(minimum, maximum)),
        missing=colander.required if required else None,
    )


def bound_choice(title: str, key: str, *, required: bool = True,
                 description: str = "") -> colander.SchemaNode:
    """A choice among the (value, label) pairs the form is bound with as ``key`` (the
    schools a person administers, the districts this one trusts), as a select list."""

    @colander.deferred
    def widget(node, kw):
        return deform.widget.SelectWidget(values=[("", "- choose -"), *kw[key]])

    @colander.deferred
    def validator(node, kw):
        return one_of(value for value, _ in kw[key])

    return colander.SchemaNode(colander.String(), title=title, widget=widget,
                               validator=validator, description=description,
                               missing=colander.required if required else "")


def choice(title: str, values: tuple[str, ...] | list[tuple[str, str]], *,
           required: bool = True) -> colander.SchemaNode:
    """A choice among fixed values, shown as a select list."""
    pairs = [(v, v) if isinstance(v, str) else v for v in values]
    return colander.SchemaNode(
        colander.String(),
        title=title,
        validator=one_of(v for v, _ in pairs),
        missing=colander.required if required else "",
        widget=deform.widget.SelectWidget(values=[("", "- choose -"), *pairs]),
    )


def rows(title: str, row: colander.SchemaNode, *, add_text: str) -> colander.SchemaNode:
    """A list of rows (courses, services...); blank rows are dropped before validation."""
    return colander.SchemaNode(
        colander.Sequence(),
        row,
        title=title,
        missing=(),
        widget=deform.widget.SequenceWidget(add_subitem_text_template=add_text,
                                            category="structural"),
    )
