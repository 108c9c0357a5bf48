"""An outside provider's home panel: the services they log sessions of."""
from __future__ import annotations

from dataclasses import dataclass

from profilerepo.security.policy import PageAccess


@dataclass(frozen=True)
class ProvidedServices:
    """A student whose plan in force names this outside provider on supports."""

    student: object
    plan: object
    supports: tuple  # the supports they log sessions of


def provided_services(engine, access: PageAccess, students: list,
                      login: str) -> list[ProvidedServices]:
    from profilerepo.views.documents import loggable_supports

    rows = []
    for student in students:
        plan = student.get("plan")
        mine = (loggable_supports(engine, plan, login, access.roles_on(plan))
                if plan is not None else ())
        if mine:
            rows.append(ProvidedServices(student, plan, mine))
    return rows
