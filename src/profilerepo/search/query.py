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

from collections import Counter
from dataclasses import dataclass, field

from whoosh import sorting
from whoosh.qparser import FieldsPlugin, MultifieldParser
from whoosh.query import And, Or, QueryError, Require, Term

from profilerepo.search.bitsets import plan, rank
from profilerepo.search.documents import shown_text, state_title, student_of
from profilerepo.search.index import FACET_FIELDS, SCHEMA, TEXT_FIELDS, Documents
from profilerepo.search.patterns import (
    TooBroad,
    check_expansions,
    check_patterns,
    within_budget,
)
from profilerepo.search.queue import queue_of
from profilerepo.search.snippets import snippet as passages
from profilerepo.security.roles import VIEW
from profilerepo.workflow.index import resolve

FACETS = FACET_FIELDS
MAX_QUERY = 500  # characters; a longer query is cut here, and the page says so
PAGE_SIZE = 20


class QueryProblem(ValueError):
    """A query we cannot run; the message says why in plain words."""


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


def principals(request) -> list[str]:
    """Who the index may name among a document's viewers for this user to see it: the
    user, or a group of theirs (a school's administrators)."""
    user = request.user
    return [user.principal, *user.groups]


def visibility(request):
    """The documents this user may view, as the index last recorded them."""
    return Or([Term("viewers", p) for p in principals(request)])


def _whoosh_search(request, searcher, narrowed, index, in_queue, wanted):
    """Total, facet counts and the best ``wanted`` hits, matched by whoosh itself."""
    facets = sorting.Facets()
    for name in FACETS:
        facets.add_facet(name, index.facet(name))
    # (Require, not filter=: whoosh steps through every match of the words and tests
    # each against a filter, while Require skips along the smaller side; only the words
    # score.)
    check_expansions(narrowed, searcher.reader())
    collector = searcher.collector(limit=wanted, groupedby=facets, terms=True,
                                   mask=in_queue.numbers if in_queue else None)
    within_budget(searcher, Require(narrowed, visibility(request)), collector)
    main = collector.results()
    counts = {name: Counter(main.groups(name)) for name in FACETS}
    scored = [(hit.score, hit["path"], _body_words(hit), None)
              for hit in main[:wanted]]  # (only these can show)
    return counts, len(main), scored


def _body_words(hit) -> frozenset:
    return frozenset(text.decode("utf-8") for fieldname, text in hit.matched_terms()
                     if fieldname == "body")


def _from_index(request, query, narrowed, chosen: dict, wanted: int):
    """What the index says: counts, total and the best ``wanted`` hits among what it
    recorded, and the matches among documents still queued (to check against the
    database)."""
    index = request.registry.search_index
    with index.searching() as searcher:  # (kept open until the index's part is done)
        queue = queue_of(request.site)
        in_queue = (Documents(searcher, queue.paths(), index.segments) if queue is not None
                    else None)
        fast = plan(query, SCHEMA)
        filters = [plan(Term(n, v), SCHEMA) for n, v in chosen.items()]
        try:
            if fast is not None:  # words: answered a segment at a time
                ranked = rank(searcher, fast, index.segments, viewers=principals(request),
                              filters=filters, facets=FACETS, wanted=wanted,
                              hidden=in_queue.by_segment if in_queue else {})
                scored = [(found.score, found.path, found.words, None) for found in ranked.top]
                queued = [(found.score, found.path, found.words) for found in ranked.hidden]
                return ranked.counts, ranked.total, scored, queued
            # phrases, patterns and the like: whoosh's own matching, one at a time each
            with request.registry.search_slots.taken(request.user.principal):
                counts, total, scored = _whoosh_search(request, searcher, narrowed, index,
                                                       in_queue, wanted)
                queued = [(hit.score, hit["path"], _body_words(hit)) for hit in searcher.search(
                    Require(query, in_queue), limit=None, terms=True)] if in_queue else []
            return counts, total, scored, queued
        except QueryError as error:  # e.g. a phrase in a field that keeps no positions
            raise QueryProblem("That search could not be run; try plain words.") from error


def search(request, text: str, *, chosen: dict[str, str] | None = None,
           student: str | None = None, page: int = 1, size: int = PAGE_SIZE) -> Results:
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
    # Queued documents are narrowed by what they are now, not by what the index says.
    narrowed = And([query, *(Term(n, v) for n, v in chosen.items())]) if chosen else query
    site = request.site
    wanted = results.page * size
    try:
        counts, total, scored, queued = _from_index(request, query, narrowed, chosen, wanted)
    except TooBroad as refusal:
        raise QueryProblem(str(refusal)) from None
    for score, path, words in queued:  # changed since indexed: the database decides
        document = resolve(site, path)
        if document is None or not request.has_permission(VIEW, document):
            continue
        values = facet_values(request, document)
        if any(values[name] != value for name, value in chosen.items()):
            continue
        total += 1
        scored.append((score, path, words, document))
        for name, value in values.items():
            counts[name][value] += 1
    scored.sort(key=lambda item: -item[0])
    results.total = total
    results.pages = max(1, -(-total // size))
    for _score, path, words, document in scored[(results.page - 1) * size:wanted]:
        document = document or resolve(site, path)
        # (checked again, though the index should already agree: what is shown is never
        # more than the database allows, whatever an indexer got wrong)
        if document is not None and request.has_permission(VIEW, document):
            results.hits.append(Hit(document, snippet(words, document)))
    results.facets = {name: sorted(((v, n) for v, n in counts[name].items() if v and n),
                                   key=lambda item: (-item[1], item[0]))
                      for name in FACETS}
    return results


def facet_values(request, document) -> dict[str, str]:
    student = student_of(document)
    return {"type": document.type_title,
            "state": state_title(request.registry.workflows, document),
            "school": student.school, "grade": student.grade}


def snippet(words: frozenset, document) -> str:
    """The best passages of the document as it is now, ``words`` (the body's matched
    terms, as indexed) marked; HTML-escaped."""
    return passages(shown_text(document), words)
