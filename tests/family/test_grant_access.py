"""Grants over HTTP: what a person outside the school opens, adds and edits in each part of
Maya's record, for every state a grant can be in, and how fast a revoke or an end date
reaches search."""
from __future__ import annotations

import datetime
import io

import pytest
import transaction

from profilerepo import clock
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.family.grants import CONTRIBUTE, READ, GrantError, make_grant, revoke_grant
from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, PASSWORD, READING_GOAL, login
from tests.search.test_search import drain

S1 = "/students/s1/"
TUTOR = "tina"  # a reading tutor Maya's family may grant access to
TODAY = clock.today()
DAY = datetime.timedelta(days=1)
ALL = ("profile", "plan", "portfolio", "narratives", "transcript")

# what is asked, by part of the record: (view URL, add URL or None, edit URL or None)
PAGES = {
    "student page": (S1, None, S1 + "edit"),
    "profile": (S1 + "profile/", None, S1 + "profile/edit"),
    "plan": (S1 + "plan/", S1 + "plan/goals/add", S1 + "plan/edit"),
    "goal": (S1 + "plan/goals/goal-1/", None, S1 + "plan/goals/goal-1/edit"),
    "narrative": (S1 + "narratives/n-1/", S1 + "narratives/add", S1 + "narratives/n-1/edit"),
    "portfolio item": (S1 + "portfolio/item-1/", S1 + "portfolio/add",
                       S1 + "portfolio/item-1/edit"),
    "transcript": (S1 + "transcript/", None, S1 + "transcript/edit"),
}
SECTION = {"student page": None, "profile": "profile", "plan": "plan", "goal": "plan",
           "narrative": "narratives", "portfolio item": "portfolio",
           "transcript": "transcript"}

# grant state -> (sections, level, starts, ends, revoked)
GRANTS = {
    "none": None,
    "read": (ALL, READ, TODAY - 30 * DAY, TODAY + 30 * DAY, False),
    "read and contribute": (ALL, CONTRIBUTE, TODAY - 30 * DAY, TODAY + 30 * DAY, False),
    "read, profile only": (("profile",), READ, TODAY, TODAY, False),
    "not yet started": (ALL, CONTRIBUTE, TODAY + DAY, TODAY + 30 * DAY, False),
    "ended": (ALL, CONTRIBUTE, TODAY - 30 * DAY, TODAY - DAY, False),
    "revoked": (ALL, CONTRIBUTE, TODAY - 30 * DAY, TODAY + 30 * DAY, True),
}


IN_A_FOLDER = ("goal", "narrative", "portfolio item")  # one of many: existence is private


def expected(state: str, page: str, action: str) -> int:
    """What the tutor gets, written out from the rule: a live grant opens the sections it
    names to read what the family reads (the student page opens with any); at "read and
    contribute" they add portfolio work (observations and sessions have pages of their
    own); nobody outside the school edits the school's records or adds to its plan. A
    refusal is "not found" where they may not know the thing exists (a student they have
    no live grant on, one document of a folder's many), else "forbidden"."""
    grant = GRANTS[state]
    live = grant is not None and state not in ("not yet started", "ended", "revoked")
    opens = live and (SECTION[page] is None or SECTION[page] in grant[0])
    refused = 404 if not live or (page in IN_A_FOLDER and not opens) else 403
    if action == "view":
        return 200 if opens else refused
    if action == "add":
        allowed = opens and page == "portfolio item" and grant[1] == CONTRIBUTE
        return 200 if allowed else (404 if not live else 403)
    return refused


