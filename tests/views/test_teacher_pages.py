"""A teacher's pages through HTTP: the narratives list says where each narrative stands,
the home page lists their drafts and returned narratives, the record form helps enter a
measurement (today's date, the unit, the range, the last value)."""
from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import transaction

from profilerepo.app import database
from profilerepo.content.narratives import Narrative
from profilerepo.plans.goals import Goal
from profilerepo.security.local_roles import grant
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, READING_GOAL, file_uri, login, make_app, populated, take

S1 = "/students/s1/"
GOAL = S1 + "plan/goals/goal-1/"
SAVED = datetime.datetime(2026, 3, 3, 15, 0, tzinfo=datetime.UTC)
RETURNED = datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC)


def words(page) -> str:
    return " ".join(page.html.get_text(" ").split())


def put_narrative(site, name: str, title: str, by: str, student: str = "s1",
                  path: tuple[str, ...] = ()) -> None:
    """A narrative by ``by``, last saved on SAVED, taken along ``path`` (transitions, the
    return on RETURNED), as the add form and the review buttons leave it."""
    narrative = Narrative({"title": title, "term": "Fall", "course": "Science",
                           "body": "Designs careful experiments."}, by=by, when=SAVED)
    site["students"][student]["narratives"].add(name, narrative)
    enter_workflows(ENGINE, narrative)
    for transition in path:
        actor, roles = (by, {"author"}) if transition == "submit" else ("cora", {"counselor"})
        ENGINE.perform(narrative, transition, actor=actor, roles=roles, comment="Add an example",
                       when=RETURNED if transition == "return" else None)


def test_the_narratives_list_shows_each_state_in_words_and_its_last_saved_date(world):
    site = world.site()
    put_narrative(site, "narrative-1", "Fall science", "theo")
    put_narrative(site, "narrative-2", "Fall math", "theo", path=("submit",))
    transaction.commit()
    world.close()
    login(world.app, "theo")
    items = {li.a.get_text(): " ".join(li.get_text(" ").split())
             for li in world.app.get(S1 + "narratives/").html.select("ul.documents li")}
    assert "Draft" in items["Fall science"] and "3 March 2026" in items["Fall science"]
    assert "Waiting for review" in items["Fall math"] and "3 March 2026" in items["Fall math"]
    assert "submitted" not in items["Fall math"]  # the state's title, never its id


def test_the_list_follows_a_narrative_written_and_submitted_through_the_pages(world):
    app = world.app
    login(app, "theo")
    form = app.get(S1 + "narratives/add").forms["document-form"]
    form["title"], form["term"], form["course"] = "Spring art", "Spring", "Art"
    form["body"] = "Mixes colours with care."
    url = form.submit("save").headers["Location"]
    today = datetime.datetime.now(world.wsgi.registry.timezone).date()
    item = " ".join(app.get(S1 + "narratives/").html.select_one("ul.documents li")
                    .get_text(" ").split())
    assert "Draft" in item and f"{today.day} {today:%B %Y}" in item
    take(app, url, "submit")
    assert "Waiting for review" in words(app.get(S1 + "narratives/"))


def home_section(app, heading: str):
    page = app.get("/")
    found = page.html.find(lambda tag: tag.name in ("h2", "h3")
                           and tag.get_text(strip=True) == heading)
    assert found is not None, f"no {heading!r} on the home page"
    return page, found.find_next(["table", "p"])


def test_the_teacher_home_lists_my_drafts_and_what_was_returned_to_me(world):
    site = world.site()
    grant(site, site["students"]["s1"], "tess", "teacher")  # a colleague on Maya's team
    put_narrative(site, "narrative-1", "Fall science", "theo")
    put_narrative(site, "narrative-2", "Fall math", "theo", path=("submit", "return"))
    put_narrative(site, "narrative-3", "Fall music", "theo", path=("submit",))
    put_narrative(site, "narrative-4", "Tess's draft", "tess")
    put_narrative(site, "narrative-5", "Tess's returned", "tess", path=("submit", "return"))
    transaction.commit()
    world.close()
    app = world.app
    login(app, "theo")
    page, drafts = home_section(app, "My drafts")
    rows = [" ".join(tr.get_text(" ").split()) for tr in drafts.select("tbody tr")]
    assert rows == ["Lopez, Maya Fall science 3 March 2026"]
    assert drafts.find("a", string="Fall science")["href"].endswith(S1 + "narratives/narrative-1/")
    _, returned = home_section(app, "Returned to me")
    rows = [" ".join(tr.get_text(" ").split()) for tr in returned.select("tbody tr")]
    assert rows == ["Lopez, Maya Fall math 5 March 2026"]
    assert returned.find("a", string="Fall math")["href"].endswith(S1 + "narratives/narrative-2/")
    text = words(page)
    assert "Tess's" not in text and "Fall music" not in text
    worklist = page.html.find("a", href=lambda h: h and h.endswith("/worklists"))
    assert worklist is not None and "worklist" in worklist.get_text().lower()


def test_a_teacher_with_nothing_in_progress_is_told_so(world):
    login(world.app, "theo")
    text = words(world.app.get("/"))
    assert "My drafts" in text and "Returned to me" in text
    assert "You have no narratives in draft" in text
    assert "None of your narratives was returned to you" in text


def add_goal(world, points=()) -> None:
    site = world.site()
    goal = Goal({**READING_GOAL, "responsible": ("theo",), "lowest": 0.0, "highest": 300.0},
                by="cora")
    site["students"]["s1"]["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    for when, value in points:
        goal.add_data_point(when, value, by="theo")
    transaction.commit()
    world.close()


@pytest.fixture
def far_east(tmp_path):
    """The conftest school in a district whose day starts 14 hours before UTC's."""
    wsgi = make_app(file_uri(tmp_path), tmp_path, **{"profilerepo.timezone": "Pacific/Kiritimati"})
    world = populated(wsgi)
    yield world
    world.close()
    database(wsgi.registry).close()


def test_the_record_form_starts_at_today_in_the_district(far_east):
    add_goal(far_east)
    login(far_east.app, "theo")
    form = far_east.app.get(GOAL + "record").forms["document-form"]
    assert form["date"].value == datetime.datetime.now(ZoneInfo("Pacific/Kiritimati")) \
        .date().isoformat()


def test_the_record_form_shows_the_unit_the_range_and_the_last_value(world):
    add_goal(world, [(datetime.date(2025, 3, 3), 95.0), (datetime.date(2024, 11, 4), 88.0)])
    login(world.app, "theo")
    page = world.app.get(GOAL + "record")
    value = page.html.find("input", attrs={"name": "value"})
    label = page.html.find("label", attrs={"for": value["id"]}).get_text(strip=True)
    help_text = " ".join(page.html.find(id=value["aria-describedby"]).get_text().split())
    assert label == "Value" and "In words a minute, from 0 to 300" in help_text
    assert "Last recorded: 95 words a minute on 3 March 2025" in words(page)


def test_the_record_form_of_a_goal_without_data_says_so_and_records_today(world):
    add_goal(world)
    app = world.app
    login(app, "theo")
    page = app.get(GOAL + "record")
    assert "No measurements yet" in words(page)
    form = page.forms["document-form"]
    form["value"] = "90"
    form.submit("save", status=303)
    today = datetime.datetime.now(world.wsgi.registry.timezone).date()
    assert f"Recorded 90 words a minute on {today.day} {today:%B %Y}" in words(app.get(GOAL))
