"""An outside provider named on a support logs its sessions through a narrow page: the log
form for their supports and their own sessions. Logging is contributing: it takes the
family's grant to read and contribute to the plan (which lets them read the plan too);
a grant to read it only, or none, does not."""
from __future__ import annotations

import datetime

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.family.grants import READ, make_grant, revoke_grant
from tests.conftest import ENGINE

STUDENT = "/students/s1/"
PLAN = STUDENT + "plan/"
LOG = PLAN + "log-session"
TODAY = datetime.date.today()
START = TODAY - datetime.timedelta(27)
READING = {"kind": "Reading group", "provider": "theo", "setting": "in school",
           "frequency": "twice a week", "minutes": 30, "start": START, "end": None}
TUTORING = {"kind": "Math tutoring", "provider": "toby", "setting": "out of school",
            "frequency": "once a week", "minutes": 45, "start": START, "end": None}
SECRET = "Extra time on tests; a quiet room"


def plan_in_force(world, tutor: str = "toby") -> None:
    """Maya's adopted plan: a reading group (Theo) and math tutoring (``tutor``), shared
    with the family (and so with Toby, whom the family granted to read and contribute
    to the plan)."""
    plan = world.site()["students"]["s1"]["plan"]
    plan.supports = (READING, {**TUTORING, "provider": tutor})
    plan.accommodations = SECRET
    plan.team = ({"name": "Cora Example", "role": "Counselor"},)
    counselor = {"actor": "cora", "roles": {"counselor"}}
    ENGINE.perform(plan, "submit", **counselor)
    ENGINE.perform(plan, "adopt", **counselor)
    transaction.commit()
    world.close()


def log(app, support: str, minutes: str = "40", status: int = 303):
    form = app.get(LOG).forms["document-form"]
    form["support"].force_value(support)
    form["date"] = TODAY.isoformat()
    form["minutes"] = minutes
    return form.submit("save", status=status)


def choices(page) -> list[str]:
    return [v for v, _, _ in page.forms["document-form"]["support"].options if v]


def delivered(app, support: str) -> list[str]:
    soup = BeautifulSoup(app.get(PLAN).text, "html.parser")
    for row in soup.select("table.delivery tbody tr"):
        cells = [" ".join(c.get_text(" ", strip=True).split()) for c in row.select("th, td")]
        if cells[0] == support:
            return cells
    raise AssertionError(f"no delivery row for {support}")


@pytest.mark.parametrize(("role", "status", "offered"), [
    ("counselor", 200, ["Reading group", "Math tutoring"]),
    ("teacher", 200, ["Reading group", "Math tutoring"]),
    ("contributor", 200, ["Math tutoring"]),  # the provider of that support only
    ("administrator", 403, None),
    ("guardian", 403, None),
    ("student", 403, None),
])
def test_who_may_log_a_session_and_of_which_supports(world, as_role, role, status, offered):
    plan_in_force(world)
    page = as_role(role).get(LOG, status=status)
    if offered is None:
        assert "by its counselor, teachers and outside providers" in page.text
    else:
        assert choices(page) == offered


def test_the_provider_logs_a_session_and_the_plan_shows_it_delivered(world, as_role):
    plan_in_force(world)
    assert delivered(as_role("counselor"), "Math tutoring")[1:3] == ["0", "0"]
    tutor = as_role("contributor")
    page = log(tutor, "Math tutoring", "40").follow()
    assert "Logged: 40 minutes of Math tutoring" in page.text
    mine = BeautifulSoup(page.text, "html.parser").select_one("table.sessions")
    assert "Math tutoring" in mine.get_text() and "40" in mine.get_text()
    assert delivered(as_role("counselor"), "Math tutoring")[1:3] == ["1", "40"]


def test_the_provider_may_not_log_another_support(world, as_role):
    plan_in_force(world)
    page = log(as_role("contributor"), "Reading group", status=400)
    assert "Nothing was saved" in page.text
    assert world.site()["students"]["s1"]["plan"].sessions == ()


def test_the_log_page_shows_the_provider_only_their_own_supports(world, as_role):
    plan_in_force(world)
    theo = as_role("teacher")
    log(theo, "Reading group", "30")
    tutor = as_role("contributor")
    page = tutor.get(LOG).text
    assert SECRET not in page and "Reading group" not in page and "Cora Example" not in page


@pytest.mark.parametrize("level", [READ, None])
def test_a_provider_the_family_lets_only_read_or_not_at_all_logs_nothing(world, as_role,
                                                                         level):
    plan_in_force(world)
    site = world.site()
    s1 = site["students"]["s1"]
    for made in s1.grants:
        if "plan" in made.sections:
            revoke_grant(s1, made.id, by="gina")
    if level is not None:
        make_grant(site, s1, "toby", ["plan"], level, "Tutoring", START, TODAY, by="gina")
    transaction.commit()
    world.close()
    tutor = as_role("contributor")
    assert tutor.get(LOG, status=403).status_int == 403
    assert "Log a session" not in tutor.get("/").text
    assert tutor.get(PLAN, status="*").status_int == (200 if level else 403)


def test_a_contributor_who_is_not_the_provider_is_refused_as_before(world, as_role):
    plan_in_force(world, tutor="Clinic")
    tutor = as_role("contributor")
    assert "by its counselor, teachers and outside providers" in tutor.get(
        LOG, status=403).text  # (they read the plan: the refusal says why, not "no access")
    assert "Log a session" not in tutor.get("/").text
    assert tutor.get(PLAN).status_int == 200  # (the family's grant: they read the plan)


def test_the_provider_finds_the_log_page_from_their_home_page(world, as_role):
    plan_in_force(world)
    home = as_role("contributor").get("/")
    assert home.click("Log a session", href=LOG).status_int == 200


def test_a_support_with_nothing_logged_says_so_rather_than_zero_percent(world, as_role):
    plan_in_force(world)
    app = as_role("teacher")
    log(app, "Reading group", "30")
    family = as_role("guardian")
    assert delivered(family, "Math tutoring")[-1] != "0%"
    assert "Nothing has been logged yet for Math tutoring" in family.get(PLAN).text
