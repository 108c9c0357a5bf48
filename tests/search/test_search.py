"""Full-text search through the app: a user finds what they may open, and nothing else, at
once.

Everything runs for real: a FileStorage in a temporary folder, the whoosh index on disk,
the indexer (as the app's thread, or drained here with ``Indexer.drain``) and WebTest
requests. The assertions are on the search page as a user reads it: the count, the hits,
the snippets and the facets.
"""
from __future__ import annotations

import datetime
import gc
import io
import logging
import os
import re
import threading
import time
import traceback
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ZODB.POSException import ConflictError

from profilerepo.app import ROOT_KEY, database
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.content.student import new_student
from profilerepo.search.indexer import Indexer
from profilerepo.security.local_roles import unassign
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, ROLE_USERS, file_uri, login, make_app, populated, take

S1 = "/students/s1/"
# What Maya's counselor finds for her family name: Maya herself, and her three sections.
MAYA = [S1, S1 + "plan/", S1 + "profile/", S1 + "transcript/"]
THREAD = {"profilerepo.indexer": "thread"}
WAIT = 5.0  # seconds the indexer thread gets to catch up
MAX_QUERY = 500


# --- Reading the search page ---------------------------------------------------------------

COUNT = re.compile(r"(\d+) results?(?:, page (\d+) of (\d+))?\.")


@dataclass
class Facet:
    label: str
    count: int
    url: str | None  # None when this value is the one already chosen


@dataclass
class SearchPage:
    status: int
    total: int | None  # None: the page shows no count
    page: int
    pages: int
    hits: list[str]  # paths of the documents listed, in order
    snippets: list[str]  # their snippets, as HTML
    facets: dict[str, list[Facet]]  # by facet name (type, state, school, grade)
    message: str
    heading: str
    query_box: str | None
    student_box: str | None
    next_url: str | None
    html: str


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def read_page(response) -> SearchPage:
    soup = BeautifulSoup(response.text, "html.parser")
    total, page, pages = None, 1, 1
    count = soup.select_one("p.count")
    if count is not None:
        text = " ".join(count.get_text().split())
        match = COUNT.fullmatch(text)
        assert match, f"unreadable count {text!r}"
        total = int(match.group(1))
        if match.group(2):
            page, pages = int(match.group(2)), int(match.group(3))
    facets: dict[str, list[Facet]] = {}
    nav = soup.select_one('nav[aria-label="Narrow the results"]')
    for section in nav.select("section") if nav is not None else ():
        items = []
        for item in section.select("li"):
            summary = item.select_one("span.summary")
            if summary is None:  # the "Any (clear ...)" link
                continue
            link = item.find("a")
            label = (link or item.find("strong")).get_text(" ", strip=True)
            items.append(Facet(label, int(summary.get_text().strip("()")),
                               local(link["href"]) if link is not None else None))
        facets[section["aria-labelledby"].removeprefix("facet-")] = items
    message = soup.select_one("p.message")
    box = soup.select_one("form[role=search] input#q")
    student = soup.select_one("form[role=search] input[name=student]")
    after = soup.select_one("nav.pager a[rel=next]")
    return SearchPage(
        status=response.status_int, total=total, page=page, pages=pages,
        hits=[local(a["href"]) for a in soup.select("ol.results > li > a")],
        snippets=[p.decode_contents() for p in soup.select("ol.results p.snippet")],
        facets=facets, message=message.get_text(" ", strip=True) if message else "",
        heading=soup.select_one("main h1").get_text(" ", strip=True),
        query_box=box["value"] if box is not None else None,
        student_box=student["value"] if student is not None else None,
        next_url=local(after["href"]) if after is not None else None, html=response.text)


def search(app, q: str, **params) -> SearchPage:
    return read_page(app.get("/search", {"q": q, **params}, status="*"))


def every_page(app, url: str) -> tuple[SearchPage, list[str]]:
    """The first page at ``url`` and the hits of all its pages, following "Next page"."""
    first = page = read_page(app.get(url, status="*"))
    assert first.status == 200, url
    hits = list(page.hits)
    while page.next_url:
        page = read_page(app.get(page.next_url))
        assert (page.total, page.pages) == (first.total, first.pages)
        hits += page.hits
    assert page.page == first.pages
    return first, hits


