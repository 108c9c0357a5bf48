"""A save that keeps meeting someone else's save at the same moment: a clear page once the
retries are spent, and a log that speaks only of what finally failed (issue 13)."""
from __future__ import annotations

import logging

import pytest
import transaction
from pyramid.config import Configurator
from pyramid.events import ContextFound

from profilerepo.app import ROOT_KEY, database
from tests.conftest import file_uri, login, make_app, populated

S1 = "/students/s1/"


def someone_else_saves_first(wsgi, attempts: set[int] | None = None) -> None:
    """Just before each POST commits (or only on the given attempts), another connection
    saves Maya's profile: a real ZODB conflict at the request's commit."""

    def before_commit() -> None:
        manager = transaction.TransactionManager()
        conn = database(wsgi.registry).open(manager)
        try:
            with manager:
                profile = conn.root()[ROOT_KEY]["students"]["s1"]["profile"]
                profile._p_changed = True
        finally:
            conn.close()

    def on_context(event) -> None:
        request = event.request
        if request.method == "POST" and (
                attempts is None or request.environ.get("retry.attempt") in attempts):
            request.tm.get().addBeforeCommitHook(before_commit)

    config = Configurator(registry=wsgi.registry)
    config.add_subscriber(on_context, ContextFound)
    config.commit()


def save_strengths(app, text: str, status="*"):
    form = app.get(S1 + "profile/edit").forms["document-form"]
    form["strengths"] = text
    return form.submit("save", status=status)


def test_a_conflict_that_always_recurs_ends_on_a_clear_page(world, as_role):
    app = as_role("counselor")
    someone_else_saves_first(world.wsgi)
    page = save_strengths(app, "Builds bridges out of straws")
    assert page.status_int == 409
    assert page.html.h1.get_text(strip=True) == "Someone saved this at the same moment"
    assert "Nothing of yours was saved" in page.text
    assert "please try again" in page.text.lower()
    back = page.html.find("a", string=lambda s: s and "try again" in s.lower())
    assert back is not None
    assert app.get(back["href"]).status_int == 200
    assert "Builds bridges" not in app.get(S1 + "profile/").text


def test_a_conflict_that_clears_on_retry_saves_without_a_page(world, as_role):
    app = as_role("counselor")
    someone_else_saves_first(world.wsgi, attempts={0})
    saved = save_strengths(app, "Builds bridges out of straws", status=303)
    assert "Builds bridges" in saved.follow().text


def records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("profilerepo")]


def test_a_retried_conflict_that_succeeds_logs_no_failure(world, as_role, caplog):
    app = as_role("counselor")
    someone_else_saves_first(world.wsgi, attempts={0, 1})
    with caplog.at_level(logging.DEBUG, logger="profilerepo"):
        save_strengths(app, "Builds bridges out of straws", status=303)
    logged = records(caplog)
    assert [r for r in logged if r.levelno >= logging.WARNING] == []
    assert len([r for r in logged if r.levelno == logging.INFO]) <= 1
    assert all(r.exc_info is None for r in logged)


def test_a_conflict_that_finally_fails_is_logged_once(world, as_role, caplog):
    app = as_role("counselor")
    someone_else_saves_first(world.wsgi)
    with caplog.at_level(logging.DEBUG, logger="profilerepo"):
        save_strengths(app, "Builds bridges out of straws", status=409)
    failures = [r for r in records(caplog) if r.levelno >= logging.WARNING]
    assert len(failures) == 1
    assert "/students/s1/profile/edit" in failures[0].getMessage()


@pytest.mark.parametrize("attempts", ["1", "2"])
def test_the_conflict_page_comes_whatever_the_number_of_attempts(tmp_path, attempts):
    wsgi = make_app(file_uri(tmp_path), tmp_path, **{"retry.attempts": attempts})
    world = populated(wsgi)
    try:
        login(world.app, "cora")
        someone_else_saves_first(wsgi)
        assert save_strengths(world.app, "Builds bridges").status_int == 409
    finally:
        world.close()
        database(wsgi.registry).close()
