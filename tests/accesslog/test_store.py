"""The log's SQLite file: where it is by default, how it is opened (WAL, synchronous
NORMAL, a connection per thread, waiting for a busy writer), its indexes, and its queries."""
from __future__ import annotations

import datetime
import threading
from zoneinfo import ZoneInfo

from profilerepo.accesslog import AccessLog, Scope, View, log_path
from profilerepo.accesslog.filters import read_query
from tests.conftest import file_uri

UTC = datetime.UTC


def view(login: str, at: datetime.datetime, student: str = "s1") -> View:
    return View(at=at, student_id=student, student_name="Maya Lopez", school_id="north",
                login=login, name=login.title(), capacity="teacher on the team",
                path=f"students/{student}", kind="Student", title="Maya Lopez")


def test_by_default_the_log_is_beside_the_filestorage_and_off_is_none(tmp_path):
    assert log_path({"zodbconn.uri": file_uri(tmp_path)}) == tmp_path / "access-log.sqlite"
    assert log_path({"profilerepo.access_log": str(tmp_path / "x.sqlite")}) == (
        tmp_path / "x.sqlite")
    assert log_path({"profilerepo.access_log": "off"}) is None
    assert log_path({"zodbconn.uri": "memory://"}).name == "access-log.sqlite"


def test_the_file_is_in_wal_mode_with_normal_sync_a_connection_per_thread(tmp_path):
    log = AccessLog(tmp_path / "log.sqlite")
    conn = log._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    indexes = {row[1]: [c[2] for c in conn.execute(f"PRAGMA index_info({row[1]})")]
               for row in conn.execute("PRAGMA index_list(views)")}
    assert sorted(indexes.values()) == [["school_id", "at"], ["student_id", "at"]]
    others = []
    thread = threading.Thread(target=lambda: others.append(log._connection()))
    thread.start()
    thread.join()
    assert others[0] is not conn and log._connection() is conn
    log.close()


def test_entries_are_grouped_by_person_and_filtered_by_time(tmp_path):
    log = AccessLog(tmp_path / "log.sqlite")
    t = datetime.datetime(2026, 10, 1, 12, tzinfo=UTC)
    log.record_many([view("cora", t), view("cora", t + datetime.timedelta(days=2)),
                     view("theo", t + datetime.timedelta(days=1)),
                     view("theo", t, student="s2")])
    people, total = log.viewers(Scope(student_id="s1"))
    assert total == 2
    assert [(p.login, p.views, p.first, p.last) for p in people] == [
        ("cora", 2, t, t + datetime.timedelta(days=2)),
        ("theo", 1, t + datetime.timedelta(days=1), t + datetime.timedelta(days=1))]
    by_student, total = log.viewers(Scope(school_id="north"), by_student=True)
    assert total == 3 and {(p.login, p.student_id) for p in by_student} == {
        ("cora", "s1"), ("theo", "s1"), ("theo", "s2")}
    later = Scope(student_id="s1", start=t + datetime.timedelta(hours=1))
    assert [v.login for v in log.views(later)] == ["cora", "theo"]
    assert log.count(Scope(login="theo")) == 2
    assert log.people(Scope(school_id="north")) == [("cora", "Cora"), ("theo", "Theo")]
    log.close()


def test_the_days_asked_are_the_districts_days():
    query = read_query({"from": "2026-11-01", "to": "2026-11-01", "person": " theo "})
    scope = query.scope(ZoneInfo("America/Chicago"), student_id="s1")
    assert (scope.login, scope.student_id) == ("theo", "s1")
    assert scope.start.astimezone(UTC) == datetime.datetime(2026, 11, 1, 5, tzinfo=UTC)
    assert scope.end.astimezone(UTC) == datetime.datetime(2026, 11, 2, 6, tzinfo=UTC)
    assert query.params(page=3) == {"person": "theo", "from": "2026-11-01",
                                    "to": "2026-11-01", "page": "3"}
