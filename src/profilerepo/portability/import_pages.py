"""What arrived from another district, on the student's record: the transcripts from
earlier schools, the last school's profile and plan, and adopting those as this school's.
"""
from __future__ import annotations

from pyramid.httpexceptions import HTTPConflict, HTTPForbidden, HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content.profile import Profile
from profilerepo.plans.plan import Plan
from profilerepo.portability.imported import (
    DRAFTS,
    AdoptRefused,
    EarlierTranscripts,
    TransferDrafts,
    adopt_draft,
    own_plan_governs,
    provenance_line,
)
from profilerepo.security.roles import VIEW
from profilerepo.views import template

ADOPTERS = frozenset({"counselor", "administrator"})
WORDS = {"plan": "Adopt this plan", "profile": "Adopt this profile"}


@view_config(context=EarlierTranscripts, permission=VIEW,
             renderer=template("backpack_import_folder.pt"))
@view_config(context=TransferDrafts, permission=VIEW,
             renderer=template("backpack_import_folder.pt"))
def imported_folder(context, request):
    """The documents in it this person may read, each with where it came from."""
    documents = request.access.visible(context.values())
    intro = ("The transcripts the student's earlier schools signed, kept as they arrived, "
             "beside this school's own." if isinstance(context, EarlierTranscripts) else
             "The profile and plan the student's last school signed. The counselor adopts "
             "them as this school's own, or the team replaces them; until then the plan's "
             "services continue as comparable services.")
    return {"folder": context, "intro": intro,
            "rows": [(d, provenance_line(d), getattr(d, "adopted", None)) for d in documents]}


def _which(draft) -> str:
    return "plan" if isinstance(draft, Plan) else "profile"


def adoption(request, context) -> dict | None:
    """The "Adopt this plan/profile" button for the page of a draft from the last school,
    shown to the student's counselor and administrators while it is not adopted yet."""
    if not isinstance(context, (Plan, Profile)) or getattr(context, "adopted", None):
        return None
    if getattr(getattr(context, "__parent__", None), "__name__", "") != DRAFTS or not (
            request.access.roles_on(context) & ADOPTERS):
        return None
    if isinstance(context, Plan) and own_plan_governs(context.__parent__.__parent__):
        return None  # (the page says why: imported.comparable_services)
    return {"action": request.resource_url(context, "adopt"), "label": WORDS[_which(context)],
            "explain": f"Its fields become this school's {_which(context)} (a new version "
                       "you can then edit); what arrived stays here as it was."}


@view_config(context=Plan, name="adopt", request_method="POST",
             permission=NO_PERMISSION_REQUIRED)
@view_config(context=Profile, name="adopt", request_method="POST",
             permission=NO_PERMISSION_REQUIRED)
def adopt(context, request):
    """Make the last school's draft this school's own, then show the school's own."""
    in_drafts = getattr(getattr(context, "__parent__", None), "__name__", "") == DRAFTS
    if not (in_drafts and request.access.roles_on(context) & ADOPTERS):
        raise HTTPForbidden("The student's counselor or an administrator adopts what came "
                            "from the last school.")
    student = context.__parent__.__parent__
    try:
        own = adopt_draft(student, _which(context), request.user.login)
    except AdoptRefused as refused:  # (a refusal, not a success: its own page)
        raise HTTPConflict(f"Not adopted: {refused}") from None
    request.session.flash(f"Adopted: the {_which(context)} from the last school is now this "
                          "school's own. Review it with the team.")
    return HTTPSeeOther(request.resource_url(own))


def includeme(config) -> None:
    config.scan(__name__)
