"""The invitation link: /welcome/<token> asks an invited person for a password (twice),
sets it, forgets the link and logs them in. A link used already or expired says so."""
from __future__ import annotations

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED, remember
from pyramid.view import view_config

from profilerepo.content.site import Site
from profilerepo.family.invitations import InvitationError, accept, invited_user
from profilerepo.principals import MIN_PASSWORD
from profilerepo.security.policy import SESSION_EPOCH
from profilerepo.views import template

MAX_PASSWORD = 1024
GONE = ("This link has been used already, or it has expired (a link works once, for 14 "
        "days). If you set your password, log in. If not, ask the family who invited you "
        "to send a new invitation.")


def _token(request) -> str:
    token = request.subpath[0] if request.subpath else request.params.get("token", "")
    return token[:200] if isinstance(token, str) else ""


def _page(request, user, error: str = "") -> dict:
    return {"heading": "Welcome to ProfileRepo", "user": user, "error": error,
            "gone": GONE if user is None else "", "min_password": MIN_PASSWORD,
            "action": request.path}


@view_config(context=Site, name="welcome", permission=NO_PERMISSION_REQUIRED,
             request_method="GET", renderer=template("welcome.pt"))
def welcome(context, request):
    user = invited_user(request.site, _token(request))
    if user is None:
        request.response.status = 410
    return _page(request, user)


@view_config(context=Site, name="welcome", permission=NO_PERMISSION_REQUIRED,
             request_method="POST", renderer=template("welcome.pt"))
def set_password(context, request):
    token = _token(request)
    password = request.POST.get("password", "")[:MAX_PASSWORD]
    again = request.POST.get("password_again", "")[:MAX_PASSWORD]
    try:
        user = accept(request.site, token, password, again)
    except InvitationError as refused:
        user = invited_user(request.site, token)
        request.response.status = 410 if user is None else 400
        return _page(request, user, "" if user is None else str(refused))
    request.session.invalidate()  # (a fresh session, as at every login)
    headers = remember(request, user.login)
    request.session[SESSION_EPOCH] = user.session_epoch
    request.session.flash(f"Your password is set. Your login is {user.login}: use it with "
                          "your password next time.")
    return HTTPSeeOther(request.application_url + "/", headers=headers)
