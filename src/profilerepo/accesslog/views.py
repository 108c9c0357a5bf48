"""The access log's two pages: "Who looked at <first name>'s record" for the family
holding the rights and the student's administrators, and a school's log for its
administrators (and the district's). Grouped by person, filtered by person and days;
a person's link shows each of their views."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from pyramid.httpexceptions import HTTPForbidden
from pyramid.renderers import get_renderer
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.accesslog.filters import LogQuery, read_query
from profilerepo.accesslog.store import Scope, View, Viewer
from profilerepo.content.site import School
from profilerepo.content.student import Student
from profilerepo.family.designees import manages_record
from profilerepo.family.rights import rights_passed
from profilerepo.security.roles import VIEW
from profilerepo.views import template

PAGE_SIZE = 50
# What someone did, by the page of the document they opened (the view's name).
DONE = {
    "": "Opened it",
    "download": "Downloaded its file",
    "versions": "Opened the list of its versions",
    "version": "Opened an earlier version",
    "edit": "Opened the form to change it",
    "team": "Opened the team page",
    "access-log": "Opened who looked at the record",
    "clr.json": "Downloaded the achievements and transcript as a file (CLR 2.0)",
    "records-request": "Asked the school district to send the whole record (a request: "
                       "nothing was opened or sent then)",
    "records-sent": "Was sent the whole record, signed",
}


def may_read_log(request, student: Student) -> bool:
    """Whether this user reads ``student``'s access log: the family holding the rights
    (the guardians, the student from 18), a designee or guide managing the record for
    them, and the administrators of the student's school and of the district."""
    return (manages_record(student, request.user, clock.today(request.registry))
            or (request.user is not None
                and "administrator" in request.access.roles_on(student)))


def done(view: View) -> str:
    """What the person did, in plain words."""
    if view.view in ("version", "download") and view.version:
        return ("Downloaded the file of version " if view.view == "download"
                else "Opened version ") + str(view.version)
    return DONE.get(view.view, "Opened a page of it")


@dataclass
class LogPage:
    """What both pages show: the filter, then people (or one person and their views)."""

    query: LogQuery
    people: list[tuple[str, str]]  # (login, name): the person filter's choices
    viewers: list[Viewer]  # a page of people (people and students, on a school's log)
    person: Viewer | None  # the person filtered on, with their totals
    views: list[View]  # a page of the person's views
    total: int  # rows in all (people, or the person's views)
    page: int
    pages: int
    recording: bool  # (off only on a server measuring what recording costs)
    zone: str

    @property
    def rows_shown(self) -> str:
        return f"page {self.page} of {self.pages}" if self.pages > 1 else ""


def log_page(request, query: LogQuery, by_student: bool, **where) -> LogPage:
    """The log of ``where`` (a student or a school) as ``query`` asks for it."""
    store, zone = request.registry.access_log, clock.district_zone(request.registry)
    empty = LogPage(query, [], [], None, [], 0, 1, 1, store is not None, str(zone))
    if store is None:
        return empty
    scope = query.scope(zone, **where)
    people = store.people(Scope(**where))
    person, views, viewers = None, [], []
    if query.person:
        found, _ = store.viewers(scope, limit=1)
        person = found[0] if found else None
        total = person.views if person else 0
    else:
        total = store.viewers(scope, by_student=by_student, limit=0)[1]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(query.page, pages)
    offset = (page - 1) * PAGE_SIZE
    if query.person:
        views = store.views(scope, offset=offset, limit=PAGE_SIZE) if person else []
    else:
        viewers = store.viewers(scope, by_student=by_student, offset=offset,
                                limit=PAGE_SIZE)[0]
    return LogPage(query, people, viewers, person, views, total, page, pages, True,
                   str(zone))


def _values(request, context, log: LogPage, about: str, by_student: bool) -> dict:
    """What both templates are given: the log, the shared parts, and how to link."""
    here = request.resource_url(context, "access-log")

    def link(params: dict) -> str:
        return f"{here}?{urlencode(params)}" if params else here

    return {"log": log, "about": about, "by_student": by_student, "here": here,
            "link": link, "done": done,
            "parts": get_renderer(template("access_log_parts.pt")).implementation().macros}


@view_config(context=Student, name="access-log", permission=NO_PERMISSION_REQUIRED,
             renderer=template("access_log.pt"))  # (a designee reads it, not the record)
def student_access_log(context, request):
    if not may_read_log(request, context):
        raise HTTPForbidden(f"Who looked at {context.first_name}'s record is for the family "
                            "holding the rights to it and for the school's administrators.")
    log = log_page(request, read_query(request.params), False, student_id=context.__name__)
    return {"student": context, "adult": rights_passed(context, clock.today(request.registry)),
            **_values(request, context, log, f"{context.first_name}'s record", False)}


@view_config(context=School, name="access-log", permission=VIEW,
             renderer=template("access_log_school.pt"))
def school_access_log(context, request):
    log = log_page(request, read_query(request.params), True, school_id=context.__name__)
    return {"school": context,
            **_values(request, context, log, f"students' records at {context.title}", True)}
