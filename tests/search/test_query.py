"""``search()`` takes plain values: who searches (their principals, and whether they may
view a document now), the words, the facets chosen and the page; no request."""
from __future__ import annotations

import transaction

from profilerepo.content.lineage import path_of
from profilerepo.search.query import Seeker, search
from profilerepo.search.queue import queue_of
from profilerepo.security.principals import user_principal
from tests.search.test_search import MAYA, drain


def found(world, seeker: Seeker, text: str, **options):
    registry = world.wsgi.registry
    return search(world.site(), seeker, text, index=registry.search_index,
                  engine=registry.workflows, slots=registry.search_slots, **options)


def paths(results) -> list[str]:
    return [f"/{path_of(hit.document)}/" for hit in results.hits]


def test_a_search_names_who_searches_by_their_principals(world):
    drain(world.wsgi)
    counselor = Seeker((user_principal("cora"),), may_view=lambda document: True)
    assert sorted(paths(found(world, counselor, "Lopez"))) == sorted(MAYA)
    stranger = Seeker((user_principal("nobody"),), may_view=lambda document: True)
    assert found(world, stranger, "Lopez").total == 0
    world.close()


def test_a_queued_document_is_shown_only_if_the_seeker_may_view_it_now(world):
    drain(world.wsgi)
    site = world.site()
    queue_of(site).add("students/s1/profile")  # (changed since indexed)
    transaction.commit()
    world.close()
    not_the_profile = Seeker((user_principal("cora"),),
                             may_view=lambda document: path_of(document) != "students/s1/profile")
    results = found(world, not_the_profile, "Lopez")
    assert sorted(paths(results)) == sorted(set(MAYA) - {"/students/s1/profile/"})
    assert results.total == len(MAYA) - 1
    world.close()


def test_the_chosen_facets_and_the_page_narrow_the_results(world):
    drain(world.wsgi)
    counselor = Seeker((user_principal("cora"),), may_view=lambda document: True)
    assert paths(found(world, counselor, "Lopez", chosen={"type": "Student"})) == [MAYA[0]]
    second = found(world, counselor, "Lopez", page=2, size=3)
    assert (second.total, second.pages, len(second.hits)) == (len(MAYA), 2, 1)
    world.close()
