"""A result's snippet: the passages of a document where the searched-for words are,
those words marked, everything HTML-escaped.

whoosh's highlighter runs the whole stemming analyzer over every word of the
document, for every result shown: half of a search's time on a page of twenty.
Here each distinct word of the document is stemmed once (and remembered), and the
forms that matched are found with one regular expression.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from profilerepo.search.index import SCHEMA

_WORD = re.compile(r"\w+(?:\.?\w+)*")  # (the words whoosh's tokenizer finds)
AROUND = 70  # characters shown on each side of a marked word
PASSAGES = 2
LONGEST = 300  # characters of marked text in one passage, before another begins
PLAIN = 240  # characters shown from the start when nothing matched


@lru_cache(maxsize=65536)
def indexed_as(word: str) -> str | None:
    """How the body's analyzer indexes ``word`` (None: a word it drops)."""
    for token in SCHEMA["body"].analyzer(word, mode="index"):
        return token.text
    return None


def snippet(text: str, words: frozenset) -> str:
    """Up to two passages of ``text`` around the words that index as one of ``words``
    (the terms that matched), those marked ``<b class="match">``; the start of the
    text if none of them is in it."""
    if not text:
        return ""
    forms = {word for word in set(_WORD.findall(text)) if indexed_as(word.lower()) in words} \
        if words else ()
    found = [match.span() for match in _forms_pattern(frozenset(forms)).finditer(text)] \
        if forms else []
    if not found:
        return html.escape(text[:PLAIN] + ("…" if len(text) > PLAIN else ""), quote=False)
    passages: list[list[tuple[int, int]]] = []  # the marked words of each passage
    for span in found:
        if (passages and span[0] - passages[-1][-1][1] <= 2 * AROUND
                and span[1] - passages[-1][0][0] <= LONGEST):
            passages[-1].append(span)
        else:
            passages.append([span])
    # the passages with the most different words marked, in the order of the text
    best = sorted(sorted(passages, key=lambda spans: -len(
        {text[a:b].lower() for a, b in spans}))[:PASSAGES], key=lambda spans: spans[0])
    return " … ".join(_passage(text, spans) for spans in best)


@lru_cache(maxsize=1024)
def _forms_pattern(forms: frozenset) -> re.Pattern:
    """Finds ``forms`` where the tokenizer would find them as whole words."""
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\.?\w)")


def _passage(text: str, spans: list[tuple[int, int]]) -> str:
    start = _word_edge(text, max(0, spans[0][0] - AROUND), backwards=True)
    end = _word_edge(text, min(len(text), spans[-1][1] + AROUND), backwards=False)
    parts, at = ["…" if start > 0 else ""], start
    for a, b in spans:
        parts.append(html.escape(text[at:a], quote=False))
        parts.append(f'<b class="match">{html.escape(text[a:b], quote=False)}</b>')
        at = b
    parts.append(html.escape(text[at:end], quote=False))
    parts.append("…" if end < len(text) else "")
    return "".join(parts)


def _word_edge(text: str, at: int, backwards: bool) -> int:
    """``at`` moved to the nearest space outward (within 20 characters), so that a
    passage does not start or end inside a word."""
    if at <= 0 or at >= len(text):
        return at
    if backwards:
        space = text.rfind(" ", max(0, at - 20), at)
        return space + 1 if space >= 0 else at
    space = text.find(" ", at, at + 20)
    return space if space >= 0 else at
