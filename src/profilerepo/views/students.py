"""The student folder page (strengths first), its identity form and the student list."""
from __future__ import annotations

from itertools import islice

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from profilerepo.accesslog.views import may_read_log
from profilerepo.badges.next_teacher_views import panel as next_teacher_panel
from profilerepo.content.site import Students
from profilerepo.content.student import Student, StudentSchema, new_student, update_student
from profilerepo.family.grants import grantees
from profilerepo.family.rights import holds_family_rights, rights_notice
from profilerepo.portability.clr_views import clr_link
from profilerepo.portability.family_views import may_take_copy, records_requests_panel
from profilerepo.security.policy import roles_on
from profilerepo.security.principals import logins
from profilerepo.security.roles import EDIT, MANAGE, VIEW
from profilerepo.views import forms, template
from profilerepo.views.display import display_rows, person, today
from profilerepo.views.documents import readable_versions, requested_version
from profilerepo.views.family_access import may_open
from profilerepo.views.family_hiding import manages

PAGE_SIZE = 50
TEAM_ROLES = (("guardian", "Family"), ("counselor", "Counselor"), ("teacher", "Teachers"))


def visible_sections(request, student: Student) -> list:
    """The student's sections this user may open, in the order a family reads them."""
    order = ("profile", "plan", "narratives", "portfolio", "transcript", "past-plans",
             "transfer-drafts", "earlier-transcripts")  # (the last two: from other districts)
    return request.access.visible(student[name] for name in order if name in student)


def team(site, student: Student, *, with_grantees: bool = True, granted_by: str = "the family"
         ) -> list[tuple[str, list[str]]]:
    rows = []
    for role, title in TEAM_ROLES:
        names = [person(site, login) for login in logins(student.holders(role))]
        if names:
            rows.append((title, names))
    granted = ([person(site, login) for login in grantees(student, "student")]
               if with_grantees else [])
    if granted:
        rows.append((f"Granted access by {granted_by}", granted))
    return rows


@view_config(context=Student, permission=VIEW, renderer=template("student.pt"))
def student_view(context, request):
    sections = visible_sections(request, context)
    names = {s.__name__ for s in sections}
    school = request.site["schools"].get(context.school)
    return {
        "student": context,
        "school": school,
        "profile": context["profile"] if "profile" in names else None,
        "plan": context["plan"] if "plan" in names else None,
        "sections": sections,
        # what this user can open, so a family is not told about drafts it cannot see
        "counts": {s.__name__: len(request.access.visible(s.values()))
                   for s in sections if s.__name__ in ("narratives", "portfolio")},
        # (one tutor is not told whom else the family let in)
        "team": team(request.site, context,
                     with_grantees="contributor" not in request.access.roles_on(context),
                     granted_by="you" if holds_own_rights(request, context) else "the family"),
        "can_edit": request.has_permission(EDIT, context),
        "all_details": sees_all_details(request, context),
        "rights_notice": rights_notice(context, request.user, today(request)),
        "privacy": privacy_links(request, context),
        "clr_link": clr_link(request, context),  # (portability.clr_views)
        "next_teacher": next_teacher_panel(request, context),  # (badges.next_teacher)
        "records_requests": records_requests_panel(request, context),  # (portability)
    }


def holds_own_rights(request, student: Student) -> bool:
    """Whether the viewer is the student, holding the family's rights (from 18): the
    pages then speak to them as "you", not of "the family"."""
    user = request.user
    return (user is not None and user.student_id == student.__name__
            and holds_family_rights(student, user, today(request)))


