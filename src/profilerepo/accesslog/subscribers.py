"""Recording each view of a student's record as its response is made.

Pyramid sends ``NewResponse`` once a request's transaction has committed and before the
response goes back to the server; an attempt that pyramid_retry throws away never gets
one. So each page served is recorded once, before it is served, and none that was not.
"""
from __future__ import annotations

from pyramid.events import NewResponse

from profilerepo import clock
from profilerepo.accesslog.capacity import capacity
from profilerepo.accesslog.store import View
from profilerepo.content.lineage import path_of, student_of
from profilerepo.family.rights import is_family


def view_of(request, student) -> View | None:
    """The entry for this request's view of ``student``'s record, or None when it is not
    logged: nobody signed in, or the student or a guardian (the family's own views)."""
    user, context = request.user, request.context
    if user is None or is_family(student, user):
        return None
    version = request.params.get("n", "") if request.view_name in ("version",
                                                                    "download") else ""
    return View(
        at=clock.now(zone=clock.UTC), student_id=student.__name__,
        student_name=student.title, school_id=student.school or "", login=user.login,
        name=user.title, capacity=capacity(request.access, student, context),
        path=path_of(context), kind=getattr(context, "type_title", "") or "",
        title=str(getattr(context, "title", "") or context.__name__),
        view=request.view_name or "",
        version=int(version) if version.isdigit() and len(version) < 10 else None)


def record_view(event: NewResponse) -> None:
    """A page or file of a student's record answered 200 to a GET: log it (unless off)."""
    request = event.request
    log = getattr(request.registry, "access_log", None)
    if (log is None or request.method != "GET" or event.response.status_code != 200
            or request.exception is not None):
        return
    student = student_of(getattr(request, "context", None))
    if student is None:
        return
    entry = view_of(request, student)
    if entry is not None:
        log.record(entry)


def includeme(config) -> None:
    config.add_subscriber(record_view, NewResponse)
