"""Two people saving the same document at the same moment: no change is lost.

The second commit meets a ZODB ConflictError; pyramid_retry runs that request
again on fresh data, so nobody sees an error: the first save lands, the second is
shown what the first changed (its own entries kept) and lands once confirmed.
"""
from __future__ import annotations

import threading

import webtest
from pyramid.config import Configurator
from pyramid.events import ContextFound

from tests.conftest import login


def hold_first_attempts_before_commit(wsgi, parties: int) -> None:
    """Make the first attempt of the next ``parties`` POSTs wait at commit until all have
    arrived (later POSTs go straight through)."""
    barrier = threading.Barrier(parties, timeout=20)
    held = iter(range(parties))

    def on_context(event):
        request = event.request
        if (request.method == "POST" and request.environ.get("retry.attempt") == 0
                and next(held, None) is not None):
            request.tm.get().addBeforeCommitHook(barrier.wait)

    config = Configurator(registry=wsgi.registry)
    config.add_subscriber(on_context, ContextFound)
    config.commit()


def test_simultaneous_edits_of_one_profile_are_both_kept(world):
    counselor, guardian = webtest.TestApp(world.wsgi), webtest.TestApp(world.wsgi)
    login(counselor, "cora")
    login(guardian, "gina")
    edit = "/students/s1/profile/edit"
    forms = {
        "counselor": (counselor, counselor.get(edit).forms["document-form"]),
        "guardian": (guardian, guardian.get(edit).forms["document-form"]),
    }
    forms["counselor"][1]["strengths"] = "Leads the robotics team's build sessions"
    forms["guardian"][1]["interests"] = "Bakes bread on weekends"
    hold_first_attempts_before_commit(world.wsgi, 2)
    results: dict[str, webtest.TestResponse] = {}

    def save(who: str) -> None:
        app, form = forms[who]
        results[who] = form.submit("save", status="*")

    threads = [threading.Thread(target=save, args=(who,)) for who in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(r.status_int for r in results.values()) == [303, 409]
    held = next(r for r in results.values() if r.status_int == 409)
    assert "Someone else saved this since you opened it" in held.text
    assert "Version 3" not in counselor.get("/students/s1/profile/versions").text
    assert held.forms["document-form"].submit("save").status_int == 303

    history = counselor.get("/students/s1/profile/versions")
    assert "Version 3" in history.text, "one of the two saves was lost"
    page = counselor.get("/students/s1/profile").text
    # The held save, confirmed, ran on the other's result, so the page holds its values
    # and the versions hold both.
    assert ("Leads the robotics team" in page) or ("Bakes bread" in page)
    versions = [counselor.get(f"/students/s1/profile/version?n={n}").text for n in (2, 3)]
    assert any("Leads the robotics team" in v for v in versions)
    assert any("Bakes bread" in v for v in versions)
