"""The home page after login: one panel per role the person holds.

Each role's panel has its module here and its template in ``templates/home/``."""
from __future__ import annotations

from dataclasses import dataclass, field

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content.site import Site
from profilerepo.family.designees import managed_students
from profilerepo.family.grants import granted_students
from profilerepo.security.local_roles import student_ids
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, administered_school_ids
from profilerepo.views import template
from profilerepo.views.display import today
from profilerepo.views.home.contributor import provided_services
from profilerepo.views.home.counselor import caseload_page
from profilerepo.views.home.family import children
from profilerepo.views.home.questions import questions_waiting
from profilerepo.views.home.student import my_home
from profilerepo.views.home.teacher import TeacherRows, my_narratives, responsible_goals
from profilerepo.views.worklists import worklists_for

PANELS = (
    ("counselor", "My caseload", "Students whose success plans you keep."),
    ("teacher", "My students", "Students in your classes."),
    ("guardian", "My children", "Your children's records."),
    ("contributor", "Students I support", "Students whose families gave you access."),
    ("designee", "Records you help manage",
     "You help decide who sees these records: a family named you, or a court or the "
     "state appointed you."),
)


@dataclass(frozen=True)
class Panel:
    role: str
    heading: str
    intro: str
    students: list
    rows: list = field(default_factory=list)  # the role's own view of them, if any


def students_by_name(site, ids) -> list:
    students = site["students"]
    found = (students.get(sid) for sid in ids)
    return sorted((s for s in found if s is not None), key=lambda s: s.sort_key)


def administered_schools(site, user) -> list:
    """The schools this user administers (all of them for district administrators)."""
    schools = site["schools"]
    if DISTRICT_ADMINISTRATORS in user.groups:
        return list(schools.values())
    return [schools[i] for i in administered_school_ids(user.groups) if i in schools]


@view_config(context=Site, permission=NO_PERMISSION_REQUIRED,
             renderer=template("dashboard.pt"))
def dashboard(context, request):
    user = request.user
    if user is None:
        return HTTPSeeOther(request.application_url + "/login")
    site = request.site
    panels, questions = [], []
    day = today(request)
    access = request.access  # (roles worked out once for the page)
    for role, heading, intro in PANELS:
        if role == "contributor":  # (whose families' grants open their record today)
            students = granted_students(site, user, day)
        elif role == "designee":  # (as a designee or guide, today)
            students = managed_students(site, user, day)
        else:
            students = students_by_name(site, student_ids(site, user.login, role))
        if not students:
            continue
        if role == "counselor":
            rows = caseload_page(request, access, students, day)
            questions = questions_waiting(access, students)  # families wait for answers
        elif role == "teacher":
            review = request.registry.workflows.workflows["narrative-review"]
            rows = TeacherRows(responsible_goals(access, students, user.login, day),
                               my_narratives(request, access, students, review.initial),
                               my_narratives(request, access, students,
                                             review.transitions["return"].target))
        elif role == "guardian":
            rows = children(request, access, students, day)
        elif role == "contributor":
            rows = provided_services(access, students)
        else:
            rows = []
        panels.append(Panel(role, heading, intro, students, rows))
    own = site["students"].get(user.student_id) if user.student_id else None
    mine = my_home(request, access, own, day) if own is not None else None
    schools = administered_schools(site, user)
    school_titles = {s.__name__: s.title for s in site["schools"].values()}
    waiting = [w for w in worklists_for(request, access) if w.documents]
    return {"panels": panels, "questions": questions, "own": own, "my_home": mine,
            "schools": schools,
            "school_titles": school_titles, "waiting": waiting, "today": day,
            "is_district": DISTRICT_ADMINISTRATORS in user.groups}
