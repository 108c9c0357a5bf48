"""A whole school's CLR 2.0 files, one signed ``<student id>.json`` per student, read only.

The school reads its students' records as its own staff do: a document the family hid from
future providers goes in only if this school wrote it (or a records request released it).
Each file is written whole or not at all; a record that cannot be made is named, not fatal.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from profilerepo.family.hiding import hiding_of, released
from profilerepo.portability.clr import signed_clr

CACHE_EVERY = 100  # students between trims of the connection's object cache


@dataclass
class BatchSummary:
    """What a batch wrote: files, bytes, time, and the students it could not export."""

    written: int = 0
    size: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (student id, why)

    @property
    def rate(self) -> float:
        return self.written / self.seconds if self.seconds else 0.0


def school_may_read(student, node) -> bool:
    """Whether the student's current school reads ``node``: not hidden from future
    providers, or hidden by the family while this school wrote it, or released to it."""
    hiding = hiding_of(node, student)
    return hiding is None or hiding.school_id == student.school or released(student, hiding)


def school_clr(student, issuer, issued=None) -> dict:
    """The CLR of ``student`` as their school may give it (see ``school_may_read``)."""
    transcript = student.get("transcript")
    return signed_clr(student, issuer,
                      include_transcript=transcript is None or school_may_read(student,
                                                                                transcript),
                      include=lambda item: school_may_read(student, item), issued=issued)


def write_whole(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a stopped run leaves no half-written file)."""
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "wb") as out:
        out.write(data)
    os.replace(partial, path)


def export_school(site, issuer, school_id: str, out_dir: str | Path, *,
                  progress: Callable[[int], None] | None = None, connection=None,
                  limit: int | None = None) -> BatchSummary:
    """Write the CLR of each student of ``school_id`` (the first ``limit``) into
    ``out_dir``; nothing in the database changes. ``progress(1)`` after each student."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    school = site["schools"][school_id]
    students = site["students"]
    summary = BatchSummary()
    started = time.perf_counter()
    for number, student_id in enumerate(school.student_ids(count=limit), 1):
        student = students.get(student_id)
        try:
            if student is None:
                raise LookupError("on the school's roster but not among the students")
            data = json.dumps(school_clr(student, issuer), ensure_ascii=False,
                              separators=(",", ":")).encode("utf-8")
        except (LookupError, ValueError, TypeError) as error:  # (one record: go on)
            summary.failed.append((student_id, str(error) or type(error).__name__))
        else:
            write_whole(out / f"{student_id}.json", data)  # (a full disk stops the run)
            summary.written += 1
            summary.size += len(data)
        if progress is not None:
            progress(1)
        if connection is not None and number % CACHE_EVERY == 0:
            connection.cacheGC()  # (read only: a thousand records need not stay loaded)
    summary.seconds = time.perf_counter() - started
    return summary


def school_size(site, school_id: str) -> int:
    return sum(count for _, count in site["schools"][school_id].grade_counts())
