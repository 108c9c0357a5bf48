"""The family package's evolve steps (run by ``profilerepo.evolution``, once per database).

Before grants, an administrator gave a contributor the "contributor" role on a student,
and the family opened documents to all of them at once (the sharing state "shared with
contributors"). Now the family grants each person chosen parts until a date: each such
role becomes grants the family can review and revoke (read on the profile and portfolio;
read and contribute on the plan for a provider its supports name, so their session log
keeps working), ending a year after the step ran; and documents shared "with
contributors" are shared with the family, whose grants decide who else reads them.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

from profilerepo import clock
from profilerepo.evolution import BATCH, each_student
from profilerepo.family.grants import CONTRIBUTE, READ, make_grant
from profilerepo.security.local_roles import revoke
from profilerepo.security.principals import login_of
from profilerepo.workflow.index import StateIndex

MIGRATED_PURPOSE = ("Access the school gave before families managed access themselves; "
                    "review it, and revoke it if it is no longer needed.")
_OLD_STATE = "contributors"  # (the sharing workflow's state before grants; gone since)


def _workflowed(student) -> Iterator:
    plan = student["plan"]
    yield student["profile"]
    yield plan
    yield from student["portfolio"].values()
    archive = student.get("past-plans")
    if archive is not None:
        yield from archive.values()


def grants_for_contributors(site, engine) -> Iterator[int]:
    """Contributor roles become grants; documents shared with contributors are shared
    with the family (and so with whoever the family grants their section)."""
    today = clock.today()
    ends = today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29) \
        else today + datetime.timedelta(days=365)
    index = getattr(site, "state_index", None)
    shared = engine.workflows["sharing"].transitions["share_with_family"].target
    for done, student in each_student(site):
        contributors = [p for p, roles in student.local_roles.items()
                        if "contributor" in roles]
        for principal in contributors:
            login = login_of(principal)
            revoke(site, student, login, "contributor")
            user = site["principals"].get_user(login)
            if user is None:
                continue
            if user.kind not in ("contributor", "guardian"):
                continue
            plan = student.get("plan")
            provides = plan is not None and any(
                s.get("provider") == login for s in getattr(plan, "supports", ()))
            if provides:
                make_grant(site, student, login, ["plan"], CONTRIBUTE, MIGRATED_PURPOSE,
                           today, ends, by="")
            make_grant(site, student, login, ["profile", "portfolio"] if provides
                       else ["profile", "plan", "portfolio"], READ, MIGRATED_PURPOSE,
                       today, ends, by="")
        for document in _workflowed(student):
            states = getattr(document, "workflow_states", {})
            if states.get("sharing") == _OLD_STATE:
                document.workflow_states = {**states, "sharing": shared}
                if isinstance(index, StateIndex):
                    index.record(document)
        if done % BATCH == 0:
            yield done


STEPS: list[tuple[str, Callable]] = [
    ("2026-12-grants-for-contributors", grants_for_contributors),
]