def shows_nothing(page: SearchPage) -> None:
    """What a user sees when nothing they may see matched: a zero count and nothing else."""
    assert page.status == 200
    assert page.total == 0
    assert page.hits == [] and page.snippets == [] and page.facets == {}
    assert "(1)" not in page.html


def match_marked(snippet: str, word: str) -> bool:
    return re.search(rf'<b class="match[^"]*">{word}</b>', snippet, re.IGNORECASE) is not None


# --- The indexer and the queue -------------------------------------------------------------

def indexer(wsgi) -> Indexer:
    registry = wsgi.registry
    return Indexer(database(registry), registry.workflows, registry.search_index, ROOT_KEY)


def drain(wsgi) -> int:
    return indexer(wsgi).drain()


def queued(wsgi) -> set[str]:
    """The paths waiting in the search queue, as committed."""
    manager = transaction.TransactionManager()
    conn = database(wsgi.registry).open(manager)
    try:
        return set(conn.root()[ROOT_KEY].search_queue.paths())
    finally:
        manager.abort()
        conn.close()


def key(url: str) -> str:
    """The queue's key for the document at ``url``."""
    return url.strip("/")


def wait_for(condition, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.05)


def poll(app, q: str, total: int) -> SearchPage:
    """Search (as a user pressing reload would) until ``total`` results show."""
    found = []

    def arrived():
        found.append(search(app, q))
        assert found[-1].status == 200, found[-1].html
        return found[-1].total == total

    wait_for(arrived, f"{total} results for {q!r} (last: {found and found[-1].total})")
    return found[-1]


class Servers:
    """Apps started on a folder's storage and index; stopped (indexer thread first) on
    request or at the end of the test."""

    def __init__(self) -> None:
        self.running: list = []

    def start(self, tmp_path, **settings):
        wsgi = make_app(file_uri(tmp_path), tmp_path, **settings)
        self.running.append(wsgi)
        return wsgi

    def stop(self, wsgi) -> None:
        running = getattr(wsgi.registry, "indexer", None)
        if running is not None:
            running.stop()
        database(wsgi.registry).close()
        self.running.remove(wsgi)


@pytest.fixture
def servers():
    started = Servers()
    yield started
    for wsgi in list(started.running):
        started.stop(wsgi)


# --- Content -------------------------------------------------------------------------------

def add_narrative(folder, name: str, by: str, state: str, body: str):
    narrative = Narrative({"title": f"Narrative {name}", "term": "Fall", "course": "Art",
                           "body": body}, by=by)
    folder.add(name, narrative)
    enter_workflows(ENGINE, narrative)
    if state != "draft":
        narrative.workflow_states = {"narrative-review": state}
    return narrative


def add_item(folder, name: str, state: str, words: str):
    blob, content_type, size = store_file(io.BytesIO(b"my work\n"), 100)
    item = PortfolioItem({"title": f"Work {name}", "kind": "work", "description": words,
                          "filename": "work.txt", "content_type": content_type, "size": size,
                          "file": blob}, by="sam")
    folder.add(name, item)
    enter_workflows(ENGINE, item)
    item.workflow_states = {"sharing": state}
    return item


def write_narrative(app, body: str) -> str:
    """The signed-in teacher writes a narrative on s1 through its form; returns its path."""
    form = app.get(S1 + "narratives/add").forms["document-form"]
    form["title"], form["term"], form["course"], form["body"] = \
        "Spring science", "Spring", "Science", body
    return local(form.submit(status=303).location)


def edit_profile(app, **values) -> None:
    form = app.get(S1 + "profile/edit").forms["document-form"]
    for name, value in values.items():
        form[name] = value
    form.submit(status=303)


COMMON = "lighthouse"
# s1: theo's narratives in each state, Sam's portfolio in each sharing state, the profile
# (shared with the family); s2 and s3: Tess's narratives, drafts and shared, and their
# private profiles. None of it in a transcript (see the contributor's own test).
NARRATIVES = {"s1": ("theo", {"draft": 6, "submitted": 4, "approved": 4, "shared": 6}),
              "s2": ("tess", {"draft": 5, "shared": 5}),
              "s3": ("tess", {"draft": 2, "shared": 4})}
