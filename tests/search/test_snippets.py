"""What a result shows of a document: the passages with the searched-for words,
those words marked, nothing of the document's markup let through."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from profilerepo.search.snippets import PLAIN, snippet

FILLER = "The class went outside to measure the garden beds. " * 8


def marked(html: str) -> list[str]:
    return re.findall(r'<b class="match">(.*?)</b>', html)


def test_every_form_of_a_searched_word_is_marked_where_it_is():
    text = "Maya reads every day. " + FILLER + "Reading has grown; she read aloud."
    shown = snippet(text, frozenset({"read"}))
    assert marked(shown) == ["reads", "Reading", "read"]
    assert "Maya" in shown and "aloud" in shown


def test_passages_far_apart_are_joined_by_an_ellipsis_and_the_rest_left_out():
    text = "Robots first. " + FILLER * 3 + "Then robots again. " + FILLER * 3 + "Robots last."
    shown = snippet(text, frozenset({"robot"}))
    assert len(marked(shown)) == 2  # two passages, the first and the second mention
    assert " … " in shown
    assert len(shown) < len(text) / 4


def test_nothing_matched_shows_the_start_of_the_text():
    shown = snippet(FILLER, frozenset({"volcano"}))
    assert marked(shown) == []
    assert shown == FILLER[:PLAIN] + "…"


def test_markup_in_the_document_is_shown_as_text():
    shown = snippet('<script>alert("x")</script> reading & writing', frozenset({"read"}))
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "&amp; writing" in shown and marked(shown) == ["reading"]


def test_words_the_analyzer_drops_mark_nothing():
    assert marked(snippet("the cat and the hat", frozenset({"the"}))) == []


@given(st.text(max_size=400), st.frozensets(st.sampled_from(["read", "garden", "x"])))
def test_any_text_gives_escaped_html(text, words):
    shown = snippet(text, words)
    without_marks = re.sub(r'</?b( class="match")?>', "", shown)
    assert "<" not in without_marks and ">" not in without_marks
