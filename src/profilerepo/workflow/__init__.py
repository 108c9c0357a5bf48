"""Workflows as data (TOML files in ``workflows/``) and the small engine that runs them.

``definition`` reads and checks the files; ``engine`` runs them on documents.
Nothing here imports the web layer, so it is tested on its own.
"""
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

    vocabulary = Vocabulary(roles=frozenset(TABLE_ROLES), permissions=frozenset({VIEW, EDIT}))
    return WorkflowEngine(load_folder(Path(folder or PROJECT_WORKFLOWS), vocabulary))


def includeme(config) -> None:
    """Load and check every workflow file at start-up; a bad file stops the application,
    naming the file, the item and the problem."""
    from profilerepo.workflow.index import index_after_transition

    engine = project_engine(config.get_settings().get("profilerepo.workflows"))
    engine.listeners.append(index_after_transition)
    config.registry.workflows = engine


__all__ = [
    "HistoryEntry", "State", "Transition", "TransitionEvent", "TransitionRefused",
    "Vocabulary", "Workflow", "WorkflowEngine", "WorkflowError", "Worklist", "load_file",
    "load_folder", "parse", "project_engine",
]