def privacy_links(request, student: Student) -> list[tuple[str, str, str]]:
    """(address, title, what it is) of the pages about who sees ``student``'s record that
    this person may open: the family's controls, the access log, what is hidden."""
    url = request.resource_url
    own = holds_own_rights(request, student)
    whose, family = ("your", "you") if own else (f"{student.first_name}'s", "the family")
    links = []
    if may_open(request, student):
        links.append((url(student, "who-can-see"), f"Who can see {whose} record",
                      f"the school team, the people {family} granted access, and the "
                      "controls"))
    if may_read_log(request, student):
        links.append((url(student, "access-log"), f"Who looked at {whose} record",
                      "every view by anyone but you" if own
                      else "every view by someone outside the family"))
    requests = student.get("requests")
    if requests is not None and request.has_permission(VIEW, requests):
        links.append((url(requests), f"Requests to see or correct {whose} record",
                      f"what {family} asked the school, and the answers"))
    if manages(request, student) or "administrator" in request.access.roles_on(student):
        links.append((url(student, "hidden"), "What future schools and providers do not "
                      "see", f"documents {family} hid, and records requests"))
    if may_take_copy(request, student):
        links.append((url(student, "backpack.zip"), f"Download {whose} backpack",
                      "the whole record as one signed file, yours to keep"))
        links.append((url(student, "backpack"), f"What {whose} backpack holds",
                      "its parts, and how anyone can check its signature"))
    return links


def _student_form(request, button: str, edits: Student | None = None):
    return forms.build_form(request, StudentSchema(), button=button, edits=edits)


@view_config(context=Student, name="edit", permission=EDIT, renderer=template("form.pt"))
def edit_student(context, request):
    def save(values: dict):
        ended = update_student(request.site, context, values, request.user.login)
        request.session.flash(f"Saved. This is version {context.version_number}.")
        if ended:
            names = ", ".join(person(request.site, login) for login in ended)
            request.session.flash(f"Staff of the previous school no longer have access: "
                                  f"{names}.")
        if not request.has_permission(VIEW, context):
            return HTTPSeeOther(request.application_url + "/")
        return HTTPSeeOther(request.resource_url(context))

    current = {k: v for k, v in context.field_values().items() if v is not None}
    return forms.form_page(request, _student_form(request, "Save", edits=context),
                           heading=f"Edit {context.title}",
                           cancel_url=request.resource_url(context), save=save,
                           appstruct=current)


# Outside providers (contributors) need to know who the student is and where they study,
# not their birth date or enrolment dates; the team and the family see every detail.
ALL_DETAILS_ROLES = frozenset({"counselor", "teacher", "administrator", "guardian", "student"})
CONTRIBUTOR_DETAILS = ("given_name", "family_name", "preferred_name", "grade", "school")


def sees_all_details(request, student: Student) -> bool:
    """Whether this user sees all the student's details, and their earlier versions (the
    student's earlier schools, grades and names are enrolment history too)."""
    return bool(roles_on(request, student) & ALL_DETAILS_ROLES)


def _may_read(request, student: Student, version) -> bool:
    return version.number == student.version_number or sees_all_details(request, student)


def _details_schema(request, student: Student) -> StudentSchema:
    schema = StudentSchema()
    if not sees_all_details(request, student):
        for node in list(schema.children):
            if node.name not in CONTRIBUTOR_DETAILS:
                del schema[node.name]
    return schema


@view_config(context=Student, name="versions", permission=VIEW,
             renderer=template("versions.pt"))
def student_versions(context, request):
    return {"document": context,
            "versions": readable_versions(request, context, readable=_may_read)}


@view_config(context=Student, name="version", permission=VIEW,
             renderer=template("version.pt"))
def student_version(context, request):
    version = requested_version(context, request, readable=_may_read)
    return {"document": context, "version": version,
            "rows": display_rows(request.site, _details_schema(request, context),
                                 version.values),
            "is_current": version.number == context.version_number}


@view_config(context=Students, permission=MANAGE, renderer=template("students.pt"))
def student_list(context, request):
    start = request.params.get("after", "")[:100] or None
    items = context.items(min=start, excludemin=start is not None)
    page = list(islice(items, PAGE_SIZE + 1))
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    return {"students": [s for _, s in page], "total": len(context),
            "next_after": page[-1][0] if more else None}


@view_config(context=Students, name="add", permission=MANAGE, renderer=template("form.pt"))
def add_student(context, request):
    def save(values: dict):
        student = new_student(request.site, values, request.user.login,
                              engine=request.registry.workflows)
        request.session.flash(f"{student.title} added.")
        return HTTPSeeOther(request.resource_url(student))

    return forms.form_page(request, _student_form(request, "Add student"),
                           heading="Add a student", cancel_url=request.resource_url(context),
                           save=save)
