"""Shared fixtures for the demo tests: one 2,000-Student district, generated once per run."""
from __future__ import annotations

import datetime
import time

import pytest

from profilerepo.demo.synthetic import District


@pytest.fixture(scope="session")
def today() -> datetime.date:
    return datetime.date(2026, 11, 22)


@pytest.fixture(scope="session")
def district(today) -> District:
    return District(students=2000, seed=2026, today=today)


@pytest.fixture(scope="session")
def timed_students(district):
    started = time.perf_counter()
    students = list(district.students())
    return students, time.perf_counter() - started


@pytest.fixture(scope="session")
def students(timed_students):
    return timed_students[0]
