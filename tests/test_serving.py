"""A real server process under ordinary use: a teacher saving narratives one after another
while colleagues search keeps it answering, with its segments and open files bounded;
and a system that allows too few open files is named at start-up."""
from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.app import database
from profilerepo.search.index import SearchIndex
from profilerepo.search.merging import MOST_SEGMENTS
from profilerepo.serving import raise_open_file_limit
from tests.conftest import PASSWORD, file_uri, make_app, populated

SAVES = 240
SEARCHERS = 4
MOST_OPEN_FILES = 300  # the server process's, all kinds (index, database, sockets, ...)

INI = """\
[app:main]
use = egg:profilerepo
zodbconn.uri = {uri}
profilerepo.secret = test-secret-not-for-production
profilerepo.search_index = {folder}/search
profilerepo.upload_dir = {folder}/uploads
profilerepo.indexer = thread
profilerepo.login_attempts = 50
retry.attempts = 3

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}
threads = 6
asyncore_use_poll = true
"""


class Browser:
    """One person's cookies and forms against a real server (the standard library only,
    so the test speaks HTTP exactly as a browser would)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def submit(self, path: str, form_id: str | None, **values) -> tuple[int, str]:
        """Fill in the form on the page at ``path`` and send it."""
        status, page = self.get(path)
        assert status == 200, (path, status)
        soup = BeautifulSoup(page, "html.parser")
        form = soup.find("form", id=form_id) if form_id else soup.find("form")
        fields = [(field["name"], field.get("value", "")) for field in
                  form.find_all(["input", "textarea", "select"])
                  if field.get("name") and field.get("type") not in ("submit", "file")]
        fields = [(name, values.pop(name, value)) for name, value in fields]
        data = urllib.parse.urlencode(fields + list(values.items())).encode()
        action = urllib.parse.urljoin(self.base + path, form.get("action") or path)
        try:
            with self.opener.open(action, data=data, timeout=60) as response:
                return response.status, response.url
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def log_in(self, login: str) -> None:
        status, landed = self.submit("/login", None, login=login, password=PASSWORD)
        assert status == 200 and "/login" not in landed, (status, landed)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def serve_school(tmp_path, ini_text: str, *, port: int | None = None,
                 prepare=None) -> tuple[str, subprocess.Popen]:
    """The conftest school in a database in ``tmp_path`` (then ``prepare(site)`` and a
    commit, if given), served by pserve from ``ini_text`` (formatted with the database's
    ``uri``, the ``folder`` and the ``port``, a free one unless given); (its address, the
    server process) once it answers."""
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    world = populated(wsgi)
    if prepare is not None:
        prepare(world.site())
        transaction.commit()
        world.close()
    database(wsgi.registry).close()
    port = port or free_port()
    ini = tmp_path / "serve.ini"
    ini.write_text(ini_text.format(uri=file_uri(tmp_path), folder=tmp_path, port=port))
    pserve = Path(sys.executable).with_name("pserve")
    server = subprocess.Popen([str(pserve), str(ini)], stdout=subprocess.DEVNULL,
                              stderr=open(tmp_path / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, (tmp_path / "server.log").read_text()
        try:
            urllib.request.urlopen(base + "/login", timeout=5).close()
            return base, server
        except OSError:
            assert time.monotonic() < deadline, "the server did not start in a minute"
            time.sleep(0.2)


@pytest.fixture
def served(tmp_path):
    """The conftest school in a database of its own, served by a real server process
    (waitress through pserve, the in-process indexer thread on)."""
    base, server = serve_school(tmp_path, INI)
    yield base, server, tmp_path
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def test_saving_one_by_one_while_others_search_keeps_the_server_answering(served):
    base, server, folder = served
    teacher = Browser(base)
    teacher.log_in("theo")
    stop, problems, searches = threading.Event(), [], [0]

    def search(login: str) -> None:
        colleague = Browser(base)
        colleague.log_in(login)
        while not stop.is_set():
            status, page = colleague.get("/search?q=harbour")
            if status != 200:
                problems.append(f"{login}: search answered {status}")
                return
            searches[0] += 1

    searchers = [threading.Thread(target=search, args=(login,), daemon=True)
                 for login in ("cora", "ada", "theo", "cora")[:SEARCHERS]]
    for thread in searchers:
        thread.start()
    index = SearchIndex(folder / "search")  # (read only: its table of contents)
    most_segments = most_files = 0
    try:
        for number in range(SAVES):
            status, landed = teacher.submit(
                "/students/s1/narratives/add", "document-form", title=f"Week {number}",
                term="Spring", course="Science",
                body=f"Watched harbour seals, week {number}; wrote up the tides.")
            assert status == 200 and "/narratives/" in landed, (number, status, landed)
            most_segments = max(most_segments, index.segment_count())
            most_files = max(most_files, open_files(server.pid))
            assert server.poll() is None, (folder / "server.log").read_text()
    finally:
        stop.set()
        for thread in searchers:
            thread.join(timeout=60)
        index.close()
    assert problems == []
    assert searches[0] > SEARCHERS  # the searches went on throughout
    assert most_segments <= MOST_SEGMENTS
    assert most_files <= MOST_OPEN_FILES
    # and every save became searchable
    deadline = time.monotonic() + 60
    while True:
        status, page = teacher.get("/search?q=harbour")
        total = re.search(r"(\d+) results?", page)
        if total and int(total.group(1)) == SAVES:
            break
        assert time.monotonic() < deadline, total and total.group(0)
        time.sleep(0.5)
    assert "Traceback" not in (folder / "server.log").read_text()


def test_a_system_allowing_too_few_open_files_is_named_at_start(monkeypatch):
    import resource

    from pyramid.exceptions import ConfigurationError

    monkeypatch.setattr(resource, "getrlimit", lambda which: (256, 256))
    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: None)
    with pytest.raises(ConfigurationError, match="at least 1024 files.*allows 256"):
        raise_open_file_limit()


def test_the_open_file_limit_is_raised_to_what_the_system_allows():
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))
        assert raise_open_file_limit() == resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= min(hard, 4096)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_serving_process_checks_its_oldest_objects_for_garbage_seldom(tmp_path):
    """Each check of the collector's oldest generation stops every request for as long as
    it takes to walk the object cache: the application has it made one time in 100."""
    import gc

    from profilerepo.app import database
    from tests.conftest import file_uri, make_app

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        database(make_app(file_uri(tmp_path), tmp_path).registry).close()
        young, middle, oldest = gc.get_threshold()
        assert (young, middle) == (700, 10) and oldest >= 100
    finally:
        gc.set_threshold(*before)
