"""The student's achievements and transcript as a CLR 2.0 file, from the student's page
(offered in plain words: families need not know the standard's name).

Whoever may read the transcript (the school team, the family) downloads it; badges go in
only as far as the reader may see them, so the file shows nobody more than the record does.
"""
from __future__ import annotations

import json

from pyramid.httpexceptions import HTTPForbidden
from pyramid.response import Response
from pyramid.view import view_config

from profilerepo.content.student import Student
from profilerepo.credentials import get_issuer
from profilerepo.portability.clr import signed_clr
from profilerepo.portability.format import backpack_filename
from profilerepo.security.roles import VIEW

VIEW_NAME = "clr.json"
LINK_TITLE = "Download courses, grades and badges as one signed file"
CONTENT_TYPE = "application/ld+json"


def may_download(request, student: Student) -> bool:
    """Whether this person may take the student's CLR: they may read the transcript."""
    transcript = student.get("transcript")
    return transcript is not None and bool(request.has_permission(VIEW, transcript))


def clr_link(request, student: Student) -> tuple[str, str, str] | None:
    """(address, title, what it is) of the download for the student's page, or None."""
    if not may_download(request, student):
        return None
    return (request.resource_url(student, VIEW_NAME), LINK_TITLE,
            "for another school, a college or an app: they can read it and check "
            "that this district signed it (a Comprehensive Learner Record, CLR 2.0)")


def clr_filename(student: Student) -> str:
    return backpack_filename(student.first_name, student.family_name).replace(
        "-backpack.zip", "-achievements-clr.json")


@view_config(context=Student, name=VIEW_NAME, permission=VIEW, request_method="GET")
def download_clr(context: Student, request) -> Response:
    if not may_download(request, context):
        raise HTTPForbidden()  # (the site's refusal page: 403, or 404 where it must)
    clr = signed_clr(context, get_issuer(request.registry),
                     include=lambda item: bool(request.has_permission(VIEW, item)))
    response = Response(body=json.dumps(clr, indent=2, ensure_ascii=False).encode("utf-8"),
                        content_type=CONTENT_TYPE, charset="utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{clr_filename(context)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def includeme(config) -> None:
    config.scan(__name__)
