"""Users and groups, stored in the database; passwords hashed with argon2."""
from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow

from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, user_principal
from profilerepo.security.roles import MANAGE, VIEW

KINDS = ("staff", "guardian", "student", "contributor")
LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()
_unknown_user_hash: str | None = None


def _hash_for_unknown_users() -> str:
    """Verified against when a login is unknown, so both cases take about the same time."""
    global _unknown_user_hash
    if _unknown_user_hash is None:
        _unknown_user_hash = _hasher.hash("no user has this password")
    return _unknown_user_hash


class PrincipalError(ValueError):
    """A login or password that cannot be used, with the reason."""


def normalise_login(login: str | None) -> str:
    """A login as it is stored, looked up and counted by the login throttle: without
    surrounding whitespace, in lower case (logins are case-insensitive)."""
    return (login or "").strip().lower()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise PrincipalError(f"A password needs at least {MIN_PASSWORD} characters.")
    return _hasher.hash(password)


class User(Persistent):
    """A person who can log in: staff, a guardian, a student or a contributor."""

    email = ""
    student_id: str | None = None
    session_epoch = 0  # moved on at logout: older session cookies stop working
    # role -> ids of the students this user holds it on (kept by security.local_roles)
    assignments: dict[str, tuple[str, ...]] = {}
    # An invited contributor's one-time link to set a password (family.invitations):
    # the sha256 of its secret, and when it stops working.
    invitation_hash = ""
    invitation_expires = None

    def __init__(self, login: str, title: str, kind: str, password_hash: str,
                 email: str = "", groups: tuple[str, ...] = ()) -> None:
        self.login = login
        self.title = title
        self.kind = kind
        self.password_hash = password_hash
        self.email = email
        self.groups = tuple(groups)

    @property
    def principal(self) -> str:
        return user_principal(self.login)

    def check_password(self, password: str) -> bool:
        try:
            _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(self.password_hash):
            self.password_hash = _hasher.hash(password)
        return True


class Group(Persistent):
    def __init__(self, group_id: str, title: str) -> None:
        self.id = group_id
        self.title = title
        self.members = OOTreeSet()


class Principals(Persistent):
    """The users and groups of the site."""

    __name__: str | None = None
    __parent__ = None
    title = "People"
    __acl__ = ((Allow, DISTRICT_ADMINISTRATORS, (VIEW, MANAGE)), DENY_ALL)

    def __init__(self) -> None:
        self.users = OOBTree()
        self.groups = OOBTree()
        self.user_count = Length()

    def add_user(self, login: str, title: str, kind: str, *, password: str | None = None,
                 password_hash: str | None = None, email: str = "",
                 groups: tuple[str, ...] = ()) -> User:
        """Create a user; exactly one of ``password`` or ``password_hash`` is given."""
        login = normalise_login(login)
        if not LOGIN_PATTERN.match(login):
            raise PrincipalError(
                "A login is 2 to 64 lowercase letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit."
            )
        if login in self.users:
            raise PrincipalError(f"The login {login!r} is taken.")
        if kind not in KINDS:
            raise PrincipalError(f"Unknown kind of user {kind!r}; one of {', '.join(KINDS)}.")
        if not title.strip():
            raise PrincipalError("A user needs a name.")
        if password_hash is None:
            password_hash = hash_password(password or "")
        user = User(login, title.strip(), kind, password_hash, email)
        self.users[login] = user
        self.user_count.change(1)
        for group_id in groups:
            self.join(user, group_id)
        return user

    def get_user(self, login: str) -> User | None:
        return self.users.get(login)

    def authenticate(self, login: str, password: str) -> User | None:
        """The user if the password is right; None otherwise (in constant-ish time)."""
        user = self.users.get(normalise_login(login))
        if user is None:
            try:
                _hasher.verify(_hash_for_unknown_users(), password or "x")
            except VerificationError:
                pass
            return None
        return user if user.check_password(password or "") else None

    def ensure_group(self, group_id: str, title: str) -> Group:
        group = self.groups.get(group_id)
        if group is None:
            group = self.groups[group_id] = Group(group_id, title)
        return group

    def join(self, user: User, group_id: str, title: str | None = None) -> None:
        group = self.ensure_group(group_id, title or group_id)
        group.members.add(user.login)
        if group_id not in user.groups:
            user.groups = (*user.groups, group_id)
