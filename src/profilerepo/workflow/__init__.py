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

__all__ = [
    "HistoryEntry", "State", "Transition", "TransitionEvent", "TransitionRefused",
    "Vocabulary", "Workflow", "WorkflowEngine", "WorkflowError", "Worklist", "load_file",
    "load_folder", "parse",
]
