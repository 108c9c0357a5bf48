"""An outside provider's home panel: the services they log sessions of."""
from __future__ import annotations

from dataclasses import dataclass

from profilerepo.security.access import Access


@dataclass(frozen=True)
class ProvidedServices:
    """A student whose plan in force names this outside provider on supports."""

    student: object
    plan: object
    supports: tuple  # the supports they log sessions of


def provided_services(access: Access, students: list) -> list[ProvidedServices]:
    """The students whose plans in force name the person on supports they log."""
    rows = []
    for student in students:
        plan = student.get("plan")
        mine = access.supports_to_log(plan) if plan is not None else ()
        if mine:
            rows.append(ProvidedServices(student, plan, mine))
    return rows