def _record(site) -> None:
    """Maya's record as the family reads it: her plan with a goal, a shared narrative and
    a shared portfolio item (her profile and plan are shared with the family already)."""
    s1 = site["students"]["s1"]
    s1["plan"].goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    enter_workflows(ENGINE, s1["plan"].goals["goal-1"])
    s1["narratives"].add("n-1", Narrative({"title": "Science, spring", "term": "Spring",
                                            "course": "Science",
                                            "body": "Maya designed a careful experiment."},
                                           by="theo"))
    narrative = s1["narratives"]["n-1"]
    enter_workflows(ENGINE, narrative)
    for step, roles in (("submit", {"author", "teacher"}), ("approve", {"counselor"}),
                        ("share", {"counselor"})):
        ENGINE.perform(narrative, step, actor="theo" if step == "submit" else "cora",
                       roles=roles)
    blob, content_type, size = store_file(io.BytesIO(b"my bridge"), 1000)
    s1["portfolio"].add("item-1", PortfolioItem({
        "title": "Bridge report", "kind": "work", "file": blob, "filename": "bridge.txt",
        "content_type": content_type, "size": size}, by="sam"))
    enter_workflows(ENGINE, s1["portfolio"]["item-1"])
    ENGINE.perform(s1["portfolio"]["item-1"], "share_with_family", actor="cora",
                   roles={"counselor"})


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _tutor_with(world, state: str) -> None:
    site = world.site()
    site["principals"].add_user(TUTOR, "Tina Reyes", "contributor", password=PASSWORD)
    _record(site)
    grant = GRANTS[state]
    if grant is not None:
        sections, level, starts, ends, revoked = grant
        s1 = site["students"]["s1"]
        made = make_grant(site, s1, TUTOR, sections, level, "Reading tutoring", starts,
                          ends, by="gina", now=_noon(starts))  # (made on its first day)
        if revoked:
            revoke_grant(s1, made.id, by="gina")
    transaction.commit()
    world.close()


@pytest.mark.parametrize("state", list(GRANTS))
def test_a_grant_opens_what_it_names_while_it_is_live(world, district_day, state):
    district_day(TODAY)
    _tutor_with(world, state)
    app = world.app
    assert login(app, TUTOR).status_int == 303
    got, wanted = {}, {}
    for page, urls in PAGES.items():
        for action, url in zip(("view", "add", "edit"), urls, strict=True):
            if url is None:
                continue
            got[page, action] = app.get(url, status="*").status_int
            wanted[page, action] = expected(state, page, action)
    assert got == wanted


def test_a_revoked_grant_closes_search_at_once(world, district_day):
    """The tutor finds Maya's narrative while the grant is live, and not in the first
    search after the revoke: results, totals and facets alike."""
    district_day(TODAY)
    _tutor_with(world, "read")
    drain(world.wsgi)  # (indexed, as the indexer thread does in a server)
    app = world.app
    login(app, TUTOR)
    found = app.get("/search", {"q": "experiment"})
    assert "Science, spring" in found.text
    site = world.site()
    s1 = site["students"]["s1"]
    revoke_grant(s1, s1.grants[-1].id, by="gina")
    transaction.commit()
    world.close()
    after = app.get("/search", {"q": "experiment"})
    assert "Science, spring" not in after.text
    assert "Science" not in _facets(after)


def _results(app, words: str) -> str:
    """What the search page lists for ``words``: the count, then each hit's title."""
    main = app.get("/search", {"q": words}).html.find("main")
    return " ".join(main.get_text(" ").split()).split("Search ", 2)[-1]


def _facets(page) -> str:
    facets = page.html.find(class_="facets")
    return facets.get_text() if facets is not None else ""


def test_a_grant_ends_on_its_end_date_with_no_job(world, district_day):
    """The same grant, asked on its last day and the day after: nothing runs between."""
    district_day(TODAY)
    _tutor_with(world, "read, profile only")
    drain(world.wsgi)
    app = world.app
    login(app, TUTOR)
    assert app.get(S1 + "profile/").status_int == 200
    assert "Learner profile" in _results(app, "patience")
    district_day(TODAY + DAY)
    assert app.get(S1 + "profile/", status="*").status_int == 404  # (no longer theirs to know)
    assert _results(app, "patience") == "0 results."


def test_a_grant_is_refused_for_staff_and_bad_dates(world):
    site = world.site()
    s1 = site["students"]["s1"]
    for login_, sections, starts, ends, words in (
            ("theo", ["profile"], TODAY, TODAY, "works at a school"),
            ("toby", [], TODAY, TODAY, "at least one part"),
            ("toby", ["diary"], TODAY, TODAY, "no part of the record"),
            ("toby", ["profile"], TODAY, TODAY - DAY, "before the start"),
            ("toby", ["profile"], TODAY - 9 * DAY, TODAY - DAY, "already past"),
            ("sam", ["profile"], TODAY, TODAY, "already sees their own record"),
            ("nobody", ["profile"], TODAY, TODAY, "Nobody has the login")):
        with pytest.raises(GrantError, match=words):
            make_grant(site, s1, login_, sections, READ, "Tutoring", starts, ends, by="gina")
    transaction.abort()
    world.close()
