"""profilerepo-demo killed part-way and run again: it goes on where it stopped, so the
district ends with exactly the students asked for, each complete, and the logins printed."""
from __future__ import annotations

from pathlib import Path

import pytest
import webtest

from profilerepo.app import database
from profilerepo.console import demo, site_from_config
from profilerepo.demo.loader import TEAM_ROLES, DistrictLoader
from tests.conftest import file_uri, login, make_app

STUDENTS = 23
BATCH = 5
KILLED_AT = 17  # in the fourth batch: the first three (15 students) are committed
ROLES = ("district administrator", "school administrator", "counselor", "teacher",
         "guardian", "student", "contributor")


class Killed(BaseException):
    """Stands for the operator's Ctrl-C or a kill: nothing in the loader catches it."""


def ini_in(folder):
    folder.mkdir()
    path = folder / "site.ini"
    path.write_text("[app:main]\nuse = egg:profilerepo\n"
                    f"zodbconn.uri = {file_uri(folder)}\nprofilerepo.secret = test\n")
    return path


def summary(ini) -> dict:
    """What a user would find: each student's documents and team, and every login."""
    with site_from_config(str(ini)) as (site, _manager):
        students = {}
        for student_id, student in site["students"].items():
            if "transfer-drafts" in student:
                continue  # (the student from Lakeside: a new id each load)
            students[student_id] = {
                "goals": sorted(student["plan"].goals.keys()),
                "narratives": sorted(student["narratives"].keys()),
                "portfolio": sorted(student["portfolio"].keys()),
                "team": {role: sorted(student.holders(role)) for role in TEAM_ROLES},
            }
        return {"students": students, "logins": sorted(site["principals"].users.keys()),
                "demo logins": getattr(site, "demo_logins", ())}


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(demo, "BATCH", BATCH)


def kill_the_loader_at(monkeypatch, index: int) -> None:
    add_student = DistrictLoader.add_student

    def add_or_die(self, spec):
        if spec.index == index:
            raise Killed()
        return add_student(self, spec)

    monkeypatch.setattr(DistrictLoader, "add_student", add_or_die)


def test_a_killed_demo_load_run_again_finishes_the_district(tmp_path, monkeypatch, capsys,
                                                           small_batches):
    ini = ini_in(tmp_path / "resumed")
    with monkeypatch.context() as killing:
        kill_the_loader_at(killing, KILLED_AT)
        with pytest.raises(Killed):
            demo.main([str(ini), "--students", str(STUDENTS)])
    assert len(summary(ini)["students"]) == 15, "the batches before the kill were kept"
    capsys.readouterr()

    demo.main([str(ini), "--show-logins"])
    assert "stopped after 15 of 23 students" in capsys.readouterr().out

    demo.main([str(ini), "--students", str(STUDENTS)])
    out = capsys.readouterr().out
    assert "Going on with the demo load of 23 students (seed 2026) that stopped after 15" in out
    assert f"Loaded a demo district of {STUDENTS} students" in out
    for role in ROLES:
        assert f"  {role} " in out, f"no demo login printed for {role}"

    whole = ini_in(tmp_path / "whole")
    demo.main([str(whole), "--students", str(STUDENTS)])
    resumed, expected = summary(ini), summary(whole)
    assert len(resumed["students"]) == STUDENTS
    assert resumed == expected, "the resumed district differs from one loaded in one go"

    demo.main([str(ini), "--students", str(STUDENTS)])
    assert "not loading a demo district" in capsys.readouterr().out, "a finished load stays"

    teacher = dict((role, name) for role, name, _ in resumed["demo logins"])["teacher"]
    wsgi = make_app(file_uri(tmp_path / "resumed"), tmp_path)
    try:
        assert login(webtest.TestApp(wsgi), teacher, demo.DEMO_PASSWORD).status_int == 303
    finally:
        database(wsgi.registry).close()


def test_a_load_killed_before_its_first_batch_starts_again(tmp_path, monkeypatch, capsys,
                                                          small_batches):
    ini = ini_in(tmp_path / "early")
    with monkeypatch.context() as killing:
        kill_the_loader_at(killing, 2)
        with pytest.raises(Killed):
            demo.main([str(ini), "--students", "8"])
    demo.main([str(ini), "--students", "8"])
    assert "Loaded a demo district of 8 students" in capsys.readouterr().out
    assert len(summary(ini)["students"]) == 8


def test_starting_the_server_again_finishes_a_killed_first_load(tmp_path, monkeypatch, capsys,
                                                               small_batches):
    """scripts/serve loads on its first start and runs ``--finish`` on every start after."""
    ini = ini_in(tmp_path / "served")
    with monkeypatch.context() as killing:
        kill_the_loader_at(killing, KILLED_AT)
        with pytest.raises(Killed):
            demo.main([str(ini), "--students", str(STUDENTS)])
    capsys.readouterr()
    demo.main([str(ini), "--finish"])
    out = capsys.readouterr().out
    assert "Going on with the demo load of 23 students" in out
    assert len(summary(ini)["students"]) == STUDENTS
    demo.main([str(ini), "--finish"])  # a finished load: only the logins
    out = capsys.readouterr().out
    assert "Going on" not in out and "Demo logins" in out
    assert "--finish" in (Path(__file__).parents[2] / "scripts" / "serve").read_text()
