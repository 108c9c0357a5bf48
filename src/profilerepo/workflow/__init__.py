"""Workflows as data (TOML files in ``workflows/``) and the small engine that runs them.

``definition`` reads and checks the files; ``engine`` runs them on documents.
Nothing here imports the web layer, so it is tested on its own.
"""
import datetime
from dataclasses import dataclass
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
    HistoryEntry,
    TransitionEvent,
    TransitionRefused,
    WorkflowEngine,
)

PROJECT_WORKFLOWS = Path(__file__).resolve().parents[3] / "workflows"


def project_engine(folder: Path | None = None, timezone=None) -> WorkflowEngine:
    """An engine with the project's workflow files, checked against the application's
    roles and permissions; dates are the district's (``timezone``, a ZoneInfo)."""
    from profilerepo.search.queue import queue_for_search
    from profilerepo.security.roles import EDIT, TABLE_ROLES, VIEW
    from profilerepo.workflow.index import index_after_transition

    def period_over(document, actor: str) -> bool:
        """The document's period (a plan's) has ended: its end date has come."""
        end = getattr(document, "period_end", None)
        return end is not None and end <= datetime.datetime.now(timezone).date()

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
    engine = WorkflowEngine(load_folder(Path(folder or PROJECT_WORKFLOWS), vocabulary),
                            conditions, ROLE_WORDS)
    engine.listeners.append(index_after_transition)  # worklists and cycles read it
    engine.listeners.append(queue_for_search)
    return engine


# Who holds a role, in the words a refusal uses ("only the student's counselor or ...").
ROLE_WORDS = {
    "counselor": "the student's counselor", "teacher": "one of the student's teachers",
    "administrator": "an administrator", "guardian": "a parent or guardian",
    "student": "the student", "contributor": "a contributor the family named",
    "student-16": "the student (from 16)", "author": "the person who wrote it",
}


def plan_of(document):
    """The plan holding ``document`` (a goal), or None."""
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
    return _plan_state(document) != "closed"


def plan_changing(document, actor: str) -> bool:
    """The goal's plan is being written, reviewed or amended: goals join or change only
    then (an adopted plan changes by amendment)."""
    return _plan_state(document) in ("draft", "in_review", "amending")


def includeme(config) -> None:
    """Load and check every workflow file at start-up; a bad file stops the application,
    naming the file, the item and the problem."""
    engine = project_engine(config.get_settings().get("profilerepo.workflows"),
                            timezone=getattr(config.registry, "timezone", None))
    registry = config.registry

    def tell_the_application(event: TransitionEvent) -> None:
        if event.phase == "after":
            registry.notify(DocumentTransitioned(
                document=event.document, workflow=event.workflow.name,
                transition=event.transition.name, source=event.source,
                target=event.transition.target, actor=event.actor))

    engine.listeners.append(tell_the_application)
    registry.workflows = engine


@dataclass(frozen=True)
class DocumentTransitioned:
    """A Pyramid event, sent inside the transaction that moved ``document`` from
    ``source`` to ``target``: search (and anything else that must follow who may see
    what) subscribes with ``config.add_subscriber``."""

    document: object
    workflow: str
    transition: str
    source: str
    target: str
    actor: str


__all__ = [
    "Condition", "DocumentTransitioned", "HistoryEntry", "State", "Transition", "TransitionEvent",
    "TransitionRefused", "Vocabulary", "Workflow", "WorkflowEngine", "WorkflowError",
    "Worklist", "load_file", "load_folder", "parse", "project_engine",
]
