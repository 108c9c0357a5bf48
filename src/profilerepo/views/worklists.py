"""What waits for me: each worklist's documents among the students I hold a role on,
grouped by student with who sent each and when; some taken several at a time."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.clock import day_of
from profilerepo.content.cycles import cycle_closed_for
from profilerepo.content.site import Site
from profilerepo.plans.progress import day
from profilerepo.security.access import Access
from profilerepo.security.policy import roles_on
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, administered_school_ids
from profilerepo.security.roles import AUTHOR, FAMILY_RIGHTS, STUDENT_16
from profilerepo.views import template
from profilerepo.views.display import person
from profilerepo.workflow import TransitionRefused
from profilerepo.workflow.index import path_of, resolve, state_index


@dataclass(frozen=True)
class WorklistItems:
    name: str
    title: str
    documents: list
    workflow: str = ""
    bulk_title: str = ""  # several may be taken at once ("" if not)


@dataclass(frozen=True)
class Waiting:
    """One document on a worklist: who sent it there, and when."""

    document: object
    path: str
    by: str
    when: object
    action: str = ""  # the transition that sent it ("return": sent back to its writer)
    comment: str = ""


def worklists_for(request, access: Access | None = None) -> list[WorklistItems]:
    """Every worklist with the documents on it for this user (empty lists included);
    ``access``: the page's, if it has one already."""
    site, user, engine = request.site, request.user, request.registry.workflows
    student_ids = sorted({sid for ids in user.assignments.values() for sid in ids})
    index, access = state_index(site), access or request.access
    could_hold = _roles_one_could_hold(user)
    found = []
    for workflow in engine.workflows.values():
        for worklist in workflow.worklists.values():
            documents = []
            # (a worklist of roles the person holds on none of these students, such as
            # the administrators' families' requests for a teacher, is not looked through)
            for student_id in student_ids if set(worklist.roles) & could_hold else ():
                for state in worklist.states:
                    for path in index.paths(workflow.name, state, student_id):
                        document = resolve(site, path)
                        if document is not None and not cycle_closed_for(
                                site, document) and engine.on_worklist(
                                document, worklist, access.roles_on(document)):
                            documents.append(document)
            found.append(WorklistItems(worklist.name, worklist.title, documents,
                                       workflow.name, worklist.bulk_title))
    return found


def _roles_one_could_hold(user) -> set[str]:
    """The roles ``user`` could hold on the students of their assignments: those, and
    what they bring (the author of a document; from 16 the student's; the family's
    rights), and an administrator's."""
    roles = set(user.assignments)
    if roles:
        roles.add(AUTHOR)
    if roles & {"guardian", "student"}:
        roles |= {FAMILY_RIGHTS, STUDENT_16}
    if DISTRICT_ADMINISTRATORS in user.groups or administered_school_ids(user.groups):
        roles.add("administrator")
    return roles


def works_for_the_school(user) -> bool:
    """Whether ``user`` is staff (a counselor or teacher of a student, or an
    administrator): staff see every worklist, empty ones too, as a page of their work."""
    return bool({"counselor", "teacher"} & set(user.assignments)
                or DISTRICT_ADMINISTRATORS in user.groups
                or administered_school_ids(user.groups))


def sent(document, workflow: str) -> Waiting:
    """The document, and the history entry that put it in its state now."""
    state = (getattr(document, "workflow_states", {}) or {}).get(workflow)
    for entry in reversed(getattr(document, "workflow_history", ())):
        if (entry.workflow or workflow) == workflow and entry.target == state:
            return Waiting(document, path_of(document), entry.actor, entry.time,
                           entry.action, entry.comment)
    return Waiting(document, path_of(document), document.creator, document.created)


NARRATIVE_REVIEW = "narrative-review"


def return_note(request, document) -> str:
    """What the reviewer said returning a narrative, for its author while it waits for
    their changes ("Returned by Isha Wagner on 3 December 2026: ..."); "" otherwise."""
    states = getattr(document, "workflow_states", {}) or {}
    returned = request.registry.workflows.workflows[NARRATIVE_REVIEW].transitions["return"]
    if states.get(NARRATIVE_REVIEW) != returned.target or \
            "author" not in roles_on(request, document):
        return ""
    entry = sent(document, NARRATIVE_REVIEW)
    if entry.action != "return":  # (put in that state by no transition: nothing said)
        return ""
    when = day_of(entry.when, request.registry)
    return f"Returned by {person(request.site, entry.by)} on {day(when)}: {entry.comment}"


def by_student(items: WorklistItems) -> list[tuple[object, list[Waiting]]]:
    """(student, documents waiting, oldest first) for each student, by name."""
    waiting = sorted((sent(d, items.workflow) for d in items.documents),
                     key=lambda w: (w.document.student.sort_key, w.when))
    return [(student, list(group)) for student, group in
            groupby(waiting, key=lambda w: w.document.student)]


@view_config(context=Site, name="worklists", permission=NO_PERMISSION_REQUIRED,
             renderer=template("worklists.pt"), request_method="GET")
def worklists(context, request):
    if request.user is None:
        return HTTPSeeOther(request.application_url + "/login?next=/worklists")
    # (imported here: the home package imports this module for its own worklists)
    from profilerepo.views.home.questions import my_questions

    access = request.access
    shown = worklists_for(request, access)
    if not works_for_the_school(request.user):  # (families: no empty staff lists)
        shown = [w for w in shown if w.documents]
    return {"worklists": shown, "groups": {w.name: by_student(w) for w in shown},
            "questions": my_questions(request, access)}


@view_config(context=Site, name="worklists", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def take_several(context, request):
    """Take a worklist's bulk transitions on the documents ticked; each is checked as if
    taken alone, and the page says how many were done and why any were not."""
    if request.user is None:
        return HTTPSeeOther(request.application_url + "/login?next=/worklists")
    engine, access = request.registry.workflows, request.access
    wanted = request.POST.get("worklist", "")
    chosen = next((w for wf in engine.workflows.values() for w in wf.worklists.values()
                   if f"{w.workflow}/{w.name}" == wanted and w.bulk), None)
    paths = [p for p in request.POST.getall("document") if isinstance(p, str)][:500]
    if chosen is None or not paths:
        request.session.flash("Nothing was done: tick the documents to act on first.")
        return HTTPSeeOther(request.application_url + "/worklists")
    done, refused = 0, []
    for path in dict.fromkeys(paths):
        document = resolve(request.site, path)
        roles = access.roles_on(document) if document is not None else set()
        if document is None or not engine.on_worklist(document, chosen, roles):
            refused.append("one is no longer waiting for you")
            continue
        try:
            for name in chosen.bulk:
                engine.perform(document, name, workflow=chosen.workflow,
                               actor=request.user.login, roles=access.roles_on(document))
            done += 1
        except TransitionRefused as refusal:
            refused.append(f"{document.title} ({document.student.title}): {refusal.reason}")
    message = f"Done for {done} of {len(dict.fromkeys(paths))}."
    if refused:
        message += " Not done: " + "; ".join(refused) + "."
    request.session.flash(message)
    return HTTPSeeOther(request.application_url + "/worklists")
