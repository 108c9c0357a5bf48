"""Invitations: a family grants access to someone who has no login yet by name and e-mail
address; this makes them a contributor account and a one-time link to set a password.

Only a hash of the link's secret is stored (whoever reads the database cannot use it),
with an expiry 14 days on; setting the password forgets it, so a link works once. The
link names the login it is for, so finding the account costs one look-up however many
people the district has. No mail server is configured: the message is written to the
log ``profilerepo.mail`` (and the page shows the link to the person who invited), from
the sender set by ``profilerepo.mail_sender``.
"""
from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import re
import secrets
import unicodedata

from profilerepo import clock
from profilerepo.principals import (
    LOGIN_PATTERN,
    MIN_PASSWORD,
    PrincipalError,
    hash_password,
)

VALID_FOR = datetime.timedelta(days=14)
SENDER_SETTING = "profilerepo.mail_sender"
DEFAULT_SENDER = "ProfileRepo <no-reply@localhost>"
MAX_NAME = 100
MAX_EMAIL = 254
# Plain enough to catch a typing slip; the mail server would have the last word.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SEPARATOR = "."  # between the login and the secret (the secret is hex: no dots)

mail_log = logging.getLogger("profilerepo.mail")


class InvitationError(ValueError):
    """An invitation that cannot be made or used, with the reason in plain words."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def login_from_name(principals, name: str) -> str:
    """A free login made from a person's name: "Ana María Ruiz" -> "ana.ruiz" (then
    "ana.ruiz2", ...)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    base = ".".join([words[0], words[-1]] if len(words) > 1 else words)[:56] or "guest"
    if not LOGIN_PATTERN.match(base):
        base = f"guest.{base}"[:56]
    login, number = base, 1
    while principals.get_user(login) is not None:
        number += 1
        login = f"{base}{number}"
    return login


def check_name(name: str) -> str:
    """The invitee's name as it will be kept, or InvitationError."""
    name = " ".join((name or "").split())
    if not name:
        raise InvitationError("Give the name of the person you are inviting.")
    if len(name) > MAX_NAME:
        raise InvitationError(f"Keep the name to {MAX_NAME} characters.")
    return name


def check_email(email: str) -> str:
    """The invitee's e-mail address as it will be kept, or InvitationError."""
    email = (email or "").strip()
    if not email:
        raise InvitationError("Give their e-mail address, to send them the link.")
    if len(email) > MAX_EMAIL or not EMAIL.match(email):
        raise InvitationError(f"{email!r} does not look like an e-mail address "
                              "(for example ana@example.org).")
    return email


def invite(site, name: str, email: str, *,
           now: datetime.datetime | None = None) -> tuple[object, str]:
    """Make a contributor account for ``name`` and return (user, token): the token goes
    in the link (``welcome_path``) and is stored only as a hash."""
    name, email = check_name(name), check_email(email)
    principals = site["principals"]
    user = principals.add_user(login_from_name(principals, name), name, "contributor",
                               password=secrets.token_urlsafe(32), email=email)
    return user, renew_invitation(user, now=now)


def renew_invitation(user, *, now: datetime.datetime | None = None) -> str:
    """A new one-time token for ``user`` (any earlier one stops working)."""
    secret = secrets.token_hex(20)
    user.invitation_hash = _digest(secret)
    user.invitation_expires = (now or clock.now(zone=datetime.UTC)) + VALID_FOR
    return f"{user.login}{_SEPARATOR}{secret}"


def welcome_path(token: str) -> str:
    """The link's path on the site."""
    return f"/welcome/{token}"


def invited_user(site, token: str, *, now: datetime.datetime | None = None):
    """The user ``token`` sets the password of, or None when the link is unknown, used
    or expired (the page says the same for each: nothing to learn from guessing)."""
    login, _, secret = (token or "").rpartition(_SEPARATOR)
    if not login or not secret:
        return None
    user = site["principals"].get_user(login)
    stored = getattr(user, "invitation_hash", "") if user is not None else ""
    if not stored or not hmac.compare_digest(stored, _digest(secret)):
        return None
    expires = getattr(user, "invitation_expires", None)
    if expires is None or (now or clock.now(zone=datetime.UTC)) > expires:
        return None
    return user


def accept(site, token: str, password: str, again: str, *,
           now: datetime.datetime | None = None):
    """Set the invited user's password and forget the token; InvitationError says why
    not (the link is no good, or the passwords)."""
    user = invited_user(site, token, now=now)
    if user is None:
        raise InvitationError("This link has been used already, or it has expired.")
    if password != again:
        raise InvitationError("The two passwords are not the same.")
    if len(password) < MIN_PASSWORD:
        raise InvitationError(f"A password needs at least {MIN_PASSWORD} characters.")
    try:
        user.password_hash = hash_password(password)
    except PrincipalError as refused:
        raise InvitationError(str(refused)) from None
    user.invitation_hash = ""
    user.invitation_expires = None
    return user


def send_invitation(settings: dict, user, link: str, invited_by: str,
                    student_name: str) -> None:
    """"Send" the invitation: no mail server is configured, so it goes to the log."""
    sender = settings.get(SENDER_SETTING) or DEFAULT_SENDER
    mail_log.info("would send to %s: %s (from %s; %s invites %s to see %s's record)",
                  user.email, link, sender, invited_by, user.title, student_name)
