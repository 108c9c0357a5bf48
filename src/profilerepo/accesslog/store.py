"""Where the access log is kept: one SQLite file, outside ZODB, so that recording a page
view is never a ZODB write that could conflict with another (or be retried).

Each thread has a connection of its own (SQLite connections are not shared); the file is
in WAL mode with ``synchronous=NORMAL``: an entry is in the WAL once ``record`` returns,
so a crash of the server process loses nothing (only an OS crash or power loss can lose
what was written since the last checkpoint). Entries are never pruned (99.32: kept as
long as the record).
"""
from __future__ import annotations

import datetime
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

UTC = datetime.UTC
BUSY_SECONDS = 10.0  # how long a writer waits for another's lock before giving up

SCHEMA = """
CREATE TABLE IF NOT EXISTS views (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,           -- UTC, ISO 8601 to the microsecond: sorts as time does
    student_id TEXT NOT NULL,
    student_name TEXT NOT NULL, -- the student's name then
    school_id TEXT NOT NULL,    -- the student's school then: its administrators read it
    login TEXT NOT NULL,
    name TEXT NOT NULL,         -- the viewer's name then
    capacity TEXT NOT NULL,     -- in plain words ("teacher on the team")
    path TEXT NOT NULL,         -- the document's path ("students/s1/plan")
    kind TEXT NOT NULL,         -- its kind then ("Success plan")
    title TEXT NOT NULL,        -- its title then
    view TEXT NOT NULL,         -- the page of it ("" the document, "download" its file)
    version INTEGER             -- the earlier version asked for, if one was
);
CREATE INDEX IF NOT EXISTS views_by_student ON views (student_id, at);
CREATE INDEX IF NOT EXISTS views_by_school ON views (school_id, at);
"""
# A row that records a request for the record (another district asking for it, 99.32), not
# a view of it: listed with the person, not counted among their views.
REQUEST = "records-request"
COLUMNS = ("at", "student_id", "student_name", "school_id", "login", "name", "capacity",
           "path", "kind", "title", "view", "version")


@dataclass(frozen=True)
class View:
    """One view of one page or file of a student's record by one person."""

    at: datetime.datetime  # aware; stored in UTC
    student_id: str
    student_name: str
    school_id: str
    login: str
    name: str
    capacity: str
    path: str
    kind: str
    title: str
    view: str = ""
    version: int | None = None


@dataclass(frozen=True)
class Viewer:
    """One person's views (of one student, on a school's log): how many, first and last."""

    login: str
    name: str
    capacities: tuple[str, ...]
    views: int
    first: datetime.datetime
    last: datetime.datetime
    student_id: str = ""
    student_name: str = ""


@dataclass(frozen=True)
class Scope:
    """Which entries a page reads: one student's, or one school's; narrowed to one person
    and to a span of time (``start`` inclusive, ``end`` exclusive, aware)."""

    student_id: str | None = None
    school_id: str | None = None
    login: str | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None

    def where(self) -> tuple[str, list]:
        clauses, values = [], []
        for column in ("student_id", "school_id", "login"):
            value = getattr(self, column)
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        if self.start is not None:
            clauses.append("at >= ?")
            values.append(stamp(self.start))
        if self.end is not None:
            clauses.append("at < ?")
            values.append(stamp(self.end))
        return " AND ".join(clauses) or "1", values


def stamp(moment: datetime.datetime) -> str:
    """A moment as stored: UTC, always the same width, so text order is time order."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def moment(stored: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(stored).replace(tzinfo=UTC)


class AccessLog:
    """The access log in the SQLite file at ``path`` (made, with its folder, if missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._connection().executescript(SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (a server thread keeps one for its life)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # (autocommit: each entry is its own short transaction, holding the write lock
            # for one insert; check_same_thread off only so that ``close`` can close all)
            conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    def record(self, view: View) -> None:
        """Add one entry; once this returns it is in the WAL (safe from a process crash)."""
        self.record_many((view,))

    def record_many(self, views: Iterable[View]) -> None:
        """Add entries in one transaction (the demo's months of entries, tests, the bench)."""
        rows = [(stamp(v.at), *(getattr(v, c) for c in COLUMNS[1:])) for v in views]
        conn = self._connection()
        placeholders = ", ".join("?" * len(COLUMNS))
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(f"INSERT INTO views ({', '.join(COLUMNS)}) "
                             f"VALUES ({placeholders})", rows)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def count(self, scope: Scope) -> int:
        where, values = scope.where()
        return self._connection().execute(
            f"SELECT COUNT(*) FROM views WHERE {where}", values).fetchone()[0]

    def viewers(self, scope: Scope, *, by_student: bool = False, offset: int = 0,
                limit: int = 50) -> tuple[list[Viewer], int]:
        """A page of people (of people and students, ``by_student``) with their views in
        ``scope``, the most recent first, and how many such rows there are in all."""
        where, values = scope.where()
        group = "login, student_id" if by_student else "login"
        conn = self._connection()
        total = conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM views WHERE {where} "
                             f"GROUP BY {group})", values).fetchone()[0]
        # (SQLite takes the bare columns, the names, from the row holding MAX(at): the
        # names as they were at the last view)
        rows = conn.execute(
            f"SELECT login, name, student_id, student_name, MAX(at), MIN(at), "
            f"SUM(view != '{REQUEST}'), "
            f"GROUP_CONCAT(DISTINCT capacity) FROM views WHERE {where} GROUP BY {group} "
            f"ORDER BY MAX(at) DESC, login LIMIT ? OFFSET ?",
            [*values, limit, offset]).fetchall()
        return [Viewer(login=login, name=name, capacities=tuple(sorted(caps.split(","))),
                       views=n, first=moment(first), last=moment(last),
                       student_id=sid if by_student else "",
                       student_name=sname if by_student else "")
                for login, name, sid, sname, last, first, n, caps in rows], total

    def views(self, scope: Scope, *, offset: int = 0, limit: int = 50) -> list[View]:
        """A page of single entries in ``scope``, the most recent first."""
        where, values = scope.where()
        rows = self._connection().execute(
            f"SELECT {', '.join(COLUMNS)} FROM views WHERE {where} "
            f"ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", [*values, limit, offset])
        return [View(moment(row[0]), *row[1:]) for row in rows]

    def people(self, scope: Scope) -> list[tuple[str, str]]:
        """(login, name) of everyone in ``scope``, by name: the choices of a filter."""
        where, values = scope.where()
        rows = self._connection().execute(
            f"SELECT login, name, MAX(at) FROM views WHERE {where} GROUP BY login", values)
        return sorted(((login, name) for login, name, _ in rows),
                      key=lambda p: (p[1].lower(), p[0]))

    def close(self) -> None:
        """Close every thread's connection (at the end of a test or a bench run)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._local = threading.local()
