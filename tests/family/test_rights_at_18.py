"""Rights at 18 (FERPA 99.5), the district clock a fixture: from Maya's 17th birthday she
and her family are told what will change and when; on her 18th the family's rights are
hers, and her guardian keeps only what she grants back."""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo.accesslog.store import Scope
from profilerepo.family.grants import READ, make_grant
from tests.conftest import login

S1 = "/students/s1/"
BORN = datetime.date(2008, 5, 20)
EIGHTEENTH = datetime.date(2026, 5, 20)
DAY = datetime.timedelta(days=1)


def words(page) -> str:
    return " ".join(page.html.get_text(" ").split())


@pytest.fixture
def maya_nearly_18(world):
    site = world.site()
    site["students"]["s1"].birth_date = BORN
    transaction.commit()
    world.close()
    return world


def test_the_year_before_both_are_told_what_changes_and_when(maya_nearly_18, district_day):
    app = maya_nearly_18.app
    district_day(EIGHTEENTH - 30 * DAY)
    login(app, "gina")
    said = words(app.get(S1))
    assert "On 20 May 2026 Maya turns 18" in said and "decides who sees it" in said
    assert "On 20 May 2026 Maya turns 18" in words(app.get("/"))  # on her home page too
    login(app, "sam")
    assert "On 20 May 2026 you turn 18" in words(app.get(S1))
    district_day(BORN.replace(year=2024) - DAY)  # not yet 16: no notice
    login(app, "gina")
    assert "turns 18" not in words(app.get(S1))


def test_on_the_18th_birthday_the_rights_pass_to_the_student(maya_nearly_18, district_day):
    app = maya_nearly_18.app
    district_day(EIGHTEENTH - DAY)
    login(app, "gina")
    assert app.get(S1 + "hidden").status_int == 200  # the guardian manages, the day before
    login(app, "sam")
    assert app.get(S1 + "hidden", status="*").status_int == 403

    district_day(EIGHTEENTH)
    login(app, "gina")
    assert app.get(S1, status="*").status_int == 404
    home = words(app.get("/"))
    assert "Maya turned 18 on 20 May 2026" in home
    login(app, "sam")
    assert app.get(S1 + "hidden").status_int == 200
    assert "Since 20 May 2026 the rights over your record are yours" in words(app.get(S1))


def test_after_18_the_guardian_reads_what_the_student_grants(maya_nearly_18, district_day):
    district_day(EIGHTEENTH + DAY)
    site = maya_nearly_18.site()
    make_grant(site, site["students"]["s1"], "gina", ["profile"], READ, "Mum keeps up",
               EIGHTEENTH, EIGHTEENTH + 365 * DAY, by="sam")
    transaction.commit()
    maya_nearly_18.close()
    app = maya_nearly_18.app
    login(app, "gina")
    assert app.get(S1 + "profile/").status_int == 200
    assert app.get(S1 + "plan/", status="*").status_int == 403
    assert app.get(S1 + "profile/edit", status="*").status_int == 403  # (not a guardian now)
    # (and the parent's views are now in the log Maya reads, as anyone's she granted)
    logged = maya_nearly_18.wsgi.registry.access_log.views(Scope(student_id="s1",
                                                                 login="gina"))
    assert [v.capacity for v in logged] == ["granted by the family"]


def test_at_18_the_students_home_says_the_rights_are_theirs_and_leads_to_them(
        maya_nearly_18, district_day):
    district_day(EIGHTEENTH + DAY)
    app = maya_nearly_18.app
    login(app, "sam")
    home = app.get("/")
    assert "Since 20 May 2026 the rights over your record are yours" in words(home)
    for title in ("Who can see your record", "Who looked at your record",
                  "What future schools and providers do not see"):
        assert home.click(title).status_int == 200


def test_at_18_the_pages_about_the_record_speak_to_the_student(maya_nearly_18, district_day):
    district_day(EIGHTEENTH + DAY)
    app = maya_nearly_18.app
    login(app, "sam")
    for address, said in (("who-can-see", "Who can see your record"),
                          ("access-log", "Who looked at your record"),
                          ("access-log", "Nobody but you has looked at your record yet"),
                          ("backpack", "What your backpack holds"),
                          ("backpack", "Download your backpack")):
        assert said in words(app.get(S1 + address)), address
    login(app, "gina")  # (her guardian, granted nothing: the pages are not his)
    app.get(S1 + "backpack", status=[403, 404])
