"""Workflows as data (TOML files in ``workflows/``) and the small engine that runs them.

``definition`` reads and checks the files; ``engine`` runs them on documents.
Nothing here imports the web layer, so it is tested on its own.
"""
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


def includeme(config) -> None:
    """Load and check every workflow in the project's ``workflows/`` folder at start-up;
    a bad file stops the application, naming the file, the item and the problem."""
    from pathlib import Path

    from profilerepo.security.roles import EDIT, TABLE_ROLES, VIEW

    folder = config.get_settings().get("profilerepo.workflows") or (
        Path(__file__).resolve().parents[3] / "workflows")
    vocabulary = Vocabulary(roles=frozenset(TABLE_ROLES), permissions=frozenset({VIEW, EDIT}))
    config.registry.workflows = WorkflowEngine(load_folder(Path(folder), vocabulary))


__all__ = [
    "HistoryEntry", "State", "Transition", "TransitionEvent", "TransitionRefused",
    "Vocabulary", "Workflow", "WorkflowEngine", "WorkflowError", "Worklist", "load_file",
    "load_folder", "parse",
]
