"""Designees and guides: who manages Maya's record (before and after her 18th birthday),
naming and ending a designee through the page, recording a court-appointed guide, and
what the record keeps of who appointed whom and when."""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo import clock
from profilerepo.family.designees import (
    DesigneeError,
    end_designee,
    managed_students,
    manages_record,
    name_designee,
    record_guide,
)
from tests.conftest import PASSWORD, csrf_of, login
from tests.family.test_grants_http import PAGE, S1, TODAY, grant_as, people, reads

DAY = datetime.timedelta(days=1)


def on(student_birth: datetime.date, years: int) -> datetime.date:
    """The day ``student_birth`` turns ``years`` (28 February for a 29 February birth)."""
    try:
        return student_birth.replace(year=student_birth.year + years)
    except ValueError:
        return student_birth.replace(year=student_birth.year + years, day=28)


# who -> whether they manage Maya's record the day before her 18th birthday, and on it
MANAGES = {
    "guardian": ("gina", True, False),
    "student": ("sam", False, True),
    "designee named by the guardian": ("dee", True, False),
    "designee named by the student at 18": ("ned", False, True),
    "guide": ("gil", True, True),
    "designee since ended": ("eve", False, False),
    "counselor": ("cora", False, False),
    "contributor": ("toby", False, False),
    "other family's guardian": ("gus", False, False),
}


@pytest.mark.parametrize("who", list(MANAGES))
def test_who_manages_the_record_before_and_after_18(world, who):
    login_name, before, after = MANAGES[who]
    site = world.site()
    principals = site["principals"]
    for name in ("dee", "ned", "gil", "eve"):
        principals.add_user(name, name.title(), "contributor", password=PASSWORD)
    s1 = site["students"]["s1"]
    eighteen = on(s1.birth_date, 18)
    at = datetime.datetime.combine(eighteen - DAY, datetime.time(12), tzinfo=datetime.UTC)
    name_designee(site, s1, "dee", by="gina", now=at)
    ended = name_designee(site, s1, "eve", by="gina", now=at)
    end_designee(s1, ended.id, by="gina", now=at)
    record_guide(site, s1, "gil", "Order 12", eighteen - 30 * DAY, by="ada", now=at)
    name_designee(site, s1, "ned", by="sam", now=at + DAY)  # (on her 18th birthday)
    user = principals.get_user(login_name)
    assert (manages_record(s1, user, eighteen - DAY),
            manages_record(s1, user, eighteen)) == (before, after)
    world.close()


def test_naming_a_designee_through_the_page(world):
    people(world)
    app = world.app
    login(app, "gina")
    page = app.get(PAGE)
    form = next(f for f in page.forms.values() if f.action.endswith("-designee"))
    form["login"] = "tina"
    shown = form.submit().follow()
    assert "Tina Tutor now helps manage who sees Maya's record" in shown.text
    assert "Gina Example" in shown.text  # who named her, and when
    # Tina manages grants, but is no guardian: she opens no part of the record herself
    login(app, "tina")
    assert reads(app, PAGE)
    assert not reads(app, S1 + "profile")
    assert not reads(app, S1 + "profile/edit")
    assert grant_as(app, login="gus", sections=["profile"]).status_int == 303
    site = world.site()
    assert [s.__name__ for s in managed_students(site, site["principals"].get_user("tina"))] \
        == ["s1"]
    world.close()


def test_ending_a_designee_is_recorded_and_stops_them(world):
    people(world)
    dee = next(d for d in world.site()["students"]["s1"].designees if d.login == "dee")
    world.close()
    app = world.app
    login(app, "gina")
    ask = next(f for f in app.get(PAGE).forms.values() if f.action.endswith("-end")
               and f["designee"].value == dee.id)
    question = ask.submit()
    assert "End Dee Designee's appointment?" in question.text
    shown = question.forms["confirm"].submit().follow()
    assert "Dee Designee no longer manages who sees Maya's record" in shown.text
    assert "Ended by Gina Example" in shown.text
    login(app, "dee")
    assert app.get(PAGE, expect_errors=True).status_int in (403, 404)


def test_an_administrator_records_a_guide_with_the_order(world):
    people(world)
    app = world.app
    login(app, "ada")
    form = next(f for f in app.get(PAGE).forms.values() if f.action.endswith("-guide"))
    form["login"] = "gwen"
    form["order_reference"] = "Juvenile Court 2026-JV-3"
    form["order_date"] = (TODAY - 3 * DAY).isoformat()
    shown = form.submit().follow()
    assert "Gwen Guide now helps manage who sees Maya's record" in shown.text
    assert "order Juvenile Court 2026-JV-3 of" in shown.text
    assert "Ada Example" in shown.text
    login(app, "gwen")
    assert grant_as(app, sections=["profile"]).status_int == 303


def test_a_guide_needs_the_order(world):
    people(world)
    login(world.app, "ada")
    token = csrf_of(world.app.get("/"))
    page = world.app.post(PAGE + "-guide", {"csrf_token": token, "login": "gwen",
                                            "order_reference": "", "order_date": "",
                                            "person": ""}, status=400)
    assert "Give the order's reference" in page.text
    assert "Give the date of the order" in page.text
    site = world.site()
    assert [d.login for d in site["students"]["s1"].designees] == ["dee", "gil"]
    world.close()


def test_a_family_does_not_end_a_guide_and_an_administrator_does(world):
    people(world)
    site = world.site()
    guide = next(d for d in site["students"]["s1"].designees if d.login == "gil")
    world.close()
    login(world.app, "gina")
    assert world.app.get(PAGE + "-end", {"designee": guide.id}, status=403)
    login(world.app, "ada")
    question = world.app.get(PAGE + "-end", {"designee": guide.id})
    shown = question.forms["confirm"].submit().follow()
    assert "Gil Guide no longer manages" in shown.text


def test_nobody_is_named_twice_or_from_the_school(world):
    people(world)
    site = world.site()
    s1 = site["students"]["s1"]
    with pytest.raises(DesigneeError, match="already manages"):
        name_designee(site, s1, "dee", by="gina")
    with pytest.raises(DesigneeError, match="works at a school"):
        name_designee(site, s1, "theo", by="gina")
    with pytest.raises(DesigneeError, match="already manages"):
        name_designee(site, s1, "gina", by="gina")
    with pytest.raises(DesigneeError, match="future"):
        record_guide(site, s1, "gwen", "Order 1", clock.today() + DAY, by="ada")
    transaction.abort()
    world.close()
