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
    HistoryEntry,
    TransitionEvent,
    TransitionRefused,
    WorkflowEngine,
)

PROJECT_WORKFLOWS = Path(__file__).resolve().parents[3] / "workflows"


def project_engine(folder: Path | None = None) -> WorkflowEngine:
    """An engine with the project's workflow files, checked against the application's
    roles and permissions."""
    from profilerepo.security.roles import EDIT, TABLE_ROLES, VIEW
    from profilerepo.workflow.index import index_after_transition

    conditions = {"period_over": period_over}
    vocabulary = Vocabulary(roles=frozenset(TABLE_ROLES), permissions=frozenset({VIEW, EDIT}),
                            conditions=frozenset(conditions))
    engine = WorkflowEngine(load_folder(Path(folder or PROJECT_WORKFLOWS), vocabulary),
                            conditions)
    engine.listeners.append(index_after_transition)  # worklists and cycles read it
    return engine


def period_over(document, actor: str) -> bool:
    """The document's period (a plan's) has ended: its end date is today or earlier."""
    end = getattr(document, "period_end", None)
    return end is not None and end <= datetime.date.today()


def includeme(config) -> None:
    """Load and check every workflow file at start-up; a bad file stops the application,
    naming the file, the item and the problem."""
    engine = project_engine(config.get_settings().get("profilerepo.workflows"))
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
    "DocumentTransitioned", "HistoryEntry", "State", "Transition", "TransitionEvent",
    "TransitionRefused", "Vocabulary", "Workflow", "WorkflowEngine", "WorkflowError",
    "Worklist", "load_file", "load_folder", "parse", "project_engine",
]
