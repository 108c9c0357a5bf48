"""Three readers of one access model: the security policy, a page's ``request.access``
and search's indexed viewers must say the same of who may view what.

For every person of the conftest school (and a district administrator, and a student
past 16) and every node of every student, with documents in many workflow states
reached by taking transitions, the three answers agree; changing any one alone fails.
"""
from __future__ import annotations

import datetime
import io

import pytest
import transaction
from pyramid.request import Request

from profilerepo.content.lineage import student_of
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.content.student import update_student
from profilerepo.family.grants import revoke_grant
from profilerepo.family.hiding import hide, request_records
from profilerepo.plans.goals import Goal
from profilerepo.plans.reports import ProgressReport
from profilerepo.principals import hash_password
from profilerepo.search.queue import indexed
from profilerepo.security.access import Access, indexed_viewers, search_principals
from profilerepo.security.local_roles import assign, grant
from profilerepo.security.policy import SecurityPolicy
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from profilerepo.security.roles import VIEW
from profilerepo.workflow.index import enter_workflows, path_of
from tests.conftest import (
    ENGINE,
    OTHER_GUARDIAN,
    OTHER_TEACHER,
    PASSWORD,
    READING_GOAL,
    ROLE_USERS,
    file_uri,
    make_app,
    populated,
)

DISTRICT_ADMINISTRATOR = "dina"
OLDER_STUDENT = "sol"  # the student of s3, past 16
PEOPLE = (*ROLE_USERS.values(), OTHER_TEACHER, OTHER_GUARDIAN, DISTRICT_ADMINISTRATOR,
          OLDER_STUDENT)


def _take(document, *transitions: str, actor: str = "cora", roles=None) -> None:
    """Take ``transitions`` in turn, as the counselor unless told."""
    for name in transitions:
        ENGINE.perform(document, name, actor=actor, roles=roles or {"counselor"},
                       comment="Noted.")


def _add(folder, name: str, document, *transitions: str, actor: str = "cora",
         roles=None):
    folder.add(name, document)
    document = folder[name]
    enter_workflows(ENGINE, document)
    _take(document, *transitions, actor=actor, roles=roles)
    return document


def _narrative(by: str, title: str) -> Narrative:
    return Narrative({"title": title, "term": "Fall", "course": "Art",
                      "body": "Drew a boat."}, by=by)


def _item(by: str, title: str) -> PortfolioItem:
    blob, content_type, size = store_file(io.BytesIO(b"my bridge"), 1000)
    return PortfolioItem({"title": title, "kind": "work", "file": blob,
                          "filename": "bridge.txt", "content_type": content_type,
                          "size": size}, by=by)


def _report(by: str) -> ProgressReport:
    return ProgressReport({"period": "Fall", "body": "Reads 96 words a minute."}, by=by)


def furnish(site) -> None:
    """Documents in many states on every student, by their authors on and off the team."""
    principals, students = site["principals"], site["students"]
    hashed = hash_password(PASSWORD)
    principals.add_user(DISTRICT_ADMINISTRATOR, "Dina District", "staff",
                        password_hash=hashed, groups=(DISTRICT_ADMINISTRATORS,))
    principals.add_user(OLDER_STUDENT, "Sol Chen", "student", password_hash=hashed)
    s1, s2, s3 = students["s1"], students["s2"], students["s3"]
    s3.birth_date = datetime.date(2005, 1, 2)  # past 16 whatever today is
    assign(site, s3, OLDER_STUDENT, "student")
    author = {"actor": "theo", "roles": {"teacher", "author"}}
    narratives = s1["narratives"]
    _add(narratives, "n-draft", _narrative("theo", "Draft"))
    _add(narratives, "n-submitted", _narrative("theo", "Submitted"), "submit", **author)
    for name, then in (("returned", "return"), ("approved", "approve"), ("shared", "approve")):
        narrative = _add(narratives, f"n-{name}", _narrative("theo", name.title()), "submit",
                         **author)
        _take(narrative, then)
        if name == "shared":
            _take(narrative, "share")
    _add(narratives, "n-by-tess", _narrative(OTHER_TEACHER, "Off the team"))  # no author
    _add(s2["narratives"], "n-s2", _narrative(OTHER_TEACHER, "Jonah"), "submit",
         actor=OTHER_TEACHER, roles={"teacher", "author"})
    _add(s3["narratives"], "n-s3", _narrative(OTHER_TEACHER, "Iris"), "submit",
         actor=OTHER_TEACHER, roles={"teacher", "author"})
    goals = s1["plan"].goals
    _add(goals, "g-proposed", Goal(READING_GOAL, by="cora"))
    _add(goals, "g-active", Goal(READING_GOAL, by="cora"), "activate")
    _add(goals, "g-met", Goal(READING_GOAL, by="cora"), "activate", "mark_met")
    _add(s2["plan"].goals, "g-s2", Goal(READING_GOAL, by="cora"), "activate")
    _add(s1["plan"].reports, "r-draft", _report("cora"))
    _add(s1["plan"].reports, "r-shared", _report("cora"), "review", "share")
    _add(s2["plan"].reports, "r-s2", _report("cora"), "review")
    _add(s1["portfolio"], "p-private", _item("sam", "Mine"))
    _add(s1["portfolio"], "p-family", _item("theo", "Shared"), "share_with_family",
         actor="theo", roles={"teacher", "author"})
    _add(s3["portfolio"], "p-s3", _item(OLDER_STUDENT, "Bridge"))
    ended = datetime.date(2000, 6, 1)  # a plan may be closed once its period has ended
    for student in (s1, s2):
        student["plan"].record({"period_start": datetime.date(1999, 9, 1),
                                "period_end": ended, "review_due": ended}, by="cora")


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """The conftest school, furnished, committed once for the whole table."""
    path = tmp_path_factory.mktemp("agreement")
    wsgi = make_app(file_uri(path), path)
    world = populated(wsgi)
    furnish(world.site())
    transaction.commit()
    world.close()
    yield world
    world.close()