ITEMS = {"private": 3, "family": 6}
# What each person may open among the documents holding the word.
EXPECTED_TOTALS = {
    "cora": 14 + 9 + 1 + 5 + 1,  # s1: reviewed narratives, portfolio, profile; s2 shared
    "theo": 20 + 9 + 1,  # s1: all his narratives, portfolio, profile
    "ada": 20 + 9 + 1 + 10 + 1,  # administrator of north: all of s1 and s2
    "gina": 6 + 6 + 1,  # shared narratives, items shared with the family, the profile
    "sam": 6 + 9 + 1,  # his own portfolio items, private ones too (he is their author)
    "toby": 6 + 1,  # what the family's grants open: items shared with the family, profile
    "tess": 10 + 1 + 6 + 1,
    "gus": 5,  # s2's shared narratives (the profile is private)
}


@pytest.fixture
def library(world):
    """The conftest school with the common word in many documents, all indexed."""
    site = world.site()
    students = site["students"]
    for student_id, (author, states) in NARRATIVES.items():
        folder = students[student_id]["narratives"]
        number = 0
        for state, count in states.items():
            for _ in range(count):
                number += 1
                add_narrative(folder, f"n-{number}", author, state,
                              f"Drew a {COMMON} in {state} light, number {number}.")
        students[student_id]["profile"].record(
            {"interests": f"Boats and the old {COMMON} on the point"}, by="cora")
    number = 0
    for state, count in ITEMS.items():
        for _ in range(count):
            number += 1
            add_item(students["s1"]["portfolio"], f"item-{number}", state,
                     f"A {COMMON} model, {state}")
    transaction.commit()
    world.close()
    drain(world.wsgi)
    assert not queued(world.wsgi)
    return world


# --- 1. What is committed becomes searchable; what is aborted never does -------------------

def test_a_saved_change_becomes_searchable_while_the_server_runs(tmp_path, servers):
    wsgi = servers.start(tmp_path, **THREAD)
    world = populated(wsgi)
    wait_for(lambda: not queued(wsgi), "the indexer thread to index the school")
    app = world.app
    login(app, "cora")
    assert search(app, "quokka").total == 0
    edit_profile(app, strengths="Keeps a quokka journal every week")
    found = poll(app, "quokka", 1)
    assert found.hits == [S1 + "profile/"]
    assert match_marked(found.snippets[0], "quokka")
    assert "Keeps a" in found.snippets[0]
    login(app, "gina")  # the profile is shared with the family
    assert search(app, "quokka").hits == [S1 + "profile/"]
    login(app, "toby")  # and with Toby, whom the family granted the profile
    assert search(app, "quokka").hits == [S1 + "profile/"]
    login(app, "tess")  # but not with a teacher off Maya's team
    shows_nothing(search(app, "quokka"))


