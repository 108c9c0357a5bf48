"""What people save survives a restart of the application (FileStorage and blobs on disk)."""
from __future__ import annotations

import datetime

import pytest
import transaction
import webtest

from profilerepo.app import database
from tests.conftest import World, file_uri, login, make_app, populate

PROFILE = "/students/s1/profile/"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x06" * 50


@pytest.fixture
def start_app(tmp_path):
    """Starts the application on one database in ``tmp_path``; each call is a new process's
    worth of app (its own database object), as after a restart."""
    uri = file_uri(tmp_path)
    started = []

    def start():
        wsgi = make_app(uri, tmp_path)
        started.append(database(wsgi.registry))
        return wsgi

    yield start
    transaction.abort()
    for db in started:
        db.close()  # closing twice is harmless


def stop(wsgi) -> None:
    database(wsgi.registry).close()


def test_an_edit_and_an_upload_survive_a_restart(start_app):
    wsgi = start_app()
    world = World(app=webtest.TestApp(wsgi), wsgi=wsgi)
    site = world.site()
    populate(site)
    site["students"]["s1"].birth_date = datetime.date(2009, 1, 1)  # old enough to edit
    transaction.commit()
    world.close()

    app = world.app
    login(app, "sam")
    form = app.get(PROFILE + "my-goals").forms["document-form"]
    form["my_goals"] = "Build a robot that climbs stairs"
    form.submit("save")
    form = app.get("/students/s1/portfolio/add").forms["document-form"]
    form["title"], form["kind"] = "Stair robot sketch", "work"
    form["upload"] = webtest.Upload("sketch.png", PNG, "image/png")
    form.submit("save")
    stop(wsgi)

    restarted = start_app()
    app.app = restarted  # the same browser, cookies and all, after the restart
    assert "Build a robot that climbs stairs" in app.get(PROFILE).text, (
        "a restart logs nobody out")

    browser = webtest.TestApp(restarted)
    login(browser, "sam")
    page = browser.get(PROFILE)
    assert "Build a robot that climbs stairs" in page.text
    assert "Explains math ideas to classmates with patience" in page.text
    assert [a.get_text() for a in page.html.select("ol.versions a")] == ["Version 2", "Version 1"]
    assert "Version 1" in browser.get(PROFILE + "versions").text
    item = browser.get("/students/s1/portfolio/item-1/")
    assert "Stair robot sketch" in item.text
    download = browser.get("/students/s1/portfolio/item-1/download")
    assert download.body == PNG
    assert download.content_type == "image/png"


def test_a_restart_keeps_people_and_their_roles(start_app):
    wsgi = start_app()
    world = World(app=webtest.TestApp(wsgi), wsgi=wsgi)
    populate(world.site())
    transaction.commit()
    world.close()
    stop(wsgi)

    browser = webtest.TestApp(start_app())
    login(browser, "gina")
    home = browser.get("/")
    assert "Maya Lopez" in home.text  # (her child, by name)
    assert browser.get("/students/s2/", status=404)
