"""What several home panels share: the active goals of a student's plan."""
from __future__ import annotations


def active_goals(can_view, student):
    """The student's plan and its active goals this user may view ([] if not the plan).

    One goal is asked for all: who may view a goal follows from its state (all are
    active here), the plan and the roles on the student, the same for each of them."""
    plan = student.get("plan")
    if plan is None or not can_view(plan):
        return None, []
    active = [goal for goal in plan.goals.values() if goal.in_force]
    if active and not can_view(active[0]):
        return plan, []
    return plan, active
