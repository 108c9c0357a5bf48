"""The demo district shows the family's half (issue 16, point 8): its printed logins include
a designee, a court-appointed guide, a student of 18 and a guardian of a 17-year-old, each
of whom sees what is theirs; grants in every state, a hidden past plan, the family's words,
requests in every state and months of "who looked at the record"."""
from __future__ import annotations

import datetime
import html

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup

from profilerepo import clock
from profilerepo.accesslog.store import Scope
from profilerepo.app import ROOT_KEY, database
from profilerepo.console import demo
from profilerepo.family.designees import GUIDE, designees_of
from profilerepo.family.grants import CONTRIBUTE, READ, grants_of
from profilerepo.family.hiding import hidden_documents
from profilerepo.family.words import entries
from profilerepo.family_requests.model import AmendmentRequest
from profilerepo.family_requests.statements import statements_of
from profilerepo.security.principals import logins
from tests.conftest import file_uri, login, make_app

STUDENTS = 120


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A demo district of ``STUDENTS`` loaded by the console script: (app, printed logins
    as {role: login}, what was chosen)."""
    folder = tmp_path_factory.mktemp("demo-family")
    ini = folder / "site.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   f"zodbconn.uri = {file_uri(folder)}\nprofilerepo.secret = test\n")
    demo.main([str(ini), "--students", str(STUDENTS)])
    app = webtest.TestApp(make_app(file_uri(folder), folder))
    manager = transaction.TransactionManager()
    conn = database(app.app.registry).open(manager)
    site = conn.root()[ROOT_KEY]
    printed = {role: login for role, login, _ in site.demo_logins}
    try:
        yield app, site, printed
    finally:
        manager.abort()
        conn.close()
        database(app.app.registry).close()


def student_of_login(site, login_name: str):
    return site["students"][site["principals"].get_user(login_name).student_id]


def page(app, login_name: str, address: str = "/") -> str:
    app.reset()
    assert login(app, login_name, demo.DEMO_PASSWORD).status_int == 303
    return html.unescape(BeautifulSoup(app.get(address).text, "html.parser")
                         .get_text(" ", strip=True))


def showcase(site, printed):
    """The student the designee helps manage (the showcase)."""
    user = site["principals"].get_user(printed["designee"])
    return site["students"][user.designated[0]]


def test_the_printed_logins_include_the_family_side(loaded, capsys):
    app, site, printed = loaded
    for role in ("designee", "court-appointed guide", "student aged 18",
                 "guardian of a 17-year-old"):
        assert role in printed, f"no demo login printed for {role}"
    demo.print_logins(site)
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    for role, login_name in printed.items():
        assert any(line[:len(role.split()) + 1] == [*role.split(), login_name]
                   for line in lines), role


def test_the_student_of_18_reads_that_the_rights_are_theirs(loaded):
    app, site, printed = loaded
    student = student_of_login(site, printed["student aged 18"])
    assert student.age() >= 18
    text = page(app, printed["student aged 18"], f"/students/{student.__name__}/")
    assert "the rights over your record are yours" in text


def test_the_guardian_of_a_17_year_old_is_told_what_changes_at_18(loaded):
    app, site, printed = loaded
    text = page(app, printed["guardian of a 17-year-old"])
    assert "turns 18, and the rights over this record pass to" in text


@pytest.mark.parametrize("role", ["designee", "court-appointed guide"])
def test_the_designee_and_the_guide_see_the_record_they_help_manage(loaded, role):
    app, site, printed = loaded
    user = site["principals"].get_user(printed[role])
    student = site["students"][user.designated[0]]
    appointed = [d for d in designees_of(student) if d.login == user.login]
    assert appointed and (appointed[0].kind == GUIDE) == (role != "designee")
    if role != "designee":
        assert appointed[0].order_reference.startswith("JV-")
        assert appointed[0].order_date is not None
    text = page(app, user.login)
    assert "Records you help manage" in text
    assert student.title in text


def test_grants_of_every_level_and_status_exist(loaded):
    app, site, printed = loaded
    today = clock.today()
    found = {(g.level, g.status(today)) for student in site["students"].values()
             for g in grants_of(student)}
    statuses = {status for _, status in found}
    assert {"live", "ended", "revoked", "not yet started"} <= statuses, found
    assert {(READ, "live"), (CONTRIBUTE, "live")} <= found, found


def test_the_showcase_has_a_hidden_past_plan(loaded):
    app, site, printed = loaded
    hidden = hidden_documents(showcase(site, printed))
    assert any(getattr(d, "type_title", "") == "Success plan" for d in hidden), hidden


def test_guardians_commented_on_transcripts_and_observed_goals(loaded):
    app, site, printed = loaded
    students = list(site["students"].values())
    commented = [s for s in students if entries(s["transcript"])]
    observed = [g for s in students for g in s["plan"].goals.values() if entries(g)]
    assert 3 <= len(commented) <= 8
    assert len(observed) >= 3
    assert len({entries(s["transcript"])[0][1].text for s in commented}) >= 3  # varied
    student = showcase(site, printed)
    guardian = entries(student["transcript"])[0][1].modifier
    text = page(app, guardian, f"/students/{student.__name__}/transcript")
    assert entries(student["transcript"])[0][1].text[:40] in text


def test_requests_in_every_state_one_inspection_overdue(loaded):
    app, site, printed = loaded
    engine = app.app.registry.workflows
    student = showcase(site, printed)
    made = list(student["requests"].values())
    states = {(r.kind, engine.state_of(r).name) for r in made}
    assert states == {("inspection", s) for s in ("open", "arranged", "fulfilled",
                                                  "withdrawn")} | {
        ("amendment", s) for s in ("open", "amended", "disputed", "withdrawn")}
    overdue = [r for r in made if r.kind == "inspection" and r.days_left() < 0
               and engine.state_of(r).name == "open"]
    assert len(overdue) == 1
    disputed = next(r for r in made if isinstance(r, AmendmentRequest)
                    and engine.state_of(r).name == "disputed")
    assert statements_of(disputed.document)
    corrected = next(r for r in made if isinstance(r, AmendmentRequest)
                     and engine.state_of(r).name == "amended")
    assert corrected.amended_version == corrected.document.version_number
    text = page(app, printed["district administrator"], "/requests")
    assert "1 overdue" in text and student.title in text


def test_the_showcase_access_log_holds_months_of_staff_views(loaded):
    app, site, printed = loaded
    student = showcase(site, printed)
    store = app.app.registry.access_log
    views = store.views(Scope(student_id=student.__name__), limit=10000)
    assert 150 <= len(views) <= 600
    span = max(v.at for v in views) - min(v.at for v in views)
    assert span > datetime.timedelta(days=90)
    capacities = {v.capacity for v in views}
    assert {"counselor on the team", "teacher on the team",
            "granted by the family"} <= capacities, capacities
    guardian = entries(student["transcript"])[0][1].modifier
    text = page(app, guardian, f"/students/{student.__name__}/access-log")
    assert f"Who looked at {student.first_name}'s record" in text
    counselor = site["principals"].get_user(logins(student.holders("counselor"))[0])
    assert counselor.title in text
    assert "Nobody outside the family has looked" not in text


def test_another_district_asked_for_two_records_one_waits_for_approval(loaded):
    from profilerepo.portability import transfers

    app, site, printed = loaded
    asked = transfers.listed(site, transfers.ASKED_OF_US)
    assert sorted(t.status for t in asked) == ["sent", "waiting"]
    text = page(app, printed["district administrator"], "/transfers")
    assert "Lakeside County Schools" in text and "Waiting for your approval" in text
    waiting = next(t for t in asked if t.status == "waiting")
    student = site["students"][waiting.student_id]
    guardian = logins(student.holders("guardian"))[0]
    text = page(app, guardian, f"/students/{student.__name__}/access-log")
    assert "Lakeside County Schools" in text
    # the family reads on the student's page that the request waits, for a school of the
    # student's level (a grade 9 student joins the high school)
    text = page(app, guardian, f"/students/{student.__name__}")
    assert "Waiting for the school district's answer: nothing has been sent" in text
    level = "High" if student.grade in ("9", "10", "11", "12") else "Middle" if \
        student.grade in ("6", "7", "8") else "Elementary"
    assert waiting.school == f"Lakeside {level} School"
    sent = next(t for t in asked if t.status == "sent")
    assert sent.history[1][1] == "Approved" and sent.history[1][2]  # (by someone)


def test_a_student_came_from_lakeside_with_a_verified_record_and_drafts_to_adopt(loaded):
    from profilerepo.portability import transfers

    app, site, printed = loaded
    arrived = [t for t in transfers.listed(site, transfers.ASKED)
               if t.status == transfers.IMPORTED]
    assert len(arrived) == 1 and arrived[0].district_name == "Lakeside County Schools"
    student = site["students"][arrived[0].student_id]
    assert "transfer-drafts" in student and "earlier-transcripts" in student
    plan = student["transfer-drafts"]["plan"]
    assert plan.provenance["district"] == "Lakeside County Schools"
    text = page(app, printed["district administrator"], f"/transfers/{arrived[0].id}")
    assert "Record received, verified and imported" in text
    text = page(app, printed["district administrator"],
                f"/students/{student.__name__}/transfer-drafts/plan/")
    assert "Lakeside County Schools, signed" in text and "verified" in text
    assert "Comparable services until the team adopts or replaces this plan" in text
    counselor = logins(student.holders("counselor"))[0]
    text = page(app, counselor, f"/students/{student.__name__}/transfer-drafts/plan/")
    assert "Adopt this plan" in text
