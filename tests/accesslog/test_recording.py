"""Who is recorded looking at Maya's record (99.32): every page and file of it that staff,
administrators and people the family granted open is logged once, with the capacity they
looked in; Maya's and her guardians' own views are not; a refused page is not."""
from __future__ import annotations

import logging

import pytest
import transaction

from profilerepo.app import database
from tests.accesslog.conftest import DISTRICT_ADMINISTRATOR, S1, logged
from tests.conftest import (
    OTHER_TEACHER,
    ROLE_USERS,
    file_uri,
    login,
    make_app,
    populated,
)

# kind of page -> its address
PAGES = {
    "student page": S1,
    "student's details, versions": S1 + "versions",
    "transcript": S1 + "transcript/",
    "learner profile": S1 + "profile/",
    "profile, versions": S1 + "profile/versions",
    "profile, first version": S1 + "profile/version?n=1",
    "plan": S1 + "plan/",
    "goals": S1 + "plan/goals/",
    "goal": S1 + "plan/goals/goal-1/",
    "narratives": S1 + "narratives/",
    "narrative": S1 + "narratives/narrative-1/",
    "portfolio": S1 + "portfolio/",
    "portfolio item": S1 + "portfolio/item-1/",
    "portfolio file": S1 + "portfolio/item-1/download",
}
# who -> (login, the capacity their views are logged in; None: never logged)
VIEWERS = {
    "counselor": (ROLE_USERS["counselor"], "counselor on the team"),
    "teacher": (ROLE_USERS["teacher"], "teacher on the team"),
    "school administrator": (ROLE_USERS["administrator"], "school administrator"),
    "district administrator": (DISTRICT_ADMINISTRATOR, "district administrator"),
    "contributor": (ROLE_USERS["contributor"], "granted by the family"),
    "guardian": (ROLE_USERS["guardian"], None),
    "student": (ROLE_USERS["student"], None),
    "another teacher": (OTHER_TEACHER, None),
}
# The pages each staff member must get (so that "logged when served" is not said of
# nothing): the whole record but the narrative, which its author (Theo) has not sent on.
STAFF_PAGES = set(PAGES) - {"narrative"}
MUST_SERVE = {
    "counselor": STAFF_PAGES, "teacher": STAFF_PAGES | {"narrative"},
    "school administrator": STAFF_PAGES, "district administrator": STAFF_PAGES,
    "guardian": {"student page", "transcript", "learner profile", "plan", "portfolio"},
    "student": set(PAGES) - {"narrative"},
    "another teacher": set(),
    # (waits on grants: what the family granted the tutor)
    "contributor": {"student page", "learner profile", "plan", "portfolio"},
}


@pytest.mark.parametrize("who", VIEWERS)
def test_each_page_served_to_staff_is_logged_once_with_their_capacity(record_world, who):
    user, capacity = VIEWERS[who]
    app = record_world.app
    login(app, user)
    served = set()
    for kind, url in PAGES.items():
        before = len(logged(record_world))
        response = app.get(url, status="*")
        after = logged(record_world)
        new = after[:len(after) - before]
        if response.status_int == 200:
            served.add(kind)
        if response.status_int == 200 and capacity:
            assert len(new) == 1, (kind, new)
            assert (new[0].login, new[0].capacity) == (user, capacity), kind
            assert url.startswith(f"/{new[0].path}/"), (kind, new[0].path)
        else:
            assert new == [], (kind, response.status)
    assert MUST_SERVE[who] <= served, sorted(MUST_SERVE[who] - served)
    if who == "another teacher":  # refused every page of a student not theirs
        assert served == set()


def test_what_each_entry_says_was_seen_and_done(record_world):
    app = record_world.app
    login(app, ROLE_USERS["teacher"])
    app.get(S1 + "narratives/narrative-1/")
    file = app.get(S1 + "portfolio/item-1/download")
    assert file.body == b"a poem about bridges\n"
    app.get(S1 + "profile/version?n=1")
    version, download, narrative = logged(record_world)
    assert (narrative.path, narrative.title, narrative.view) == (
        "students/s1/narratives/narrative-1", "Fall science", "")
    assert (narrative.student_id, narrative.student_name, narrative.school_id) == (
        "s1", "Maya Lopez", "north")
    assert narrative.name == "Theo Example"
    assert (download.path, download.title, download.view) == (
        "students/s1/portfolio/item-1", "Bridge poem", "download")
    assert (version.view, version.version) == ("version", 1)
    assert narrative.at <= download.at <= version.at


def test_a_file_downloaded_is_logged_and_the_family_reads_it_so(record_world):
    app = record_world.app
    login(app, ROLE_USERS["counselor"])
    assert app.get(S1 + "portfolio/item-1/download").status_int == 200
    login(app, ROLE_USERS["guardian"])
    page = app.get(S1 + "access-log?person=cora")
    assert "Bridge poem" in page.text
    assert "Downloaded its file" in page.text


def test_forms_and_posts_are_not_views_of_the_record_but_a_form_page_is(record_world):
    app = record_world.app
    login(app, ROLE_USERS["counselor"])
    app.get(S1 + "profile/edit")
    app.get(S1 + "nothing-here", status=404)
    assert [(e.path, e.view) for e in logged(record_world)] == [
        ("students/s1/profile", "edit")]


def test_the_title_shown_is_the_title_when_it_was_seen(record_world):
    app = record_world.app
    login(app, ROLE_USERS["teacher"])  # (its author: not shared with anyone yet)
    app.get(S1 + "narratives/narrative-1/")
    site = record_world.site()
    site["students"]["s1"]["narratives"]["narrative-1"].title = "Renamed since"
    transaction.commit()
    record_world.close()
    assert logged(record_world)[0].title == "Fall science"


def test_a_grantee_is_logged_as_granted_by_the_family(record_world):
    """(Waits on the family's grants: the tutor reads the profile through one.)"""
    app = record_world.app
    login(app, ROLE_USERS["contributor"])
    assert app.get(S1 + "profile/").status_int == 200
    assert [(e.login, e.capacity) for e in logged(record_world)] == [
        ("toby", "granted by the family")]


def test_recording_off_records_nothing_and_start_up_says_so(tmp_path, caplog):
    folder = tmp_path / "own"
    folder.mkdir()
    with caplog.at_level(logging.WARNING, logger="profilerepo.accesslog"):
        wsgi = make_app(file_uri(folder), folder, **{"profilerepo.access_log": "off"})
    assert "views of students' records are NOT recorded" in caplog.text
    assert wsgi.registry.access_log is None
    own = populated(wsgi)
    try:
        login(own.app, ROLE_USERS["counselor"])
        assert own.app.get(S1).status_int == 200
        login(own.app, ROLE_USERS["guardian"])
        page = own.app.get(S1 + "access-log")
        assert "Views are not being recorded on this server" in page.text
        assert not (folder / "access-log.sqlite").exists()
    finally:
        database(wsgi.registry).close()
