"""Students from before requests get the folder their family's requests are kept in; new
students have it from the start."""
from __future__ import annotations

import transaction

from profilerepo.family_requests.evolve import requests_folders
from profilerepo.family_requests.model import Requests
from tests.conftest import login


def test_new_students_have_a_requests_folder(world):
    site = world.site()
    assert all(isinstance(s["requests"], Requests) for s in site["students"].values())
    world.close()


def test_the_step_gives_older_students_the_folder_and_keeps_what_is_there(world):
    site = world.site()
    students = site["students"]
    students["s1"].remove("requests")
    kept = students["s2"]["requests"]
    list(requests_folders(site, None))
    assert isinstance(students["s1"]["requests"], Requests)
    assert students["s2"]["requests"] is kept
    transaction.commit()
    world.close()
    login(world.app, "gina")
    assert "No requests yet." in world.app.get("/students/s1/requests/").text
