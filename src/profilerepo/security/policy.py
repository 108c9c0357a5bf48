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

from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, school_administrators
from profilerepo.security.roles import (
    ADD,
    AUTHOR,
    EDIT,
    RIGHTS_AGE,
    STUDENT_16,
    TABLE_ROLES,
    VIEW,
    role_principal,
)


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
    roles, on_team = _held_roles(user, student)
    if _authored(user, on_team, context):
        roles = roles | {AUTHOR}
    return [role_principal(r) for r in sorted(roles)]


def _authored(user, on_team: bool, context) -> bool:
    """Whether the user counts as the author of ``context``: they made it and are on the
    student's team."""
    return on_team and getattr(context, "creator", None) == user.login


def _held_roles(user, student) -> tuple[frozenset[str], bool]:
    """The roles ``user`` holds on ``student``, and whether they hold one on the student
    itself (as an administrator of its school alone, they author nothing there)."""
    roles = student.roles_of([user.principal, *user.groups])
    if "student" in roles and student.age() >= RIGHTS_AGE:
        roles.add(STUDENT_16)
    on_team = bool(roles)
    if DISTRICT_ADMINISTRATORS in user.groups or (
        school_administrators(student.school) in user.groups
    ):
        roles.add("administrator")
    return frozenset(roles), on_team


_ACL = ACLHelper()


def document_permits(engine, context, permission, principals_of, *, enclosing: bool = True):
    """Whether the principals ``principals_of(node)`` gives for a node have ``permission``
    on ``context``: the one rule the policy and search both apply.

    Nothing inside a workflowed document (a plan's goals and reports) is open to someone
    who may not view that document in its state, and adding to it is changing it (a goal
    joins an adopted plan by amendment); ``enclosing=False`` leaves that check out. A
    permission the document's workflows manage comes from their states, any other from
    its section table; nobody edits what they may not view.
    """
    if enclosing:
        for ancestor in lineage(getattr(context, "__parent__", None)):
            if not getattr(ancestor, "workflow_chain", None):
                continue
            needed = EDIT if permission == ADD else VIEW
            if not document_permits(engine, ancestor, needed, principals_of):
                return Denied(f"the enclosing {ancestor.type_title.lower()} does not give "
                              f"{needed} in its state")
            break  # (that check covered its own enclosing documents)
    principals = principals_of(context)
    if not getattr(context, "workflow_chain", None):
        return _ACL.permits(context, principals, permission)
    if permission == EDIT and not _workflow_permits(engine, context, principals, VIEW):
        return Denied("nobody edits what they may not view")
    if permission not in engine.managed(context):
        return _ACL.permits(context, principals, permission)
    if _workflow_permits(engine, context, principals, permission):
        return Allowed(f"the document's state gives {permission}")
    return Denied(f"no role held here has {permission} in the document's state")


def _workflow_permits(engine, document, principals, permission) -> bool:
    """Whether a role among ``principals`` holds ``permission`` on ``document``: from its
    workflows' states when they manage it, else from its section table."""
    if permission not in engine.managed(document):
        return bool(_ACL.permits(document, principals, permission))
    held = engine.permissions(document)
    roles = (p[len("role:"):] for p in principals if p.startswith("role:"))
    return any(permission in held.get(role, ()) for role in roles)


def viewing_roles(engine, document, *, enclosing: bool = True) -> frozenset[str]:
    """The roles that, held on the document's student, let one view it now."""
    return frozenset(role for role in TABLE_ROLES if document_permits(
        engine, document, VIEW,
        lambda node, r=role: [Everyone, Authenticated, role_principal(r)],
        enclosing=enclosing))


class PageAccess:
    """The policy's answers for the many documents one page lists and changes nothing
    of: its own rule, with the user's roles on each student (as author of the node or
    not) worked out once for the page instead of at every check."""

    def __init__(self, request) -> None:
        self.user, self.engine = request.user, request.registry.workflows
        self._known: dict[int, tuple] = {}
        self._verdicts: dict[tuple, bool] = {}  # (state's permissions, principals) -> view

    def principals(self, node) -> list[str]:
        """As ``SecurityPolicy.effective_principals`` gives them for ``node``."""
        student, user = find_student(node), self.user
        found = self._known.get(id(student))
        if found is None:  # (the student is kept with its principals: its id stays its own)
            everyone = user_principals(user)
            roles, on_team = (_held_roles(user, student)
                              if user is not None and student is not None
                              else (frozenset(), False))
            found = self._known[id(student)] = (
                student, [*everyone, *map(role_principal, sorted(roles))],
                [*everyone, *map(role_principal, sorted(roles | {AUTHOR}))] if on_team
                else None)
        return found[2] if _authored(user, found[2] is not None, node) else found[1]

    def can_view(self, node) -> bool:
        """``document_permits`` for VIEW; where the node's workflows decide who views it,
        asked once per page for each combination of states and principals (a caseload
        asks it of every plan and goal of a few hundred students)."""
        engine = self.engine
        if not getattr(node, "workflow_chain", None) or VIEW not in engine.managed(node):
            return bool(document_permits(engine, node, VIEW, self.principals))
        for ancestor in lineage(node.__parent__):  # (as document_permits: the enclosing
            if getattr(ancestor, "workflow_chain", None):  # document's verdict first)
                if not self.can_view(ancestor):
                    return False
                break
        # (engine.permissions() gives one lasting object per combination of states)
        key = (id(engine.permissions(node)), tuple(self.principals(node)))
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = bool(document_permits(
                engine, node, VIEW, self.principals, enclosing=False))
        return found

    def roles_on(self, node) -> set[str]:
        """As ``roles_on(request, node)``."""
        return {p[len("role:"):] for p in self.principals(node) if p.startswith("role:")}


class SecurityPolicy:
    """Session-based identity; ACLs with local roles for authorization."""

    def __init__(self) -> None:
        self.session = SessionAuthenticationHelper()

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
        return document_permits(request.registry.workflows, context, permission,
                                lambda node: self.effective_principals(request, node))

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
