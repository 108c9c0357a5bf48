"""A user's search: results, snippets, facet counts and totals of exactly what they may
view at this moment.

Who may view what is decided against the database at query time: the index
says, per document, which roles view it in the state it was indexed in; the
user's roles on each student come from the database now (so a teacher taken
off a student stops finding their documents at once). Documents still queued
for indexing may have changed state since: they are left out of the index's
answer and each is checked against the database itself.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from whoosh import sorting
from whoosh.qparser import FieldsPlugin, MultifieldParser
from whoosh.query import And, NullQuery, Or, Term

from profilerepo.content.site import DISTRICT_ADMINISTRATORS, administered_school_ids
from profilerepo.search.documents import EVERYONE_ENCLOSING, state_title, text_of
from profilerepo.search.index import SCHEMA
from profilerepo.search.indexer import resolve
from profilerepo.search.queue import queue_of
from profilerepo.security.roles import AUTHOR, RIGHTS_AGE, STUDENT_16, VIEW

FACETS = ("type", "state", "school", "grade")
MAX_QUERY = 500  # characters; a longer query is cut here, and the page says so
PAGE_SIZE = 20
_TEXT_FIELDS = ["title", "body", "student_name", "tags"]


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


def parse(text: str):
    parser = MultifieldParser(_TEXT_FIELDS, schema=SCHEMA)
    parser.remove_plugin_class(FieldsPlugin)  # the index's other fields are not for asking
    try:
        return parser.parse(text)
    except Exception as error:  # whoosh's parser is lenient; anything else is our message
        raise QueryProblem("That search could not be understood; try plain words.") \
            from error


def visibility(request):
    """The documents this user may view, as a query on the index's role fields."""
    user, site = request.user, request.site
    roles_by_student: dict[str, set[str]] = {}
    for role, ids in user.assignments.items():
        for student_id in ids:
            roles_by_student.setdefault(student_id, set()).add(role)
    if user.student_id:
        roles = roles_by_student.setdefault(user.student_id, set())
        roles.add("student")
        own = site["students"].get(user.student_id)
        if own is not None and own.age() >= RIGHTS_AGE:
            roles.add(STUDENT_16)
    clauses = []
    by_roles = sorted(roles_by_student.items(), key=lambda item: sorted(item[1]))
    for roles, group in groupby(by_roles, key=lambda item: frozenset(item[1])):
        students = Or([Term("student", student_id) for student_id, _ in group])
        viewed = Or([*(Term("view", r) for r in roles),
                     And([Term("view", AUTHOR), Term("creator", user.login)])])
        gate = Or([Term("gate", r) for r in (*roles, EVERYONE_ENCLOSING)])
        clauses.append(And([students, viewed, gate]))
    if DISTRICT_ADMINISTRATORS in user.groups or administered_school_ids(user.groups):
        admin = [Term("view", "administrator"),
                 Or([Term("gate", "administrator"), Term("gate", EVERYONE_ENCLOSING)])]
        if DISTRICT_ADMINISTRATORS not in user.groups:
            admin.insert(0, Or([Term("school", s)
                                for s in administered_school_ids(user.groups)]))
        clauses.append(And(admin))
    return Or(clauses) if clauses else NullQuery


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
    narrowing = [Term(name, value) for name, value in (chosen or {}).items() if value]
    if student:
        narrowing.append(Term("student", student))
    if narrowing:
        query = And([query, *narrowing])
    site, index = request.site, request.registry.search_index
    pending = list(queue_of(site).pending.keys()) if queue_of(site) is not None else []
    in_queue = Or([Term("path", p) for p in pending]) if pending else None
    facets = sorting.Facets()
    for name in FACETS:
        facets.add_field(name, maptype=sorting.Count)
    searcher = index.searcher()
    wanted = results.page * size
    main = searcher.search(query, filter=visibility(request), mask=in_queue, limit=wanted,
                           groupedby=facets, terms=True)
    counts = {name: Counter(main.groups(name)) for name in FACETS}
    scored = [(hit.score, hit, None) for hit in main]
    total = len(main)
    if in_queue is not None:  # changed since indexed: the database decides
        for hit in searcher.search(query, filter=in_queue, limit=None, terms=True):
            document = resolve(site, hit["path"])
            if document is None or not request.has_permission(VIEW, document):
                continue
            total += 1
            scored.append((hit.score, hit, document))
            for name, value in facet_values(request, document).items():
                counts[name][value] += 1
    scored.sort(key=lambda item: -item[0])
    results.total = total
    results.pages = max(1, -(-total // size))
    for _score, hit, document in scored[(results.page - 1) * size:wanted]:
        document = document or resolve(site, hit["path"])
        if document is not None:
            results.hits.append(Hit(document, snippet(hit, document)))
    results.facets = {name: sorted(((v, n) for v, n in counts[name].items() if v and n),
                                   key=lambda item: (-item[1], item[0]))
                      for name in FACETS}
    return results


def facet_values(request, document) -> dict[str, str]:
    from profilerepo.search.documents import student_of

    student = student_of(document)
    return {"type": document.type_title,
            "state": state_title(request.registry.workflows, document),
            "school": student.school, "grade": student.grade}


def snippet(hit, document) -> str:
    """The best passages of the document as it is now, matches marked (HTML-escaped)."""
    text = text_of(document)
    marked = hit.highlights("body", text=text, top=2) if text else ""
    if marked:
        return marked
    return html.escape(text[:240] + ("…" if len(text) > 240 else ""), quote=False)
