"""What arrived from another district, as kept here: the folders it goes into, the record
of what was imported into a student, the line its pages show, and adopting the drafts.

Imported documents carry ``provenance`` (the record from the file, with "signed" and
"verified") and ``imported`` (``security.access`` lets nobody edit them).
"""
from __future__ import annotations

import datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from profilerepo import clock
from profilerepo.content.folder import Folder, new_name
from profilerepo.content.lineage import site_of
from profilerepo.content.versions import now
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import Plan
from profilerepo.portability.format import decode_value
from profilerepo.security.roles import InSection
from profilerepo.workflow import running_engine

EARLIER_TRANSCRIPTS, DRAFTS = "earlier-transcripts", "transfer-drafts"
COMPARABLE = ("Comparable services until the team adopts or replaces this plan "
              "(services as in the plan from the student's last school).")
OWN_PLAN_GOVERNS = ("This school's own plan is in force and governs the student's services; "
                    "this plan is kept as it came. To take it in, amend the school's plan "
                    "(or start the next one), then adopt this.")
ARRIVED_STAYS = "what arrived from another school stays as it was"


class AdoptRefused(ValueError):
    """A draft from the last school cannot be adopted now; the message says why."""


class EarlierTranscripts(InSection, Folder):
    """Transcripts from the student's earlier schools, shown beside this school's own."""

    section = "transcript"
    title = "Transcripts from earlier schools"


class TransferDrafts(InSection, Folder):
    """The last school's living documents (its profile, its current plan), kept as they
    came until the team adopts them."""

    section = "student"
    title = "From the last school, to adopt"


class RemoteRequest(Persistent):
    """The family's request at the sending school that a statement of disagreement
    answered: only its statement travels, so it has no history here."""

    workflow_history: tuple = ()


class Ledger(Persistent):
    """What was imported into one student: the backpacks (their digests) and, by
    (district, path there), each document's path here and the digests seen of it."""

    def __init__(self) -> None:
        self.backpacks: tuple[str, ...] = ()
        self.documents = OOBTree()


def ledger_of(student) -> Ledger:
    found = getattr(student, "backpack_ledger", None)
    if found is None:
        found = student.backpack_ledger = Ledger()
    return found


def as_date(value) -> datetime.date | None:
    """A date as the backpack writes one (typed or ISO), or None."""
    value = decode_value(value) if isinstance(value, dict) else value
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def as_datetime(value) -> datetime.datetime | None:
    """A moment as the backpack writes one (typed or ISO), or None."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, dict):
        value = decode_value(value)
        return value if isinstance(value, datetime.datetime) else None
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


# -- what pages show, and adopting the drafts ------------------------------------------------

def provenance_line(document) -> str:
    """"From <school>, <district>, signed <date>, verified", and how it arrived (its
    version there, who last changed it, who imported it when) for an imported document;
    "" for one written here. Days are the district's calendar days."""
    found = getattr(document, "provenance", None)
    if not isinstance(found, dict) or not found.get("verified"):
        return ""
    signed = as_datetime(found.get("signed"))
    where = ", ".join(filter(None, (found.get("school"), found.get("district"))))
    day = f", signed {_day(signed)}" if signed else ""
    return f"From {where or 'another district'}{day}, verified.{_arrival(document, found)}"


def _day(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return f"{clock.day_of(moment):%-d %B %Y}"


def _arrival(document, found: dict) -> str:
    """" It arrived as version 3 there, last changed by X; imported here by Y on D."""
    said = ""
    versions, authors = found.get("versions"), found.get("authors") or []
    if isinstance(versions, int) and versions > 1:
        said += f" It was at version {versions} there"
        said += f", last changed by {authors[-1]}" if authors else ""
        said += ";"
    imported = as_datetime(found.get("imported"))
    by = found.get("imported_by") or ""
    if imported is not None:
        site = site_of(document)
        if by and site is not None:
            from profilerepo.views.display import person  # (a page's words)

            by = person(site, by)
        who = f" by {by}" if by else ""
        said += f" Imported here{who} on {_day(imported)}."
    elif said:
        said = said[:-1] + "."
    return said.replace("; Imported", "; imported")


def stays_as_it_came(document) -> bool:
    """Whether ``document`` arrived from another district: it takes no workflow step here
    (what arrived stays as it was, signed). A draft to adopt is adopted by copying it into
    the school's own plan or profile, which then take their steps."""
    return bool(getattr(document, "imported", False))


def comparable_services(document) -> str:
    """The notice a draft plan from the last school carries until it is adopted
    (IDEA 300.323(e),(f))."""
    if isinstance(document, Plan) and getattr(document, "imported", False) and not getattr(
            document, "adopted", None) and getattr(document.__parent__, "__name__", "") == DRAFTS:
        return OWN_PLAN_GOVERNS if own_plan_governs(document.__parent__.__parent__) \
            else COMPARABLE
    return ""


def own_plan_governs(student) -> bool:
    """Whether the student's own plan here is in force (not being written): the last
    school's plan then is not adopted as it stands, nor are its services comparable."""
    own = student.get("plan") if student is not None else None
    return own is not None and not running_engine().in_group(own, "plan-lifecycle",
                                                             "being written")


def adopt_draft(student, which: str, by: str) -> object:
    """Make the last school's ``which`` ("plan" or "profile") this school's own: its
    fields become a new version of the student's own, a plan's goals (with their data)
    join the student's plan. The draft stays, read-only, as what came."""
    drafts = student.get(DRAFTS)
    draft = drafts.get(which) if drafts is not None else None
    if draft is None or which not in ("plan", "profile"):
        raise AdoptRefused(f"There is no {which} from the last school to adopt.")
    if getattr(draft, "adopted", None):
        raise AdoptRefused(f"This {which} was adopted already.")
    own = student[which]
    if which == "plan":
        if own_plan_governs(student):
            raise AdoptRefused("The school's own plan is in force: amend it (or start the "
                               "next plan) to take in the plan from the last school.")
        own.record(adopted_plan_values(draft, own), by)
        for goal in draft.goals.values():
            copy = Goal(goal.field_values(), by)
            # (the goal was written at the last school: its author and date stay)
            copy.creator, copy.created = goal.creator, goal.created
            copy.provenance = dict(goal.provenance)
            copy.data_points = goal.data_points
            own.goals.add(new_name(own.goals, "goal"), copy)
    else:
        own.record({k: v for k, v in draft.field_values().items() if v}, by)
    draft.adopted, draft.adopted_by = now(), by
    return own


def adopted_plan_values(draft, own) -> dict:
    """The last school's plan as this school's: its services and goals, but this school's
    own team (the old team does not come with the student), and each service's provider
    still to be named here (who gave it there kept in words)."""
    school = (getattr(draft, "provenance", None) or {}).get("school") or "the last school"
    values = dict(draft.field_values())
    values["team"] = tuple(own.team or ())
    values["supports"] = tuple(
        {**support, "provider": _provider_here(support.get("provider") or "", school)}
        for support in (values.get("supports") or ()) if isinstance(support, dict))
    return values


def _provider_here(provider: str, school: str) -> str:
    said = f"To be named here (at {school}: {provider})" if provider else \
        "To be named here"
    return said[:200]  # (the form's limit for a provider)
