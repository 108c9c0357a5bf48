"""Workflows as data (TOML files in ``workflows/``) and the small engine that runs them.

``definition`` reads and checks the files; ``engine`` runs them on documents.
Nothing here imports the web layer, so it is tested on its own.
"""
from collections.abc import Callable
from functools import cache
from pathlib import Path

from profilerepo.workflow.definition import (
    State,
    Transition,
    Vocabulary,
    Workflow,
    WorkflowError,
    Worklist,
    load_file,
    load_folder,
    parse,
)
from profilerepo.workflow.engine import (
    Condition,
    DocumentTransitioned,
    HistoryEntry,
    TransitionRefused,
    WorkflowEngine,
)

PROJECT_WORKFLOWS = Path(__file__).resolve().parents[3] / "workflows"


def project_engine(folder: Path | None = None, timezone=None,
                   notify: Callable[[DocumentTransitioned], None] | None = None
                   ) -> WorkflowEngine:
    """An engine with the project's workflow files, checked against the application's
    roles and permissions; dates are the district's (``timezone``, a ZoneInfo). It tells
    each transition to ``notify`` (by default, the current application's subscribers)."""
    from profilerepo import clock
    from profilerepo.security.roles import EDIT, TABLE_ROLES, VIEW

    if notify is None:
        from profilerepo.content.events import notify

    def period_over(document, actor: str) -> bool:
        """The document's period (a plan's) has ended: its end date has come."""
        end = getattr(document, "period_end", None)
        return end is not None and end <= clock.today(zone=timezone)

    conditions = {
        "period_over": Condition(period_over, "the plan's period has not ended yet; a "
                                              "plan is closed once its end date has come"),
        "plan_open": Condition(plan_open, "the plan is closed, and a closed plan's record "
                                          "is final"),
        "plan_changing": Condition(
            plan_changing, "goals are added or changed only while the plan is being "
                           "written, reviewed or amended. Amend the plan first",
            remedy="plan-lifecycle/amend", remedy_on=plan_of),
    }
    vocabulary = Vocabulary(roles=frozenset(TABLE_ROLES), permissions=frozenset({VIEW, EDIT}),
                            conditions=frozenset(conditions))
    return WorkflowEngine(load_folder(Path(folder or PROJECT_WORKFLOWS), vocabulary),
                          conditions, ROLE_WORDS, notify)


# Who holds a role, in the words a refusal uses ("only the student's counselor or ...").
ROLE_WORDS = {
    "counselor": "the student's counselor", "teacher": "one of the student's teachers",
    "administrator": "an administrator", "guardian": "a parent or guardian",
    "student": "the student", "contributor": "a contributor the family named",
    "student-16": "the student (from 16)", "author": "the person who wrote it",
    "family-rights": "the family (a parent or guardian; the student from 18)",
}


def plan_of(document):
    """The plan holding ``document`` (a goal), or None. (A plain walk: the workflow
    package runs without the web layer, Pyramid's traversal helpers included.)"""
    node = getattr(document, "__parent__", None)
    while node is not None and "plan-lifecycle" not in getattr(node, "workflow_chain", ()):
        node = getattr(node, "__parent__", None)
    return node


def _plan_state(document) -> str:
    """The lifecycle state of the plan holding ``document`` (a goal)."""
    node = plan_of(document)
    if node is None:
        return ""
    return getattr(node, "workflow_states", {}).get("plan-lifecycle", "")


def plan_open(document, actor: str) -> bool:
    """The goal's plan is not closed (a closed plan's record is final)."""
    return _plan_state(document) not in group("plan-lifecycle", "archived")


def plan_changing(document, actor: str) -> bool:
    """The goal's plan is being written, reviewed or amended: goals join or change only
    then (an adopted plan changes by amendment)."""
    return _plan_state(document) in group("plan-lifecycle", "being written")


def running_engine() -> WorkflowEngine:
    """The application's workflows (``registry.workflows``) for domain code with no request
    at hand; outside a running application (a script, a test), the project's files."""
    from pyramid.threadlocal import get_current_registry

    engine = getattr(get_current_registry(), "workflows", None)
    return engine if engine is not None else _project_workflows()


@cache
def _project_workflows() -> WorkflowEngine:
    return project_engine()


def group(workflow: str, name: str) -> frozenset[str]:
    """The states of ``workflow``'s named group ("in force"), as the running application
    loaded them: code asks what it means, the TOML file says which states that is."""
    return running_engine().states(workflow, name)


def in_group(document, workflow: str, name: str) -> bool:
    """Whether ``document`` is now in ``workflow``'s named group of states."""
    return running_engine().in_group(document, workflow, name)


def includeme(config) -> None:
    """Load and check every workflow file at start-up; a bad file stops the application,
    naming the file, the item and the problem. The engine tells its transitions to this
    application's subscribers, among them the state index's (``workflow.subscribers``)."""
    registry = config.registry
    registry.workflows = project_engine(config.get_settings().get("profilerepo.workflows"),
                                        timezone=getattr(registry, "timezone", None),
                                        notify=registry.notify)
    config.include("profilerepo.workflow.subscribers")


__all__ = [
    "Condition", "DocumentTransitioned", "HistoryEntry", "State", "Transition",
    "TransitionRefused", "Vocabulary", "Workflow", "WorkflowEngine", "WorkflowError",
    "Worklist", "group", "in_group", "load_file", "load_folder", "parse", "project_engine",
    "running_engine",
]
