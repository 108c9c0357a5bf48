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


def test_nothing_matched_shows_the_start_of_the_text_in_whole_words():
    shown = snippet(FILLER, frozenset({"volcano"}))
    assert marked(shown) == []
    assert shown.endswith(" …") and FILLER.startswith(shown[:-2])
    assert PLAIN <= len(shown) - 2 < PLAIN + 20
    assert FILLER[len(shown) - 2] == " ", "the last word shown is whole"


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


def words_around(html: str) -> list[str]:
    """The words shown, marks and ellipses aside."""
    return re.sub(r"</?b[^>]*>", "", html).replace("…", " ").split()


def test_passages_that_meet_are_one_passage_without_ellipses_between():
    # a mark every hundred characters: too many for one passage, too close for two
    text = " ".join(f"robots {' '.join(f'w{n}x{i}' for i in range(16))}" for n in range(8))
    shown = snippet(text, frozenset({"robot"}))
    assert shown.startswith('<b class="match">robots</b>') and shown.endswith(" …")
    assert shown.count("…") == 1
    shown_words = words_around(shown)
    assert len(set(shown_words) - {"robots"}) == len(shown_words) - shown_words.count(
        "robots"), "no words shown twice"
    assert " ".join(shown_words) in text


@given(st.lists(st.sampled_from(["robots", "garden", "the", "a", "reads", "x" * 30,
                                 "beds.", "\n"]), max_size=300))
def test_one_ellipsis_between_passages_and_whole_words_only(words):
    text = " ".join(words)
    shown = snippet(text, frozenset({"robot", "read"}))
    assert "… …" not in shown and "……" not in shown and "· ·" not in shown
    flat = " ".join(" · ".join(" ".join(line.split()) for line in text.splitlines()
                               if line.strip()).split())
    for passage in re.sub(r"</?b[^>]*>", "", shown).split("…"):
        passage = passage.strip()
        if passage:
            at = flat.find(passage)
            assert at >= 0, passage
            assert at == 0 or flat[at - 1] == " ", f"starts inside a word: {passage!r}"
            end = at + len(passage)
            assert end == len(flat) or flat[end] == " ", f"ends inside a word: {passage!r}"


def test_fields_are_shown_apart():
    shown = snippet("Counselor\nIsha Wagner\n\nreads at home", frozenset({"read"}))
    assert shown == 'Counselor · Isha Wagner · <b class="match">reads</b> at home'


def test_a_word_or_two_between_passages_is_shown_not_left_out():
    text = " ".join(["robots"] + [f"w{i}" for i in range(40)] + ["robots"]
                    + [f"v{i}" for i in range(60)] + ["robots"])
    shown = snippet(text, frozenset({"robot"}))
    assert shown.count("…") == 1 and len(marked(shown)) == 2, shown
    assert " ".join(words_around(shown)) in text, "the first two marks in one passage"
