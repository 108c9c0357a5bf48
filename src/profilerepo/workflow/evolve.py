"""The workflow package's evolve steps (run by ``profilerepo.evolution``, once per
database): documents from before workflow chains get their states and the state index."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from profilerepo.evolution import BATCH, each_student
from profilerepo.workflow.index import StateIndex


def _workflowed(student) -> Iterator:
    """Every document in a student's folder that takes part in workflows."""
    plan = student["plan"]
    yield student["profile"]
    yield plan
    yield from plan.goals.values()
    yield from plan.reports.values()
    yield from student["narratives"].values()
    yield from student["portfolio"].values()


# Where documents written before workflows governed them are put: what they were,
# in the new words, as the state each transition named here leads to. Families read
# profiles, plans and portfolios before, so those are shared with the family (sharing
# with contributors is now the family's decision); plans were adopted, goals active.
_WAS = {"sharing": "share_with_family", "plan-lifecycle": "adopt",
        "goal-lifecycle": "activate"}


def workflow_chains(site, engine) -> Iterator[int]:
    """Documents from before workflow chains get their states; the state index is
    rebuilt with one entry per workflow."""
    site.state_index = index = StateIndex()
    for done, student in each_student(site):
        for document in _workflowed(student):
            document._p_activate()  # (a ghost's __dict__ is empty until loaded)
            if "workflow_states" not in document.__dict__:
                chain = document.workflow_chain
                states = {name: engine.workflows[name].transitions[_WAS[name]].target
                          if name in _WAS else engine.workflows[name].initial
                          for name in chain}
                legacy = document.__dict__.pop("workflow_state", None)  # one workflow then
                if legacy:
                    states[chain[0]] = legacy
                document.workflow_states = states
            index.record(document)
        if done % BATCH == 0:
            yield done


STEPS: list[tuple[str, Callable]] = [("2026-11-workflow-chains", workflow_chains)]
