"""The security policy: who the user is, and what they may do here.

Effective principals are the user, their groups, and ``role:<name>`` for
each role they hold on the student folder in the context's lineage:
locally (teacher, counselor, guardian...) or as administrator of the
student's school, through a school group.
"""
from __future__ import annotations

from pyramid.authentication import SessionAuthenticationHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.location import lineage
from pyramid.security import Allowed, Denied

from profilerepo.content.site import DISTRICT_ADMINISTRATORS, school_administrators
from profilerepo.security.roles import AUTHOR, RIGHTS_AGE, STUDENT_16, role_principal


def find_student(context):
    """The student folder in ``context``'s lineage, or None."""
    for node in lineage(context):
        if getattr(node, "is_student", False):
            return node
    return None


def user_principals(user) -> list[str]:
    if user is None:
        return [Everyone]
    return [Everyone, Authenticated, user.principal, *user.groups]


def local_role_principals(user, student, context=None) -> list[str]:
    """``role:<name>`` principals the user holds on ``student`` (and on ``context``)."""
    if user is None or student is None:
        return []
    roles = student.roles_of([user.principal, *user.groups])
    if "student" in roles and student.age() >= RIGHTS_AGE:
        roles.add(STUDENT_16)
    if roles and getattr(context, "creator", None) == user.login:
        roles.add(AUTHOR)
    if DISTRICT_ADMINISTRATORS in user.groups or (
        school_administrators(student.school) in user.groups
    ):
        roles.add("administrator")
    return [role_principal(r) for r in sorted(roles)]


class SecurityPolicy:
    """Session-based identity; ACLs with local roles for authorization."""

    def __init__(self) -> None:
        self.session = SessionAuthenticationHelper()
        self.acl = ACLHelper()

    def identity(self, request):
        return request.user

    def authenticated_userid(self, request):
        user = request.user
        return user.login if user is not None else None

    def effective_principals(self, request, context) -> list[str]:
        user = request.user
        student = find_student(context)
        return [*user_principals(user), *local_role_principals(user, student, context)]

    def permits(self, request, context, permission):
        principals = self.effective_principals(request, context)
        if getattr(context, "workflow_name", None):
            # A workflowed document's access is its state's role -> permission map.
            held = request.registry.workflows.permissions(context)
            roles = {p[len("role:"):] for p in principals if p.startswith("role:")}
            if any(permission in held.get(role, ()) for role in roles):
                return Allowed(f"the document's state gives {permission}")
            return Denied(f"no role held here has {permission} in the document's state")
        return self.acl.permits(context, principals, permission)

    def remember(self, request, userid, **kw):
        return self.session.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.session.forget(request, **kw)


SESSION_EPOCH = "auth.epoch"


def request_user(request):
    """The logged-in user (a ``User``), or None; read once per request.

    A session counts only while its epoch matches the user's: logging out
    moves the user's epoch on, so copies of an old session cookie stop working.
    """
    login = SessionAuthenticationHelper().authenticated_userid(request)
    if not login:
        return None
    user = request.site["principals"].get_user(login)
    if user is None or request.session.get(SESSION_EPOCH) != user.session_epoch:
        return None
    return user


def roles_on(request, context) -> set[str]:
    """The role names the user holds on ``context`` (local and derived)."""
    student = find_student(context)
    return {p[len("role:"):] for p in local_role_principals(request.user, student, context)}
