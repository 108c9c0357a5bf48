"""What waits for me: each worklist's documents among the students I hold a role on."""
from __future__ import annotations

from dataclasses import dataclass

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content.site import Site
from profilerepo.security.policy import PageAccess
from profilerepo.views import template
from profilerepo.workflow.index import resolve, state_index


@dataclass(frozen=True)
class WorklistItems:
    name: str
    title: str
    documents: list


def worklists_for(request, access: PageAccess | None = None) -> list[WorklistItems]:
    """Every worklist with the documents on it for this user (empty lists included);
    ``access``: the page's, if it has one already."""
    site, user, engine = request.site, request.user, request.registry.workflows
    student_ids = sorted({sid for ids in user.assignments.values() for sid in ids})
    index, access = state_index(site), access or PageAccess(request)
    found = []
    for workflow in engine.workflows.values():
        for worklist in workflow.worklists.values():
            documents = []
            for student_id in student_ids:
                for state in worklist.states:
                    for path in index.paths(workflow.name, state, student_id):
                        document = resolve(site, path)
                        if document is not None and engine.on_worklist(
                                document, worklist, access.roles_on(document)):
                            documents.append(document)
            found.append(WorklistItems(worklist.name, worklist.title, documents))
    return found


@view_config(context=Site, name="worklists", permission=NO_PERMISSION_REQUIRED,
             renderer=template("worklists.pt"))
def worklists(context, request):
    if request.user is None:
        return HTTPSeeOther(request.application_url + "/login?next=/worklists")
    return {"worklists": worklists_for(request)}
