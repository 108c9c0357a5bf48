"""The forms of the page "Who can see <child>'s record" as typed: each field kept to be
shown again, what is wrong with each, and the person picker shared by the grant, designee
and guide forms (someone chosen, a login typed, or someone new to invite)."""
from __future__ import annotations

import dataclasses
import datetime

from profilerepo.family.designees import designees_of
from profilerepo.family.grants import grants_of
from profilerepo.family.invitations import (
    InvitationError,
    check_email,
    check_name,
    invite,
    send_invitation,
    welcome_path,
)
from profilerepo.principals import normalise_login

NEW = "new"  # the person picker's choice "someone new: invite them"
MAX_TEXT = 500
# Each form field's name as its label says it, for the list of what to fix.
LABELS = {"person": "Who", "login": "Their login", "new_name": "Their name",
          "new_email": "Their e-mail address", "sections": "Which parts",
          "level": "What they may do", "purpose": "What the access is for",
          "starts": "From", "ends": "Until", "order_reference": "The order's reference",
          "order_date": "Date of the order"}


@dataclasses.dataclass
class FormState:
    """A form as typed, with what is wrong with each field (and with the whole)."""

    values: dict = dataclasses.field(default_factory=dict)
    errors: dict = dataclasses.field(default_factory=dict)
    problem: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.problem)


def blank_grant_form(day: datetime.date) -> FormState:
    return FormState({"starts": day.isoformat(), "level": "read", "sections": []})


def text(request, name: str, limit: int = MAX_TEXT) -> str:
    """A field as typed (a form's, or the address's for a confirmation page), trimmed."""
    value = request.params.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


def date_field(form: FormState, name: str, missing: str) -> datetime.date | None:
    """The date typed in ``name`` (YYYY-MM-DD, as a date input sends it), or None with
    the field's error set."""
    typed = form.values.get(name, "")
    if not typed:
        form.errors[name] = missing
        return None
    try:
        return datetime.date.fromisoformat(typed)
    except ValueError:
        form.errors[name] = f"“{typed}” is not a date: give one such as 2026-12-31."
        return None


def read_person(request, form: FormState) -> str | None:
    """Who the form names: a login ("" with errors set), or NEW with the new person's
    name and e-mail address checked."""
    for name in ("person", "login", "new_name", "new_email"):
        form.values[name] = text(request, name, 254)
    chosen, typed = form.values["person"], normalise_login(form.values["login"])
    if chosen == NEW:
        for name, check in (("new_name", check_name), ("new_email", check_email)):
            try:
                check(form.values[name])
            except InvitationError as wrong:
                form.errors[name] = str(wrong)
        return NEW
    if chosen and typed and chosen != typed:
        form.errors["login"] = ("You chose someone from the list and typed a login: "
                                "keep one of them.")
        return ""
    if not (chosen or typed):
        form.errors["person"] = ("Choose someone from the list, type their login, or "
                                 "invite someone new.")
        return ""
    return chosen or typed


def invite_person(request, student, form: FormState) -> tuple[str, str]:
    """Make the new person's account; (their login, the link to send them). Someone this
    record already names with that e-mail address is not invited twice (a form sent
    again would make a second account)."""
    email = " ".join((form.values.get("new_email") or "").split()).lower()
    principals = request.site["principals"]
    named = {g.login for g in grants_of(student)} | {d.login for d in designees_of(student)}
    for login in sorted(named):
        known = principals.get_user(login)
        if known is not None and email and (known.email or "").lower() == email:
            raise InvitationError(f"{known.title} ({known.email}) already has an account "
                                  "for this record: choose them from the list instead.")
    user, token = invite(request.site, form.values["new_name"], form.values["new_email"])
    link = request.application_url + welcome_path(token)
    send_invitation(request.registry.settings, user, link, request.user.title,
                    student.first_name)
    return user.login, link


def send_link(request, name: str, link: str) -> None:
    """Show the person who invited the link to send (no mail server sends it yet)."""
    if link:
        request.session.flash(f"Send this link to {name}: {link} — it lets them set a "
                              "password, once, within 14 days.")
