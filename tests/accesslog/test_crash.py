"""A real server killed with kill -9 right after serving pages keeps every view it served:
each was in the log's write-ahead log before its page went out."""
from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

from tests.test_serving import Browser, serve_school

VIEWS = 40
PAGES = ("/students/s1/", "/students/s1/profile/", "/students/s1/plan/",
         "/students/s1/transcript/")
INI = """\
[app:main]
use = egg:profilerepo
zodbconn.uri = {uri}
profilerepo.secret = test-secret-not-for-production
profilerepo.search_index = {folder}/search
profilerepo.upload_dir = {folder}/uploads
profilerepo.access_log = {folder}/log/access-log.sqlite
profilerepo.indexer = off

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}
threads = 4
asyncore_use_poll = true
"""


def test_views_served_before_a_kill_9_are_all_in_the_log(tmp_path):
    base, server = serve_school(tmp_path, INI)
    try:
        counselor = Browser(base)
        counselor.log_in("cora")
        for n in range(VIEWS):
            status, _ = counselor.get(PAGES[n % len(PAGES)])
            assert status == 200
        os.kill(server.pid, signal.SIGKILL)  # (at once: nothing closes or checkpoints)
        assert server.wait(timeout=30) == -signal.SIGKILL
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)
    log = tmp_path / "log" / "access-log.sqlite"
    assert Path(f"{log}-wal").stat().st_size > 0  # (the views were still only in the WAL)
    with sqlite3.connect(log) as conn:
        found = conn.execute("SELECT login, path FROM views ORDER BY id").fetchall()
    assert found == [("cora", PAGES[n % len(PAGES)].strip("/")) for n in range(VIEWS)]
