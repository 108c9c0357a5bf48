"""Field builders shared by the content schemas, so every form reads alike."""
from __future__ import annotations

import datetime
import math

import colander
import deform.widget

GRADES = ("K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")


def text(title: str, *, required: bool = False, max_length: int = 5000, rows: int = 0,
         description: str = "") -> colander.SchemaNode:
    """A text field; ``rows`` makes it a text area."""
    widget = deform.widget.TextAreaWidget(rows=rows) if rows else deform.widget.TextInputWidget()
    return colander.SchemaNode(
        colander.String(),
        title=title,
        description=description,
        validator=colander.Length(max=max_length),
        missing=colander.required if required else "",
        widget=widget,
    )


def date(title: str, *, required: bool = True, not_after_today: bool = False,
         description: str = "") -> colander.SchemaNode:
    """A calendar date (YYYY-MM-DD), optionally refused when in the future."""
    validator = _not_in_future if not_after_today else None
    return colander.SchemaNode(
        colander.Date(),
        title=title,
        description=description,
        validator=validator,
        missing=colander.required if required else None,
        widget=deform.widget.DateInputWidget(),
    )


def _not_in_future(node: colander.SchemaNode, value: datetime.date) -> None:
    if value > datetime.date.today():
        raise colander.Invalid(node, f"{value.isoformat()} is in the future")
    if value.year < 1900:
        raise colander.Invalid(node, "Enter a year after 1900")


def integer(title: str, *, minimum: int = 0, maximum: int | None = None,
            required: bool = True) -> colander.SchemaNode:
    return colander.SchemaNode(
        colander.Integer(),
        title=title,
        validator=colander.Range(min=minimum, max=maximum),
        missing=colander.required if required else None,
    )


def _finite(node: colander.SchemaNode, value: float) -> None:
    if math.isnan(value) or math.isinf(value):
        raise colander.Invalid(node, "Enter a number")


def number(title: str, *, minimum: float | None = None, maximum: float | None = None,
           required: bool = True, description: str = "") -> colander.SchemaNode:
    return colander.SchemaNode(
        colander.Float(),
        title=title,
        description=description,
        validator=colander.All(_finite, colander.Range(min=minimum, max=maximum)),
        missing=colander.required if required else None,
    )


def choice(title: str, values: tuple[str, ...] | list[tuple[str, str]], *,
           required: bool = True) -> colander.SchemaNode:
    """A choice among fixed values, shown as a select list."""
    pairs = [(v, v) if isinstance(v, str) else v for v in values]
    return colander.SchemaNode(
        colander.String(),
        title=title,
        validator=colander.OneOf([v for v, _ in pairs]),
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
