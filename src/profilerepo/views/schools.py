"""A school's overview for its administrators: students by grade, and a list."""
from __future__ import annotations

from pyramid.view import view_config

from profilerepo.content.site import School
from profilerepo.security.roles import VIEW
from profilerepo.views import template
from profilerepo.views.dashboard import students_by_name

PAGE_SIZE = 50


@view_config(context=School, permission=VIEW, renderer=template("school.pt"))
def school_view(context, request):
    grade = request.params.get("grade")
    if grade not in context.grades:
        grade = None
    try:
        page = max(1, int(request.params.get("page", "1")))
    except ValueError:
        page = 1
    ids = context.student_ids(grade)
    shown = ids[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return {"school": context, "grade": grade, "counts": context.grade_counts(),
            "total": len(ids), "students": students_by_name(request.site, shown),
            "page": page, "pages": max(1, -(-len(ids) // PAGE_SIZE))}
