"""The family_requests package's evolve steps (run by ``profilerepo.evolution``, once per
database): students from before requests get the folder their requests are kept in."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from profilerepo.evolution import BATCH, each_student
from profilerepo.family_requests.model import add_requests_folder


def requests_folders(site, engine) -> Iterator[int]:
    """Each student gets the (empty) folder for the family's requests, if it has none."""
    for done, student in each_student(site):
        add_requests_folder(student)
        if done % BATCH == 0:
            yield done


STEPS: list[tuple[str, Callable]] = [("2026-12-requests-folders", requests_folders)]
