"""Searches whoosh matches itself (patterns, phrases) are bounded: a pattern needs letters
before its * or ?, may stand for only so many words, runs within a time budget, and one
person runs one at a time, so nobody's searches slow everyone's pages."""
from __future__ import annotations

import time

import pytest
import transaction
from whoosh.collectors import UnlimitedCollector
from whoosh.query import Every

from profilerepo.search import patterns
from profilerepo.search.patterns import Slots, TooBroad, within_budget
from tests.conftest import login
from tests.search.test_search import add_narrative, drain, search

WORDS = ["reading", "recess", "reflects", "reviews", "reports", "rehearses", "recites",
         "records", "revises", "relaxes"]


@pytest.fixture
def counselor(world):
    """The counselor signed in over an index of shared narratives using many re- words."""
    site = world.site()
    for number, word in enumerate(WORDS):
        add_narrative(site["students"]["s1"]["narratives"], f"n{number}", "theo", "shared",
                      f"Maya {word} with care in class.")
    transaction.commit()
    world.close()
    drain(world.wsgi)
    login(world.app, "cora")
    return world.app


@pytest.mark.parametrize("text", ["?*", "*", "*ing", "r*", "?eading", "a?*"])
def test_a_pattern_with_too_few_letters_is_refused_in_words(counselor, text):
    page = search(counselor, text)
    assert page.status == 400
    assert "at least 2 letters before * or ?" in page.message
    assert page.query_box == text  # what was typed stays in the box


def test_a_pattern_with_letters_enough_finds_its_words(counselor):
    page = search(counselor, "rea*")
    assert page.status == 200 and page.total == 1
    assert search(counselor, "rec?rds").total == 1


def test_a_pattern_standing_for_too_many_words_asks_for_more_letters(counselor, monkeypatch):
    monkeypatch.setattr(patterns, "MOST_WORDS", 5)
    page = search(counselor, "re*")
    assert page.status == 400 and "too many words" in page.message
    assert search(counselor, "rev*").total == 2  # reviews, revises


def test_one_person_runs_one_pattern_search_at_a_time(counselor, world):
    slots = world.wsgi.registry.search_slots
    with slots.taken("user:cora"):  # (her earlier pattern search, still running)
        page = search(counselor, "rea*")
        assert page.status == 400 and "still running" in page.message
        assert search(counselor, "reading").total == 1  # plain words are not held up
        login(counselor, "ada")
        assert search(counselor, "rea*").total == 1  # nor is anyone else
    login(counselor, "cora")
    assert search(counselor, "rea*").total == 1  # and once it ends, she can again


def test_only_a_few_pattern_searches_run_at_once_in_a_server():
    slots = Slots(most=2)
    with slots.taken("user:a"), slots.taken("user:b"):
        with pytest.raises(TooBroad, match="Many searches"):
            with slots.taken("user:c"):
                pass
    with slots.taken("user:c"):  # places are given back
        pass


class Slow(UnlimitedCollector):
    """Takes a tenth of a second a match, as a pattern over a whole district might."""

    def collect(self, sub_docnum):
        time.sleep(0.1)
        return super().collect(sub_docnum)


def test_matching_stops_at_the_time_budget(counselor, world, monkeypatch):
    monkeypatch.setattr(patterns, "TIME_BUDGET", 0.25)
    began = time.monotonic()
    with world.wsgi.registry.search_index.searching() as searcher:
        with pytest.raises(TooBroad, match="too broad to finish quickly"):
            within_budget(searcher, Every(), Slow())
    assert time.monotonic() - began < 0.8  # not the second all ten would take
