"""A designee's own pages: their home page lists the records they help manage, and they
hide what the family wants hidden, without reading the record unless granted."""
from __future__ import annotations

import transaction

from profilerepo.accesslog.store import Scope
from profilerepo.family.designees import name_designee
from profilerepo.principals import hash_password
from tests.conftest import PASSWORD, login

S1 = "/students/s1/"
AUNT = "rosa"


def test_a_designee_finds_the_record_they_manage_and_hides_from_future_schools(world):
    site = world.site()
    site["principals"].add_user(AUNT, "Rosa Lopez", "contributor",
                                password_hash=hash_password(PASSWORD))
    name_designee(site, site["students"]["s1"], AUNT, by="gina")
    transaction.commit()
    world.close()
    app = world.app
    login(app, AUNT)
    home = app.get("/")
    assert "Records you help manage" in home.text
    assert home.click("Who can see Maya Lopez's record").status_int == 200
    page = app.get(S1 + "hidden")
    assert "Documents you can hide" in page.text
    assert app.get(S1 + "plan/", status="*").status_int in (403, 404)  # (not granted)
    logged = world.wsgi.registry.access_log.views(Scope(student_id="s1", login=AUNT))
    assert logged and {v.capacity for v in logged} == {"designee named by the family"}