def _plans(site):
    return [site["students"][sid]["plan"] for sid in ("s1", "s2")]


def _in_review(site) -> None:
    for plan in _plans(site):
        _take(plan, "submit")


def _in_force(site) -> None:
    for plan in _plans(site):
        _take(plan, "submit", "adopt")


def _amending(site) -> None:
    for plan in _plans(site):
        _take(plan, "submit", "adopt", "amend")


def _closed(site) -> None:
    for plan in _plans(site):
        _take(plan, "submit", "adopt", "close")


def _private(site) -> None:
    for name in ("plan", "profile"):
        _take(site["students"]["s1"][name], "make_private")


def _grants_revoked(site) -> None:
    s1 = site["students"]["s1"]
    for made in s1.grants:
        revoke_grant(s1, made.id, by="gina")


def _hidden_then_moved(site) -> None:
    """The family hides s1's plan; s1 moves to the other school, where Tess teaches."""
    s1 = site["students"]["s1"]
    hide(s1, s1["plan"], by="gina")
    update_student(site, s1, {**s1.field_values(), "school": "south"}, by="ada")
    grant(site, s1, OTHER_TEACHER, "teacher")


def _records_requested(site) -> None:
    _hidden_then_moved(site)
    request_records(site["students"]["s1"], by=OTHER_TEACHER, purpose="Planning services")


# Where the plans and profiles stand when the table is read: moved there by transitions.
SCENARIOS = {
    "as set up": lambda site: None,
    "plans in review": _in_review,
    "plans in force": _in_force,
    "plans amending": _amending,
    "plans closed": _closed,
    "s1's plan and profile made private": _private,
    "s1's grants to Toby revoked": _grants_revoked,
    "s1's plan hidden, then s1 moved school": _hidden_then_moved,
    "then the new school's records request": _records_requested,
}


# Who rightly views nothing at all in a scenario.
SEES_NOTHING = {("s1's grants to Toby revoked", ROLE_USERS["contributor"]),
                *((scenario, ROLE_USERS["teacher"])
                  for scenario in ("s1's plan hidden, then s1 moved school",
                                   "then the new school's records request"))}


def every_node(node):
    yield node
    for child in getattr(node, "subfolders", ()):
        yield from every_node(child)
    values = getattr(node, "values", None)
    if callable(values):
        for child in values():
            yield from every_node(child)


def answers(request, node) -> tuple[bool, bool, bool | None]:
    """(the policy's, the page's, search's) answer to "may this person view ``node``";
    search's is None for a node search does not keep (a folder)."""
    user, engine = request.user, request.registry.workflows
    policy = bool(SecurityPolicy().permits(request, node, VIEW))
    page = Access(request).can_view(node)
    if not indexed(node):
        return policy, page, None
    mine = set(search_principals(student_of(node).__parent__.__parent__, user))
    return policy, page, bool(mine & set(indexed_viewers(engine, node)))


@pytest.mark.parametrize("login", PEOPLE)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_policy_page_and_search_agree_on_who_views(school, scenario, login):
    site = school.site()
    try:
        SCENARIOS[scenario](site)
        request = Request.blank("/")
        request.registry = school.wsgi.registry
        request.user = site["principals"].get_user(login)
        shared = Access(request)  # (one per request: its remembered answers agree too)
        table, searched = [], 0
        for student in site["students"].values():
            for node in every_node(student):
                policy, page, search = answers(request, node)
                row = (path_of(node), policy, page, search)
                assert page == policy, f"{login}: the page and the policy differ: {row}"
                assert search in (None, policy), f"{login}: search and the policy differ: {row}"
                assert shared.can_view(node) == policy, f"{login}: a page's second look: {row}"
                searched += search is not None
                table.append(row)
        assert searched >= 30 and len(table) > searched  # (documents and folders alike)
        if (scenario, login) not in SEES_NOTHING:
            assert any(row[1] for row in table), f"{login} views nothing at all"
        else:  # (rightly: the grant ended; the teacher's school is no longer the student's)
            assert not any(row[1] for row in table), f"{login} still views something"
        if login != DISTRICT_ADMINISTRATOR:  # (who views every document in every state)
            assert not all(row[1] for row in table), f"{login} views everything"
    finally:
        transaction.abort()
        school.close()
