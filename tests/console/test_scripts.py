"""The console scripts, run as an operator would: an .ini, arguments, exit codes."""
from __future__ import annotations

import pytest
import webtest
from pyramid.threadlocal import get_current_registry

from profilerepo.app import database
from profilerepo.console import adduser, application, demo, init
from tests.conftest import file_uri, login, make_app


@pytest.fixture
def ini(tmp_path):
    path = tmp_path / "site.ini"
    path.write_text(
        "[app:main]\nuse = egg:profilerepo\n"
        f"zodbconn.uri = {file_uri(tmp_path)}\n"
        "profilerepo.secret = test\n"
    )
    return path


def app_for(tmp_path) -> webtest.TestApp:
    return webtest.TestApp(make_app(file_uri(tmp_path), tmp_path))


def close(app: webtest.TestApp) -> None:
    database(app.app.registry).close()


def test_init_creates_a_district_administrator_who_can_log_in(ini, tmp_path, monkeypatch,
                                                             capsys):
    monkeypatch.setenv("PROFILEREPO_PASSWORD", "first admin password")
    init.main([str(ini), "--admin", "root"])
    assert "root can log in" in capsys.readouterr().out
    init.main([str(ini), "--admin", "root"])
    assert "nothing to do" in capsys.readouterr().out
    app = app_for(tmp_path)
    try:
        assert login(app, "root", "first admin password").status_int == 303
        assert "All students" in app.get("/").text
    finally:
        close(app)


def test_init_refuses_a_short_password(ini, monkeypatch, capsys):
    monkeypatch.setenv("PROFILEREPO_PASSWORD", "short")
    with pytest.raises(SystemExit) as exit_:
        init.main([str(ini)])
    assert exit_.value.code == 2
    assert "at least 10 characters" in capsys.readouterr().err


def test_adduser_adds_a_user_and_explains_refusals(ini, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PROFILEREPO_PASSWORD", "a long enough password")
    adduser.main([str(ini), "mfox", "Morgan Fox", "--kind", "guardian"])
    assert "Added mfox" in capsys.readouterr().out
    for args, message in (
        (["mfox", "Morgan Fox"], "is taken"),
        (["Bad Login!", "Someone"], "A login is"),
        (["ok-login", "Someone", "--school-admin", "nowhere"], "no school with id nowhere"),
    ):
        with pytest.raises(SystemExit) as exit_:
            adduser.main([str(ini), *args])
        assert exit_.value.code == 2
        assert message in capsys.readouterr().err
    app = app_for(tmp_path)
    try:
        assert login(app, "mfox", "a long enough password").status_int == 303
        assert "Nothing is shared with you yet" in app.get("/").text
    finally:
        close(app)


def test_demo_loads_once_and_prints_a_login_for_each_role(ini, tmp_path, capsys):
    demo.main([str(ini), "--students", "40"])
    out = capsys.readouterr().out
    assert "Loaded a demo district of 40 students" in out
    for role in ("district administrator", "school administrator", "counselor", "teacher",
                 "guardian", "student", "contributor"):
        assert role in out, f"no demo login printed for {role}"
    demo.main([str(ini), "--students", "40"])
    assert "not loading a demo district" in capsys.readouterr().out
    demo.main([str(ini), "--show-logins"])
    lines = [line.split() for line in capsys.readouterr().out.splitlines()
             if line.startswith("  teacher ")]
    teacher = lines[0][1]
    app = app_for(tmp_path)
    try:
        assert login(app, teacher, demo.DEMO_PASSWORD).status_int == 303
        assert "My students" in app.get("/").text
    finally:
        close(app)


def test_a_script_has_the_application_of_its_ini_without_the_server_s_background_work(ini):
    with application(str(ini)) as registry:
        assert get_current_registry() is registry
        assert registry.workflows is not None
        # the .ini leaves the indexer on (a thread), yet a script starts no indexer of its
        # own beside the server's, nor resumes the server's review-cycle openings
        assert getattr(registry, "indexer", None) is None
        assert not registry.__dict__.get("cycle_jobs")
    assert get_current_registry() is not registry
