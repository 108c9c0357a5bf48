"""The security policy: who the user is, and what they may do here.

Effective principals are the user, their groups, and ``role:<name>`` for each role they
hold on the student folder in the context's lineage (``access.held_roles``): locally
(teacher, counselor, guardian...) or as administrator of the student's school.
"""
from __future__ import annotations

from pyramid.authentication import SessionAuthenticationHelper

from profilerepo.security.access import (
    document_permits,
    role_principals,
    user_principals,
    viewing_roles,
)
from profilerepo.security.principals import roles_in


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
        return [*user_principals(user), *role_principals(user, context)]

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
    return roles_in(role_principals(request.user, context))


__all__ = ["SecurityPolicy", "document_permits", "request_user", "roles_on", "viewing_roles"]
