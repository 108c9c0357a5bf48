"""The storage is a setting: the same application on RelStorage/PostgreSQL, with blobs."""
from __future__ import annotations

import os
import uuid

import pytest
import webtest

from profilerepo.app import database
from tests.conftest import csrf_of, login, make_app, populated

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


@pytest.fixture
def pg_database():
    """A database of this test's own on the local PostgreSQL server, dropped afterwards."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(dbname="postgres", connect_timeout=5, **PG)
    except psycopg2.OperationalError as error:
        if os.environ.get("CI"):
            raise  # CI has PostgreSQL: a missing server is a failure there, not a skip
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432: {error}")
    admin.autocommit = True
    name = f"profilerepo_test_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def relstorage_uri(name: str, tmp_path) -> str:
    return (f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
            f"?blob_dir={tmp_path}/blobcache&shared_blob_dir=false&cache_local_mb=16")


def test_application_runs_on_relstorage_with_blobs(pg_database, tmp_path):
    uri = relstorage_uri(pg_database, tmp_path)
    wsgi = make_app(uri, tmp_path)
    world = populated(wsgi)

    app = world.app
    assert login(app, "cora").status_int == 303
    form = app.get("/students/s1/profile/edit").forms["document-form"]
    form["strengths"] = "Keeps a calm head in group projects"
    assert form.submit("save").status_int == 303

    assert login(app, "sam").status_int == 303
    page = app.get("/students/s1/portfolio/add")
    form = page.forms["document-form"]
    form["title"] = "My fractions poster"
    form["kind"] = "work"
    form["upload"] = webtest.Upload("poster.txt", b"Halves, quarters and eighths.\n",
                                    "text/plain")
    created = form.submit("save")
    assert created.status_int == 303
    item_url = created.location
    database(wsgi.registry).close()

    # A new process on the same PostgreSQL database (and a fresh blob cache) sees it all.
    wsgi = make_app(relstorage_uri(pg_database, tmp_path / "second"), tmp_path)
    app = webtest.TestApp(wsgi)
    try:
        assert login(app, "sam").status_int == 303
        assert "Keeps a calm head in group projects" in app.get("/students/s1/profile").text
        download = app.get(item_url + "download")
        assert download.body == b"Halves, quarters and eighths.\n"
        assert download.content_type == "text/plain"
        assert csrf_of(app.get("/"))
    finally:
        database(wsgi.registry).close()


def test_uri_names_relstorage(pg_database, tmp_path):
    """The setting really selects the storage class (not a silent fallback)."""
    wsgi = make_app(relstorage_uri(pg_database, tmp_path), tmp_path)
    try:
        storage = database(wsgi.registry).storage
        assert type(storage).__name__ == "RelStorage"
    finally:
        database(wsgi.registry).close()
