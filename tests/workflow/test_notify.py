"""A transition tells the rest of the application (search) what changed, inside the
transaction that made the change; a refused one tells nothing."""
from __future__ import annotations

from profilerepo.workflow import DocumentTransitioned
from tests.conftest import take

PROFILE = "/students/s1/profile/"


def listen(world) -> list[DocumentTransitioned]:
    heard: list[DocumentTransitioned] = []

    def hear(event: DocumentTransitioned) -> None:
        if event.phase == "after":  # (told "before" too, while it may still be refused)
            heard.append(event)

    world.wsgi.registry.registerHandler(hear, (DocumentTransitioned,))
    return heard


def test_a_transition_through_the_page_is_announced_with_what_changed(world, as_role):
    heard = listen(world)
    take(as_role("counselor"), PROFILE, "make_private", comment="Being rewritten")
    assert [(e.workflow, e.transition, e.source, e.target, e.actor) for e in heard] == [
        ("sharing", "make_private", "family", "private", "cora")]
    assert heard[0].document.__name__ == "profile"
    assert heard[0].document.student.__name__ == "s1"


def test_a_refused_transition_announces_nothing(world, as_role):
    heard = listen(world)
    take(as_role("teacher"), PROFILE, "make_private", comment="no", status=403)
    take(as_role("counselor"), PROFILE, "make_private", status=400)  # comment required
    assert heard == []
