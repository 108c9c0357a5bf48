"""The access model: which roles a person holds on a student and a document, and what
those roles let them view, asked the same way by the policy, pages and search.

``held_roles`` is the one answer to "which roles": local roles, administrators of the
school or district, the student from 16, the author on the team. ``document_permits``
turns roles into a verdict; ``Access`` asks it for a page, ``indexed_viewers`` for search.
``Access.may`` answers for the actions of ``roles.ACTIONS``, with the table's refusals.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.security import Allowed, Denied

from profilerepo.content.lineage import student_of, workflowed_ancestor
from profilerepo.family.grants import grant_principals, grant_roles
from profilerepo.family.hiding import hiding_of, restrict
from profilerepo.security.principals import (
    DISTRICT_ADMINISTRATORS,
    grant_principal,
    role_principal,
    roles_in,
    school_administrators,
    user_principal,
)
from profilerepo.security.roles import (
    ACTIONS,
    ADD,
    AUTHOR,
    CONTRIBUTING,
    EDIT,
    FAMILY_RIGHTS,
    LOG_SESSIONS,
    MAJORITY_AGE,
    PROVIDER,
    RECORD_MEASUREMENTS,
    RESPONSIBLE,
    RIGHTS_AGE,
    START_NEXT_PLAN,
    STUDENT_16,
    TABLE_ROLES,
    THEMSELF,
    VIEW,
)

PLAN_LIFECYCLE = "plan-lifecycle"  # (the workflow whose named groups the actions ask)


def held_roles(student, principals: Sequence[str], document=None) -> frozenset[str]:
    """The roles someone with ``principals`` (a person and their groups) holds on
    ``student`` and on ``document`` in its folder: their local roles; "contributor" (and
    ``contributing``) on the sections the family's live grants open to them;
    ``student-16`` for the student from 16; ``family-rights`` for the guardians, and from
    the student's 18th birthday for the student instead (guardians then keep only what
    the student grants them); ``administrator`` for the school's or the district's
    administrators; and ``author`` of the document they made while on the team. A
    document the family hid from future providers keeps only the roles
    ``family.hiding.restrict`` leaves (the district's administrators are held to the
    rule of the student's school, as its staff are)."""
    roles = student.roles_of(principals)
    if getattr(student, "grants", ()):  # (most records have none: nothing to look at)
        roles |= grant_roles(student, principals,
                             getattr(document, "section", "") or "student")
    if "student" in roles or "guardian" in roles:
        age = student.age()
        if "student" in roles and age >= RIGHTS_AGE:
            roles.add(STUDENT_16)
        if age >= MAJORITY_AGE and student.birth_date is not None:
            roles.discard("guardian")
            if "student" in roles:
                roles.add(FAMILY_RIGHTS)
        elif "guardian" in roles:
            roles.add(FAMILY_RIGHTS)
    # (an administrator of the school alone is not on the team: they author nothing)
    creator = getattr(document, "creator", None)
    if roles and isinstance(creator, str) and user_principal(creator) in principals:
        roles.add(AUTHOR)
    if DISTRICT_ADMINISTRATORS in principals or (
            school_administrators(student.school) in principals):
        roles.add("administrator")
    if document is not None and getattr(student, "ever_hidden", False):
        roles = restrict(roles, student, hiding_of(document))  # (hidden from new schools)
    return frozenset(roles)


def user_principals(user) -> list[str]:
    """The principals a person has everywhere: everyone's, their own and their groups'."""
    if user is None:
        return [Everyone]
    return [Everyone, Authenticated, user.principal, *user.groups]


def search_principals(site, user) -> tuple[str, ...]:
    """The principals a person's search asks the index with: theirs, their groups', and
    one per section of each of their live grants, asked now (a grant revoked or ended a
    moment ago opens nothing, with no reindexing)."""
    return (user.principal, *user.groups, *grant_principals(site, user))


def role_principals(user, node) -> list[str]:
    """``role:<name>`` for each role ``user`` holds on ``node`` (none outside a student)."""
    student = student_of(node)
    if user is None or student is None:
        return []
    roles = held_roles(student, [user.principal, *user.groups], node)
    return [role_principal(r) for r in sorted(roles)]


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
    if permission in (EDIT, ADD) and getattr(context, "imported", False):
        # (portability.importing: kept as the sending district signed it)
        return Denied("a document imported from another district is read-only")
    if enclosing:
        ancestor = workflowed_ancestor(context)
        if ancestor is not None:  # (its own check covers the documents enclosing it)
            needed = EDIT if permission == ADD else VIEW
            if not document_permits(engine, ancestor, needed, principals_of):
                return Denied(f"the enclosing {ancestor.type_title.lower()} does not give "
                              f"{needed} in its state")
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
    return any(permission in held.get(role, ()) for role in roles_in(principals))


def viewing_roles(engine, document, *, enclosing: bool = True) -> frozenset[str]:
    """The roles that, held on the document's student, let one view it now."""
    return frozenset(role for role in TABLE_ROLES if document_permits(
        engine, document, VIEW,
        lambda node, r=role: [Everyone, Authenticated, role_principal(r)],
        enclosing=enclosing))


def indexed_viewers(engine, document) -> list[str]:
    """The principals search lets find ``document`` (in a student's folder) now: each
    holder of roles on the student, and the school's and the district's administrators,
    whose roles open both the document and the workflowed document enclosing it."""
    student = student_of(document)
    view = viewing_roles(engine, document, enclosing=False)
    enclosing = workflowed_ancestor(document)
    gate = viewing_roles(engine, enclosing) if enclosing is not None else None
    candidates = {*student.local_roles, school_administrators(student.school),
                  DISTRICT_ADMINISTRATORS}
    found = []
    for principal in candidates:
        roles = held_roles(student, (principal,), document)
        if roles & view and (gate is None or roles & gate):
            found.append(principal)
    # Whoever a live grant opens this part of the record to, named by the part, whether
    # or not a grant names it now: a grant made, ended or revoked later then changes
    # nothing in the index (a search asks with the searcher's live grants).
    granted = restrict({"contributor"}, student, hiding_of(document, student))
    if granted & view and (gate is None or granted & gate):
        found.append(grant_principal(student.__name__,
                                     getattr(document, "section", "") or "student"))
    return sorted(found)


class Access:
    """What the person making a request may view, as the policy answers it, with their
    roles on each student (as author of a node or not) worked out once per request
    instead of at every check: a caseload asks of every plan and goal of hundreds of
    students. ``request.access``."""

    def __init__(self, request) -> None:
        self.user, self.engine = request.user, request.registry.workflows
        self._everyone = user_principals(self.user)
        self._mine = [self.user.principal, *self.user.groups] if self.user else []
        # (id(student), authored, section, id(hiding)) -> (its local roles and grants
        # then, the student, the hiding, principals)
        self._known: dict[tuple, tuple] = {}
        self._verdicts: dict[tuple, bool] = {}  # (state's permissions, principals) -> view

    def principals(self, node) -> list[str]:
        """As ``SecurityPolicy.effective_principals`` gives them for ``node``."""
        student, user = student_of(node), self.user
        authored = user is not None and getattr(node, "creator", None) == user.login
        hiding = hiding_of(node, student) if student is not None else None
        # (the section matters only through the family's grants, so only where there are)
        section = getattr(node, "section", "") if getattr(student, "grants", ()) else ""
        key = (id(student), authored, section, id(hiding))
        # (kept with the student and the hiding, their ids stay their own; a role or grant
        # given since is seen: giving one replaces the student's local roles or grants)
        local, grants = getattr(student, "local_roles", None), getattr(student, "grants", None)
        found = self._known.get(key)
        if found is None or found[0] is not local or found[1] is not grants:
            roles = (held_roles(student, self._mine, node)
                     if user is not None and student is not None else ())
            found = self._known[key] = (
                local, grants, student, hiding,
                [*self._everyone, *map(role_principal, sorted(roles))])
        return found[4]

    def roles_on(self, node) -> set[str]:
        """The role names the person holds on ``node`` (local and derived)."""
        return roles_in(self.principals(node))

    def can_view(self, node) -> bool:
        """``document_permits`` for VIEW; where the node's workflows decide who views it,
        asked once per request for each combination of states and principals."""
        engine = self.engine
        if not getattr(node, "workflow_chain", None) or VIEW not in engine.managed(node):
            return bool(document_permits(engine, node, VIEW, self.principals))
        ancestor = workflowed_ancestor(node)  # (as document_permits: its verdict first)
        if ancestor is not None and not self.can_view(ancestor):
            return False
        # (engine.permissions() gives one lasting object per combination of states)
        key = (id(engine.permissions(node)), tuple(self.principals(node)))
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = bool(document_permits(
                engine, node, VIEW, self.principals, enclosing=False))
        return found

    def visible(self, documents: Iterable) -> list:
        """The documents among ``documents`` the person may view, in their order."""
        return [d for d in documents if self.can_view(d)]

    def may(self, action: str, document) -> Allowed | Denied:
        """Whether the person may take ``action`` (a name in ``roles.ACTIONS``) on
        ``document`` now; a refusal says why, in the table's words."""
        rule = ACTIONS[action]
        now = self._now(action, document)
        if now and self._holds(action, rule.holders, document):
            return Allowed(f"{action} is open to this person now")
        return Denied(rule.not_now if not now and rule.not_now else rule.refusal)

    def supports_to_log(self, plan) -> tuple[dict, ...]:
        """The plan's supports the person may log sessions of: none unless the plan is in
        force; all for its team; for an outside provider, those that name them."""
        if not self._now(LOG_SESSIONS, plan):
            return ()
        return self._supports_held(ACTIONS[LOG_SESSIONS].holders, plan)

    def _now(self, action: str, document) -> bool:
        """Whether ``document``'s state lets anyone take ``action``."""
        if action == LOG_SESSIONS:
            return self.engine.in_group(document, PLAN_LIFECYCLE, "in force")
        if action == START_NEXT_PLAN:  # (the student's current plan, not a past one)
            return (document.__name__ == "plan" and document.student is not None
                    and self.engine.in_group(document, PLAN_LIFECYCLE, "archived"))
        if action == RECORD_MEASUREMENTS:
            return document.takes_data
        return True

    def _holds(self, action: str, holders: frozenset[str], document) -> bool:
        """Whether the person is among ``holders`` of ``action`` on ``document``."""
        user = self.user
        if action == LOG_SESSIONS:
            return bool(self._supports_held(holders, document))
        if RESPONSIBLE in holders and (
                user is not None and user.login in document.responsible):
            return True
        if THEMSELF in holders:
            student = document.student
            return (user is not None and student is not None
                    and user.student_id == student.__name__)
        return bool(self.roles_on(document) & holders)

    def _supports_held(self, holders: frozenset[str], plan) -> tuple[dict, ...]:
        """The plan's supports the person logs, whatever its state: all for a role among
        ``holders``, those naming them for a provider (by login) whom the family granted
        to read and contribute to the plan."""
        roles = self.roles_on(plan)
        if roles & holders:
            return tuple(plan.supports)
        login = self.user.login if self.user is not None else ""
        if PROVIDER in holders and CONTRIBUTING in roles:
            return tuple(s for s in plan.supports if login and s.get("provider") == login)
        return ()


def includeme(config) -> None:
    """``request.access``: one ``Access`` per request."""
    config.add_request_method(Access, "access", reify=True)

