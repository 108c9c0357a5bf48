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

from profilerepo.search.schema import SCHEMA

_WORD = re.compile(r"\w+(?:\.?\w+)*")  # (the words whoosh's tokenizer finds)
AROUND = 70  # characters shown on each side of a marked word
PASSAGES = 2
LONGEST = 300  # characters of marked text in one passage, before another begins
PLAIN = 240  # characters shown from the start when nothing matched
BRIDGE = 30  # characters between two passages, at most, that join them into one


@lru_cache(maxsize=65536)
def indexed_as(word: str) -> str | None:
    """How the body's analyzer indexes ``word`` (None: a word it drops)."""
    for token in SCHEMA["body"].analyzer(word, mode="index"):
        return token.text
    return None


def snippet(text: str, words: frozenset) -> str:
    """Up to two passages of ``text`` around the words that index as one of ``words``
    (the terms that matched), those marked ``<b class="match">``; the start of the
    text if none of them is in it. Lines (fields) are shown apart by " · "; passages
    are whole words, and one ellipsis stands for each part left out."""
    if not text or text.isspace():
        return ""
    forms = {word for word in set(_WORD.findall(text)) if indexed_as(word.lower()) in words} \
        if words else ()
    found = [match.span() for match in _forms_pattern(frozenset(forms)).finditer(text)] \
        if forms else []
    if not found:
        end = _end_edge(text, PLAIN, 0) if len(text) > PLAIN else len(text)
        return _plain(text[:end]).strip(" ·") + (" …" if _more(text[end:]) else "")
    groups: list[list[tuple[int, int]]] = []  # the marked words of each passage
    for span in found:
        if (groups and span[0] - groups[-1][-1][1] <= 2 * AROUND
                and span[1] - groups[-1][0][0] <= LONGEST):
            groups[-1].append(span)
        else:
            groups.append([span])
    # the passages with the most different words marked, in the order of the text
    best = sorted(sorted(groups, key=lambda spans: -len(
        {text[a:b].lower() for a, b in spans}))[:PASSAGES], key=lambda spans: spans[0])
    shown: list[Passage] = []
    for spans in best:
        passage = Passage(text, spans)
        if shown and passage.start - shown[-1].end <= BRIDGE:  # (an ellipsis for a word?)
            shown[-1] = Passage(text, shown[-1].spans + spans)
        else:
            shown.append(passage)
    return "".join([
        "… " if _more(text[:shown[0].start]) else "",
        " … ".join(passage.html() for passage in shown),
        " …" if _more(text[shown[-1].end:]) else ""])


_LINE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = " \n\t·"  # what a passage neither starts nor ends with


def _plain(part: str) -> str:
    """``part`` of the text, escaped, its line breaks shown as " · "."""
    return _LINE_BREAK.sub(" · ", html.escape(part, quote=False))


def _more(part: str) -> bool:
    """Whether ``part`` of the text (left out of a snippet) has any words."""
    return bool(part.strip(_SPACES))


class Passage:
    """Whole words of ``text`` around marked ``spans``, up to ``AROUND`` characters on
    either side, without a space or a field separator at either end."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans
        start = _start_edge(text, max(0, spans[0][0] - AROUND), spans[0][0])
        end = _end_edge(text, min(len(text), spans[-1][1] + AROUND), spans[-1][1])
        while start < spans[0][0] and text[start] in _SPACES:
            start += 1
        while end > spans[-1][1] and text[end - 1] in _SPACES:
            end -= 1
        self.start, self.end = start, end

    def html(self) -> str:
        parts, at = [], self.start
        for a, b in self.spans:
            parts.append(_plain(self.text[at:a]))
            parts.append(f'<b class="match">{html.escape(self.text[a:b], quote=False)}</b>')
            at = b
        parts.append(_plain(self.text[at:self.end]))
        return "".join(parts)


@lru_cache(maxsize=1024)
def _forms_pattern(forms: frozenset) -> re.Pattern:
    """Finds ``forms`` where the tokenizer would find them as whole words."""
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\.?\w)")


def _start_edge(text: str, at: int, limit: int) -> int:
    """``at`` moved to the start of a word: back to a space within 20 characters, else
    forward, but not past ``limit`` (the first marked word)."""
    if at <= 0 or text[at - 1] in " \n":
        return at
    low = max(0, at - 20)
    space = max(text.rfind(" ", low, at), text.rfind("\n", low, at))
    if space < 0:
        space = _first(text.find(" ", at, limit), text.find("\n", at, limit))
    return space + 1 if space >= 0 else limit


def _end_edge(text: str, at: int, limit: int) -> int:
    """``at`` moved to the end of a word: on to a space within 20 characters, else back,
    but not before ``limit`` (the end of the last marked word)."""
    if at >= len(text) or text[at] in " \n":
        return at
    space = _first(text.find(" ", at, at + 20), text.find("\n", at, at + 20))
    if space < 0:
        space = max(text.rfind(" ", limit, at), text.rfind("\n", limit, at))
    return space if space >= 0 else (limit or at)


def _first(*found: int) -> int:
    """The first of positions ``str.find`` gave (-1: none)."""
    return min((at for at in found if at >= 0), default=-1)
