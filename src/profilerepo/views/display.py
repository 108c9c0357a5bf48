"""Turning stored values into what a page shows: labelled rows, plain dates, names."""
from __future__ import annotations

import datetime
import html
import re

import colander
import deform.widget

from profilerepo import clock
from profilerepo.content.lineage import student_of
from profilerepo.security.principals import login_of


def today(request) -> datetime.date:
    """Today in the district's time zone (the district clock, for a page)."""
    return clock.today(request.registry)


def plain(value, tz: datetime.tzinfo = datetime.UTC) -> str:
    """A value as a person reads it (times in the district's time zone ``tz``)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.astimezone(tz).strftime("%-d %B %Y, %H:%M %Z")
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(plain(v) for v in sorted(value, key=str)) or "—"
    return str(value)


class Html(str):
    """Text already turned into safe HTML: a template inserts it as it is (``__html__``)."""

    def __html__(self) -> str:
        return str(self)


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text, *, quoted: bool = False) -> Html:
    """Typed text as escaped paragraphs (``<p>``) and line breaks (``<br>``): a blank line
    starts a paragraph; ``\\r\\n``, ``\\r`` and ``\\n`` alike (browsers send ``\\r\\n``).
    ``quoted`` puts the whole between quotation marks (someone's words, as in a history)."""
    typed = str(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not typed:
        return Html("")
    if quoted:
        typed = f"“{typed}”"
    return Html("".join(
        "<p>" + "<br>".join(html.escape(line.strip(), quote=False) for line in part.split("\n"))
        + "</p>" for part in _BLANK_LINES.split(typed)))


def _multi_line(node: colander.SchemaNode) -> bool:
    return isinstance(getattr(node, "widget", None), deform.widget.TextAreaWidget)


# Fields that hold logins, shown as the people's names.
PEOPLE_FIELDS = ("responsible",)
# Columns of a table (a plan's supports) that hold a login or a typed-in name: a login
# shows as the person's name, typed text as typed.
PEOPLE_COLUMNS = ("provider",)


def _cell(site, column: str, value) -> str:
    if column in PEOPLE_COLUMNS and isinstance(value, str) and value:
        return person(site, value)
    return plain(value)


def _is_user(site, login) -> bool:
    return bool(login) and isinstance(login, str) and \
        site["principals"].get_user(login) is not None


def supports_to_edit(site, supports) -> list[dict]:
    """A plan's supports as its edit form shows them: a provider who is a user by name."""
    return [{**s, "provider": person(site, s["provider"])}
            if _is_user(site, s.get("provider")) else dict(s) for s in supports or ()]


def supports_to_save(site, supports, saved) -> list[dict]:
    """The supports an edit form sent, each provider shown there by name (``saved``
    named them by login) back to the login, which lets an outside provider log their
    sessions; any other provider as typed."""
    logins = {person(site, s["provider"]): s["provider"]
              for s in saved or () if _is_user(site, s.get("provider"))}
    return [{**s, "provider": logins.get(s.get("provider"), s.get("provider"))}
            for s in supports or ()]


def display_rows(site, schema: colander.Schema, values: dict) -> list[dict]:
    """One row per schema field: title, and either text or a table of sub-rows."""
    rows = []
    for node in schema.children:
        if node.name == "upload":
            continue
        value = values.get(node.name)
        if node.name in PEOPLE_FIELDS:
            value = sorted(person(site, login) for login in value or ())
        if isinstance(node.typ, colander.Sequence):
            columns = node.children[0].children
            rows.append({"title": node.title, "table": {
                "headers": [c.title for c in columns],
                "rows": [[_cell(site, c.name, item.get(c.name)) for c in columns]
                         for item in value or ()],
            }})
        elif isinstance(node.typ, colander.Mapping):
            rows.append({"title": node.title, "text": "; ".join(
                f"{c.title}: {plain((value or {}).get(c.name))}" for c in node.children)})
        elif _multi_line(node) and str(value or "").strip():
            rows.append({"title": node.title, "text": paragraphs(value)})
        else:
            rows.append({"title": node.title, "text": plain(value)})
    if values.get("filename"):
        rows.append({"title": "File", "text": values["filename"]})
    return rows


def staff_choices(site, context) -> list[tuple[str, str]]:
    """(login, name) of the staff on this student's team, for "responsible" fields,
    plus anyone the document already names (so an edit does not silently drop them)."""
    student = student_of(context)
    if student is None:
        return []
    principals = site["principals"]
    choices = {}
    for principal, roles in student.local_roles.items():
        login = login_of(principal)
        if login is not None and {"counselor", "teacher"} & set(roles):
            user = principals.get_user(login)
            if user is not None:
                choices[user.login] = user.title
    for login in getattr(context, "responsible", ()):
        if login not in choices:
            choices[login] = f"{person(site, login)} (no longer on the team)"
    return sorted(choices.items(), key=lambda pair: pair[1])


# Records written by a process rather than a person, shown by what they were.
SYSTEM_ACTORS = {"demo-loader": "the demo data import"}


def person(site, login: str) -> str:
    """A login as the person's name (the login itself if the user is gone)."""
    if login in SYSTEM_ACTORS:
        return SYSTEM_ACTORS[login]
    user = site["principals"].get_user(login) if login else None
    return user.title if user is not None else (login or "—")
