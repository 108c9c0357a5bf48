"""A school's overview for its administrators: students by grade, and a list."""
from __future__ import annotations

import re

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from profilerepo.content.site import School, Schools, SchoolSchema
from profilerepo.security.roles import MANAGE, VIEW
from profilerepo.views import forms, template

PAGE_SIZE = 50


@view_config(context=School, permission=VIEW, renderer=template("school.pt"))
def school_view(context, request):
    grade = request.params.get("grade")
    if grade not in context.grades:
        grade = None
    try:
        page = max(1, int(request.params.get("page", "1")[:9]))
    except ValueError:
        page = 1
    counts = context.grade_counts()
    total = sum(n for g, n in counts if grade in (None, g))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    ids = context.student_ids(grade, start=(page - 1) * PAGE_SIZE, count=PAGE_SIZE)
    students = request.site["students"]
    return {"school": context, "grade": grade, "counts": counts, "total": total,
            "students": [students[i] for i in ids if i in students],
            "page": page, "pages": pages}


@view_config(context=Schools, permission=MANAGE, renderer=template("schools.pt"))
def school_list(context, request):
    return {"schools": list(context.values())}


def school_id(schools, title: str) -> str:
    """A readable, unused id from the school's name, e.g. ``maple-grove-elementary``."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "school"
    candidate, number = base, 2
    while candidate in schools:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@view_config(context=Schools, name="add", permission=MANAGE, renderer=template("form.pt"))
def add_school(context, request):
    def save(values: dict):
        name = school_id(context, values["title"])
        context.add(name, School(values["title"], values["level"], values["grades"]))
        request.session.flash(f"{values['title']} added.")
        return HTTPSeeOther(request.resource_url(context[name]))

    form = forms.build_form(request, SchoolSchema(), button="Add school")
    return forms.form_page(request, form, heading="Add a school",
                           cancel_url=request.resource_url(context), save=save)