def open_files_in(folder) -> set[str]:
    """The files in ``folder`` this process holds open (Linux: /proc)."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # (closed meanwhile, or the listing's own)
            continue
        if target.startswith(f"{folder}/"):
            found.add(target)
    return found


def test_a_stopped_indexer_thread_leaves_no_index_file_open(tmp_path, servers, monkeypatch):
    from profilerepo.search import storage

    monkeypatch.setattr(storage, "WHOLE", 0)  # (every file on a descriptor, to count them)
    wsgi = servers.start(tmp_path, **THREAD)
    populated(wsgi)
    wait_for(lambda: not queued(wsgi), "the indexer thread to index the school")
    index = wsgi.registry.search_index
    # the indexer thread read ahead through the server's searcher
    wait_for(lambda: open_files_in(index.folder), "the indexer thread to read ahead")
    gc.collect()  # (what earlier tests left behind is not this test's business)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always", ResourceWarning)
        wsgi.registry.indexer.stop()
        gc.collect()
    assert open_files_in(index.folder) == set()
    # closed by the thread as it ended, not left for the garbage collector to find
    assert not [w for w in warned if issubclass(w.category, ResourceWarning)
                and str(index.folder) in str(w.message)]


def test_a_server_started_on_a_fragmented_index_serves_it_and_merges_it(tmp_path, servers):
    from profilerepo.search.index import SearchIndex
    from profilerepo.search.writing import write_batch

    first = servers.start(tmp_path)
    world = populated(first)
    site = world.site()
    for number in range(40):
        add_narrative(site["students"]["s1"]["narratives"], f"n{number}", "theo", "shared",
                      f"Tide pool survey {number}.")
    transaction.commit()
    world.close()
    drain(first)
    servers.stop(first)
    # as an older version left it: one segment for each document
    index = SearchIndex(tmp_path / "search")
    with index.searching() as searcher:
        entries = [dict(fields) for fields in searcher.all_stored_fields()]
    bodies = {f"{S1}narratives/n{n}/".strip("/"): f"Tide pool survey {n}." for n in range(40)}
    for entry in entries:
        entry["body"] = bodies.get(entry["path"], entry.get("title", ""))
        write_batch(index, [entry["path"]], [entry], merge=False)
    index.close()
    assert SearchIndex(tmp_path / "search").segment_count() > 40

    wsgi = servers.start(tmp_path, **THREAD)
    app = webtest.TestApp(wsgi)
    login(app, "cora")
    assert search(app, "tide").total == 40  # served as it is, at once
    index = wsgi.registry.search_index
    wait_for(lambda: index.segment_count() <= 4, "the indexer to merge the segments")
    assert search(app, "tide").total == 40


def catching_up(wsgi, seen: list) -> Indexer:
    """An indexer whose every batch is full (two documents), so each goes to the writer
    process while the next is read from the database."""
    registry = wsgi.registry
    quick = Indexer(database(registry), registry.workflows, registry.search_index, ROOT_KEY,
                    batch=2, catch_up_batch=2)
    quick.listeners.append(lambda items, at: seen.extend(path for path, _ in items))
    return quick


def test_catching_up_indexes_every_queued_document_once(world, as_role):
    waiting, seen = queued(world.wsgi), []
    assert len(waiting) > 4
    assert catching_up(world.wsgi, seen).drain() == len(waiting)
    assert sorted(seen) == sorted(waiting)  # each made searchable once, none left out
    assert queued(world.wsgi) == set()
    page = search(as_role("counselor"), "Lopez")
    assert sorted(page.hits) == MAYA


def test_a_backlog_is_taken_in_bigger_batches_after_a_first_one_of_the_usual_size(
        world, as_role):
    waiting, sizes = queued(world.wsgi), []
    assert len(waiting) >= 8
    registry = world.wsgi.registry
    backlog = Indexer(database(registry), registry.workflows, registry.search_index,
                      ROOT_KEY, batch=2, catch_up_batch=3)
    backlog.listeners.append(lambda items, at: sizes.append(len(items)))
    assert backlog.drain() == len(waiting)
    # the first documents are searchable after a small batch; the rest go three at a time
    whole, rest = divmod(len(waiting) - 2, 3)
    assert sizes == [2] + [3] * whole + ([rest] if rest else [])
    assert queued(world.wsgi) == set()
    page = search(as_role("counselor"), "Lopez")
    assert sorted(page.hits) == MAYA


def test_a_batch_in_flight_when_the_writer_process_dies_is_written_after_all(world, as_role):
    seen = []
    quick = catching_up(world.wsgi, seen)
    assert quick.run_once() == 2 and seen == []  # handed over, not yet confirmed
    quick._child.process.kill()
    quick._child.process.join()
    quick.drain()
    assert queued(world.wsgi) == set() and len(seen) == len(set(seen))
    page = search(as_role("counselor"), "Lopez")
    assert sorted(page.hits) == MAYA


def test_a_change_in_an_aborted_transaction_is_never_queued_nor_found(world, as_role):
    drain(world.wsgi)
    assert not queued(world.wsgi)
    site = world.site()
    profile = site["students"]["s1"]["profile"]
    profile.record({"strengths": "Builds a zyzzyva habitat"}, by="cora")
    assert "students/s1/profile" in site.search_queue  # queued in the transaction...
    transaction.abort()  # ...which never commits
    world.close()
    assert queued(world.wsgi) == set()
    assert drain(world.wsgi) == 0
    app = as_role("counselor")
    shows_nothing(search(app, "zyzzyva"))
    assert "zyzzyva" not in app.get(S1 + "profile/").text


# --- 2. The queue survives a restart --------------------------------------------------------

def test_changes_queued_before_a_crash_are_indexed_after_the_restart(tmp_path, servers):
    first = servers.start(tmp_path)  # indexer off: the server dies before it indexes
    world = populated(first)
    drain(first)  # what it had indexed earlier
    app = world.app
    login(app, "cora")
    edit_profile(app, strengths="Feeds the class wombat")
    login(app, "theo")
    narrative = write_narrative(app, "Maya sketched the wombat enclosure.")
    assert {"students/s1/profile", key(narrative)} <= queued(first)
    shows_nothing(search(app, "wombat"))  # not indexed yet
    servers.stop(first)  # "killed": nothing more runs in it

    second = servers.start(tmp_path, **THREAD)  # same storage, same index folder
    app = webtest.TestApp(second)
    login(app, "theo")
    found = poll(app, "wombat", 2)
    assert sorted(found.hits) == sorted([S1 + "profile/", narrative])
    login(app, "cora")  # a draft is the author's: the counselor finds the profile only
    assert search(app, "wombat").hits == [S1 + "profile/"]
    wait_for(lambda: not queued(second), "the queue to empty")


# --- 3. A narrative reaches the family only once it is shared -------------------------------

@pytest.mark.parametrize("indexing", ["drained after each step", "still queued"])
def test_a_narrative_is_found_by_the_guardian_only_while_shared(world, indexing):
    wsgi, app = world.wsgi, world.app
    drain(wsgi)
    login(app, "theo")
    url = write_narrative(app, "Maya grew a quillwort in a jar.")
    drain(wsgi)  # the draft is in the index
    assert search(app, "quillwort").hits == [url]  # the author finds it

    def settle() -> None:
        if indexing == "still queued":
            assert key(url) in queued(wsgi)  # the database decides for it
        else:
            drain(wsgi)
            assert not queued(wsgi)

    def as_guardian() -> SearchPage:
        login(app, "gina")
        return search(app, "quillwort")

    shows_nothing(as_guardian())
    for who, transition in (("theo", "submit"), ("cora", "approve")):
        login(app, who)
        take(app, url, transition)
        settle()
        shows_nothing(as_guardian())
    login(app, "cora")
    take(app, url, "share")
    settle()
    found = as_guardian()
    assert (found.status, found.total, found.hits) == (200, 1, [url])
    assert match_marked(found.snippets[0], "quillwort")
    assert found.facets["state"] == [Facet("Shared with the family", 1,
                                           "/search?q=quillwort&state=Shared+with+the+family")]
    assert app.get(url).status_int == 200

    login(app, "theo")  # the author retracts
    take(app, url, "retract")
    assert key(url) in queued(wsgi)
    shows_nothing(as_guardian())  # at once, before the indexer has run
    assert app.get(url, status="*").status_int == 404  # (as if it did not exist)


def test_a_retracted_narrative_stays_hidden_from_the_guardian_once_reindexed(world):
    wsgi, app = world.wsgi, world.app
    site = world.site()
    add_narrative(site["students"]["s1"]["narratives"], "narrative-1", "theo", "shared",
                  "Maya measured the zephyr tunnel.")
    transaction.commit()
    world.close()
    drain(wsgi)
    url = S1 + "narratives/narrative-1/"
    login(app, "gina")
    assert search(app, "zephyr").hits == [url]
    login(app, "theo")  # the author retracts, and writes on
    take(app, url, "retract")
    form = app.get(url + "edit").forms["document-form"]
    form["body"] = "Maya measured the zephyr tunnel. Private note: needs a reading plan."
    form.submit(status=303)
    drain(wsgi)
    assert not queued(wsgi)
    login(app, "gina")
    assert app.get(url, status="*").status_int == 404  # (as if it did not exist)
    page = search(app, "zephyr")
    assert "Private note" not in page.html
    shows_nothing(page)


def test_a_reindexed_document_is_listed_once(world, as_role):
    drain(world.wsgi)
    app = as_role("counselor")
    before = search(app, "Lopez")
    assert sorted(before.hits) == MAYA
    for word in ("patient", "kind", "curious"):
        edit_profile(app, strengths=f"Explains math ideas, {word}")
        drain(world.wsgi)
    after = search(app, "Lopez")
    assert (after.total, sorted(after.hits)) == (4, sorted(before.hits))


# --- 4. Taking a teacher off a student works at once, without reindexing --------------------

def test_a_teacher_taken_off_a_student_stops_finding_their_documents_at_once(world):
    wsgi, app = world.wsgi, world.app
    site = world.site()
    s1 = site["students"]["s1"]
    add_narrative(s1["narratives"], "narrative-1", "theo", "draft", "A pangolin report.")
    s1["profile"].record({"interests": "Pangolin facts"}, by="cora")
    transaction.commit()
    world.close()
    drain(wsgi)
    assert not queued(wsgi)
    login(app, "theo")
    assert sorted(search(app, "pangolin").hits) == [S1 + "narratives/narrative-1/",
                                                    S1 + "profile/"]
    assert search(app, "Lopez").total == 5  # Maya, her three sections, the narrative

    site = world.site()
    unassign(site, site["students"]["s1"], "theo", "teacher")
    transaction.commit()
    world.close()
    # Only this student's documents are queued (not the district), and the search below
    # runs before the indexer: the database decides for them.
    assert queued(wsgi) and all(path == "students/s1" or path.startswith("students/s1/")
                                for path in queued(wsgi))

    assert app.get(S1, status="*").status_int in (403, 404)  # signed in, off the team
    shows_nothing(search(app, "pangolin"))
    shows_nothing(search(app, "Lopez"))
    scoped = search(app, "pangolin", student="s1")
    assert scoped.heading == "Search" and scoped.student_box is None
    shows_nothing(scoped)
    login(app, "cora")  # the counselor still finds the profile
    assert search(app, "pangolin").hits == [S1 + "profile/"]
    drain(wsgi)  # and once reindexed, the same
    login(app, "theo")
    shows_nothing(search(app, "pangolin"))


# --- 5. Totals and facet counts are those of the hits listed --------------------------------

@pytest.mark.parametrize("role", ["counselor", "teacher", "administrator", "guardian",
                                  "student", "contributor"])
def test_totals_and_facet_counts_equal_the_hits_listed(library, role):
    app = library.app
    user = ROLE_USERS[role]
    login(app, user)
    first, hits = every_page(app, "/search?q=" + COMMON)
    assert first.total == len(hits) == EXPECTED_TOTALS[user]
    assert len(set(hits)) == len(hits), "a document is listed twice"
    assert first.pages == max(1, -(-len(hits) // 20))
    for hit in hits:  # every hit opens, so nothing is shown that is not theirs
        assert app.get(hit, status="*").status_int == 200, hit
    assert set(first.facets) == {"type", "state", "school", "grade"}
    for name, items in first.facets.items():
        assert sum(item.count for item in items) == first.total, name
        found_by_value: set[str] = set()
        for item in items:
            narrowed, narrowed_hits = every_page(app, item.url)
            assert narrowed.total == len(narrowed_hits) == item.count, (name, item)
            assert narrowed.facets[name] == [Facet(item.label, item.count, None)]
            assert set(narrowed_hits) <= set(hits)
            found_by_value |= set(narrowed_hits)
        assert found_by_value == set(hits), name


def test_facets_show_what_the_people_see(library):
    app = library.app
    login(app, "gina")
    page = search(app, COMMON)
    assert {name: [(f.label, f.count) for f in items] for name, items in page.facets.items()} \
        == {"type": [("Narrative", 6), ("Portfolio item", 6), ("Learner profile", 1)],
            "state": [("Shared with the family", 13)],
            "school": [("North Middle School", 13)], "grade": [("Grade 7", 13)]}
    login(app, "tess")
    page = search(app, COMMON)
    assert [(f.label, f.count) for f in page.facets["school"]] == [
        ("North Middle School", 11), ("South Middle School", 7)]


def test_facet_counts_match_their_links_while_a_document_is_still_queued(world):
    wsgi, app = world.wsgi, world.app
    drain(wsgi)
    login(app, "theo")
    url = write_narrative(app, "Maya tracked the axolotl tank.")
    drain(wsgi)
    take(app, url, "submit")
    assert key(url) in queued(wsgi)
    page = search(app, "axolotl")
    assert page.hits == [url]
    for name, items in page.facets.items():
        for item in items:
            narrowed, narrowed_hits = every_page(app, item.url)
            assert (narrowed.total, narrowed_hits) == (item.count, [url]), (name, item)


def test_a_contributor_does_not_find_the_transcript_they_may_not_open(world):
    site = world.site()
    site["students"]["s1"]["transcript"].record(
        {"programs": "Reading intervention with the xylarium group"}, by="ada")
    transaction.commit()
    world.close()
    drain(world.wsgi)
    app = world.app
    login(app, "toby")
    assert app.get(S1 + "transcript/", status="*").status_int == 403
    page = search(app, "xylarium")
    assert "intervention" not in page.html
    shows_nothing(page)


# --- 6. Writes from several threads all reach the index -------------------------------------

def test_writes_from_several_threads_all_reach_the_index(tmp_path, servers, caplog):
    caplog.set_level(logging.WARNING)
    wsgi = servers.start(tmp_path, **THREAD)
    world = populated(wsgi)
    site = world.site()
    base = {"birth_date": datetime.date(2013, 3, 4), "entry_date": datetime.date(2020, 8, 20),
            "grade": "6", "school": "north"}
    for student_id, first_name in (("s4", "Ana"), ("s5", "Ben")):
        new_student(site, {**base, "given_name": first_name, "family_name": "North"}, "setup",
                    engine=ENGINE, student_id=student_id)
    transaction.commit()
    world.close()
    db = database(wsgi.registry)
    students = ("s1", "s2", "s4", "s5")  # all at north, where ada is administrator
    start = threading.Barrier(len(students))
    failures: list[str] = []
    conflicts = [0] * len(students)

    def write(number: int, student_id: str) -> None:
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        try:
            start.wait(timeout=10)
            for i in range(10):
                for _attempt in range(50):
                    try:
                        folder = conn.root()[ROOT_KEY]["students"][student_id]["narratives"]
                        add_narrative(folder, f"batch-{number}-{i}", "theo", "draft",
                                      f"Ensemble piece zorblax{number}q{i}.")
                        manager.commit()
                        break
                    except ConflictError:
                        manager.abort()
                        conflicts[number] += 1
                else:
                    raise AssertionError(f"{student_id}: still conflicting after 50 tries")
        except BaseException:
            failures.append(traceback.format_exc())
        finally:
            manager.abort()
            conn.close()

    writers = [threading.Thread(target=write, args=(n, s)) for n, s in enumerate(students)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in writers)
    assert failures == []
    wsgi.registry.indexer.stop()  # whatever the thread did not take, the drain takes
    drain(wsgi)
    assert queued(wsgi) == set()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]

    app = world.app
    login(app, "ada")
    first, hits = every_page(app, "/search?q=ensemble")
    assert first.total == len(hits) == 40
    assert dict((f.label, f.count) for f in first.facets["grade"]) == {
        "Grade 6": 20, "Grade 7": 10, "Grade 8": 10}
    for number, student_id in enumerate(students):
        for i in range(10):
            found = search(app, f"zorblax{number}q{i}")
            assert found.hits == [f"/students/{student_id}/narratives/batch-{number}-{i}/"]


# --- 7. Whatever is typed, the page answers ------------------------------------------------

@pytest.fixture
def searching(world):
    """The counselor signed in over a small index: a shared narrative with markup and
    words from several scripts in it."""
    site = world.site()
    add_narrative(site["students"]["s1"]["narratives"], "narrative-1", "theo", "shared",
                  "Maya watched harbour seals <script>alert(1)</script> from the pier. "
                  "Élève naïve, Zoë; 東京 trip.")
    transaction.commit()
    world.close()
    drain(world.wsgi)
    login(world.app, "cora")
    return world.app


def answers(app, text: str) -> SearchPage:
    response = app.get("/search", {"q": text}, status="*")
    assert response.status_int in (200, 400), (text, response.status)
    page = read_page(response)
    assert page.query_box == " ".join(text.split())[:MAX_QUERY], text
    if response.status_int == 400:
        assert page.message, text  # said why, in words
    else:
        assert page.total is not None or page.message, text
    for snippet in page.snippets:
        assert "<script" not in snippet
    return page


AWKWARD = ["", " ", "\t\n ", '"abc', '"', '""', "AND", "OR NOT", "NOT", "*", "?", "(", ")",
           ":", "title:x", "body:harbour", "creator:theo", "view:guardian", "[a TO b]",
           "{a TO}", "a~2", "harbour^3", "+harbour -seals", "\\", "'", "%", "&amp;",
           "harbour AND (", "harbour OR", "*:*", "ha*", "h?rbour", "<>", "\x00", "\u202e"]


def test_awkward_queries_give_a_page_never_a_500(searching):
    for text in AWKWARD:
        answers(searching, text)
    assert answers(searching, "").message == "Type a word or a phrase to search for."
    assert answers(searching, "harbour").hits == [S1 + "narratives/narrative-1/"]


def test_markup_in_a_query_or_a_document_is_shown_as_text(searching):
    attack = "<script>alert(1)</script>"
    page = answers(searching, attack)
    assert attack not in page.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.html
    page = answers(searching, "harbour")
    assert page.hits == [S1 + "narratives/narrative-1/"]
    assert attack not in page.html
    assert match_marked(page.snippets[0], "harbour")
    assert "&lt;script&gt;" in page.snippets[0]


def test_a_very_long_query_is_cut_and_the_page_says_so(searching):
    text = "harbour " + "x" * 10 * 1024
    page = answers(searching, text)
    assert page.status == 200
    assert page.message == f"Only the first {MAX_QUERY} characters were searched for."
    assert len(page.query_box) == MAX_QUERY


def test_words_in_other_scripts_are_found(searching):
    for word in ("naïve", "Élève", "Zoë", "東京"):
        page = answers(searching, word)
        assert page.hits == [S1 + "narratives/narrative-1/"], word


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_query_text_gives_a_page_never_a_500(searching, text):
    answers(searching, text)


# --- 8. Search within one student's record -------------------------------------------------

def test_search_within_a_student_returns_only_their_documents(library):
    app = library.app
    login(app, "cora")
    _everything, all_hits = every_page(app, "/search?q=" + COMMON)
    first, hits = every_page(app, f"/search?q={COMMON}&student=s1")
    assert first.heading == "Search in Maya Lopez's record"
    assert first.student_box == "s1"
    assert hits and all(hit.startswith(S1) for hit in hits)
    assert sorted(hits) == sorted(h for h in all_hits if h.startswith(S1))
    assert first.total == len(hits) == 24
    for items in first.facets.values():
        for item in items:
            assert "student=s1" in item.url
            _narrowed, narrowed_hits = every_page(app, item.url)
            assert narrowed_hits and all(hit.startswith(S1) for hit in narrowed_hits)


HIDDEN_NAMES = {"s2": ("Jonah", "Reed"), "s3": ("Iris", "Chen"), "nobody": ()}


@pytest.mark.parametrize("user,student", [("gina", "s2"), ("gina", "s3"), ("cora", "s3"),
                                          ("toby", "s2"), ("gina", "nobody")])
def test_a_student_the_user_may_not_see_is_ignored(library, user, student):
    app = library.app
    login(app, user)
    plain, plain_hits = every_page(app, "/search?q=" + COMMON)
    scoped, scoped_hits = every_page(app, f"/search?q={COMMON}&student={student}")
    assert scoped.heading == "Search" and scoped.student_box is None
    assert (scoped.total, scoped_hits, scoped.facets) == (plain.total, plain_hits,
                                                         plain.facets)
    assert not any(hit.startswith(f"/students/{student}/") for hit in scoped_hits)
    for name in HIDDEN_NAMES[student]:
        assert name not in scoped.html


# --- Found while writing these ---------------------------------------------------------------

def test_searching_before_anything_is_indexed_is_not_a_500_later(world, as_role):
    app = as_role("counselor")
    assert search(app, "Lopez").status == 200  # nothing indexed yet
    assert search(app, "Lopez").status == 200
    drain(world.wsgi)
    page = search(app, "Lopez")
    assert (page.status, page.total) == (200, 4)


def test_a_phrase_with_a_comma_gives_a_page_not_a_500(library):
    app = library.app
    login(app, ROLE_USERS["counselor"])
    for query in ('"math, reading"', "math, reading", '"a, b, c"'):
        response = app.get("/search", {"q": query}, status="*")
        assert response.status_int in (200, 400), (query, response.status)
        assert "Something went wrong" not in response.text
