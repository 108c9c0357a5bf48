"""The search page: results with highlighted passages, facets, paging, and search within
one student's record."""
from __future__ import annotations

from urllib.parse import urlencode

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content.site import Site
from profilerepo.search.documents import grade_title
from profilerepo.search.query import FACETS, QueryProblem, Results, Seeker, search, typed
from profilerepo.security.access import search_principals
from profilerepo.views import template

FACET_TITLES = {"type": "Kind of document", "state": "State", "school": "School",
                "grade": "Grade"}


def _text(request, name: str, limit: int = 200) -> str:
    value = request.GET.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


@view_config(context=Site, name="search", permission=NO_PERMISSION_REQUIRED,
             renderer=template("search.pt"))
def search_page(context, request):
    if request.user is None:
        return HTTPSeeOther(request.application_url + "/login?" +
                            urlencode({"next": request.path_qs}))
    text = _text(request, "q", 20000)
    chosen = {name: _text(request, name) for name in FACETS if _text(request, name)}
    try:
        page = max(1, int(_text(request, "page", 9) or "1"))
    except ValueError:
        page = 1
    student = None
    student_id = _text(request, "student", 40)
    if student_id:
        found = request.site["students"].get(student_id)
        if found is not None and request.access.can_view(found):
            student = found
    seeker = Seeker(principals=search_principals(request.site, request.user),
                    may_view=request.access.can_view)
    registry = request.registry
    try:
        results = search(request.site, seeker, text, index=registry.search_index,
                         engine=registry.workflows, slots=registry.search_slots,
                         chosen=chosen, page=page,
                         student=student.__name__ if student else None)
    except QueryProblem as problem:
        request.response.status = 400
        results = Results(query=typed(text), message=str(problem))
    schools = {s.__name__: s.title for s in request.site["schools"].values()}

    def label(name: str, value: str) -> str:
        """A facet's value as people say it (a school's name, "Grade 7")."""
        if name == "school":
            return schools.get(value, value)
        return grade_title(value) if name == "grade" else value

    def link(**changes) -> str:
        params = {"q": results.query, **chosen, "page": None,
                  "student": student.__name__ if student else None, **changes}
        return request.application_url + "/search?" + urlencode(
            {k: v for k, v in params.items() if v})

    return {"results": results, "chosen": chosen, "student": student, "link": link,
            "facet_titles": FACET_TITLES, "label": label}
