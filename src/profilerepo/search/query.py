"""A user's search: results, snippets, facet counts and totals of exactly what they may
view at this moment.

Who may view what is decided against the database at query time: the index
names, per document, the people (and groups) who could view it when it was
indexed; anything that changes that (a transition, a role granted or taken
away, a student moving school) queues the document again in the same
transaction, and documents still queued are left out of the index's answer
and each checked against the database itself. So a teacher taken off a
student stops finding their documents at once.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh.qparser import FieldsPlugin, MultifieldParser
from whoosh.query import And, QueryError, Term

from profilerepo.content.lineage import resolve, student_of
from profilerepo.search.bitsets import Found, Ranked
from profilerepo.search.documents import shown_text, state_title
from profilerepo.search.index import SearchIndex
from profilerepo.search.matching import matching_for
from profilerepo.search.patterns import Slots, TooBroad, check_patterns
from profilerepo.search.queue import queue_of
from profilerepo.search.schema import FACET_FIELDS, SCHEMA, TEXT_FIELDS
from profilerepo.search.segments import Documents
from profilerepo.search.snippets import snippet as passages

FACETS = FACET_FIELDS
MAX_QUERY = 500  # characters; a longer query is cut here, and the page says so
PAGE_SIZE = 20


class QueryProblem(ValueError):
    """A query we cannot run; the message says why in plain words."""


@dataclass(frozen=True)
class Seeker:
    """Who is searching: the principals the index may name among a document's viewers
    for them to see it (the person first, then their groups), and whether they may view
    a document now (the database's answer, for what the index may not know yet)."""
    principals: tuple[str, ...]
    may_view: Callable[[object], bool]

    @property
    def person(self) -> str:
        return self.principals[0]


@dataclass
class Hit:
    document: object
    snippet: str  # HTML: the document's words, escaped, with matches marked


@dataclass
class Results:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    page: int = 1
    pages: int = 1
    message: str = ""


def typed(text: str | None) -> str:
    """The search as it is run and shown back: spaces folded, at most ``MAX_QUERY``
    characters."""
    return " ".join((text or "").split())[:MAX_QUERY]


def parse(text: str):
    parser = MultifieldParser(list(TEXT_FIELDS), schema=SCHEMA)
    parser.remove_plugin_class(FieldsPlugin)  # the index's other fields are not for asking
    try:
        query = parser.parse(text)
    except Exception as error:  # whoosh's parser is lenient; anything else is our message
        raise QueryProblem("That search could not be understood; try plain words.") \
            from error
    try:
        check_patterns(query)
    except TooBroad as refusal:
        raise QueryProblem(str(refusal)) from None
    return query


def _from_index(index: SearchIndex, site, seeker: Seeker, slots: Slots, query,
                chosen: dict, wanted: int) -> Ranked:
    """What the index says: counts, total and the best ``wanted`` hits among what it
    recorded, and the matches among documents still queued (to check against the
    database)."""
    with index.searching() as searcher:  # (kept open until the index's part is done)
        queue = queue_of(site)
        queued = (Documents(searcher, queue.paths(), index.segments) if queue is not None
                  else None)
        matching = matching_for(query, index, slots, seeker.person)
        try:
            return matching.rank(searcher, query, viewers=list(seeker.principals),
                                 chosen=chosen, queued=queued, facets=FACETS,
                                 wanted=wanted)
        except QueryError as error:  # e.g. a phrase in a field that keeps no positions
            raise QueryProblem("That search could not be run; try plain words.") from error


def search(site, seeker: Seeker, text: str, *, index: SearchIndex, engine, slots: Slots,
           chosen: dict[str, str] | None = None, student: str | None = None,
           page: int = 1, size: int = PAGE_SIZE) -> Results:
    """The ``page`` of results for ``text`` that ``seeker`` may view in ``site``, with
    the ``chosen`` facet values (and in one ``student``'s record, if given)."""
    text = " ".join((text or "").split())
    results = Results(query=text, page=max(page, 1))
    if not text:
        results.message = "Type a word or a phrase to search for."
        return results
    if len(text) > MAX_QUERY:
        text = results.query = text[:MAX_QUERY]
        results.message = f"Only the first {MAX_QUERY} characters were searched for."
    query = parse(text)
    chosen = {name: value for name, value in (chosen or {}).items() if value}
    if student:
        query = And([query, Term("student", student)])
    wanted = results.page * size
    try:
        ranked = _from_index(index, site, seeker, slots, query, chosen, wanted)
    except TooBroad as refusal:
        raise QueryProblem(str(refusal)) from None
    scored = [(found.score, found.path, found.words, None) for found in ranked.top]
    total, counts = ranked.total, ranked.counts
    # Queued documents are narrowed by what they are now, not by what the index says.
    for found, document, values in _queued_now(site, seeker, engine, ranked.hidden, chosen):
        total += 1
        scored.append((found.score, found.path, found.words, document))
        for name, value in values.items():
            counts[name][value] += 1
    scored.sort(key=lambda item: -item[0])
    results.total = total
    results.pages = max(1, -(-total // size))
    for _score, path, words, document in scored[(results.page - 1) * size:wanted]:
        document = document or resolve(site, path)
        # (checked again, though the index should already agree: what is shown is never
        # more than the database allows, whatever an indexer got wrong)
        if document is not None and seeker.may_view(document):
            results.hits.append(Hit(document, snippet(words, document)))
    results.facets = {name: sorted(((v, n) for v, n in counts[name].items() if v and n),
                                   key=lambda item: (-item[1], item[0]))
                      for name in FACETS}
    return results


def _queued_now(site, seeker: Seeker, engine, matched: list[Found], chosen: dict):
    """The queued documents the words matched that ``seeker`` may view now and that have
    the ``chosen`` facet values now, each with its facet values: changed since indexed,
    so the database decides."""
    for found in matched:
        document = resolve(site, found.path)
        if document is None or not seeker.may_view(document):
            continue
        values = facet_values(engine, document)
        if any(values[name] != value for name, value in chosen.items()):
            continue
        yield found, document, values


def facet_values(engine, document) -> dict[str, str]:
    """The document's facet values as they are now (as the index would record them)."""
    student = student_of(document)
    return {"type": document.type_title,
            "state": state_title(engine, document),
            "school": student.school, "grade": student.grade}


def snippet(words: frozenset, document) -> str:
    """The best passages of the document as it is now, ``words`` (the body's matched
    terms, as indexed) marked; HTML-escaped."""
    return passages(shown_text(document), words)
