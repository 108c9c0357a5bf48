"""A database from before grants: the contributor role an administrator gave becomes grants
the family can review, and documents shared "with contributors" are shared with the
family (whose grants then decide who else reads them)."""
from __future__ import annotations

import datetime

import transaction

from profilerepo.family.evolve import MIGRATED_PURPOSE, grants_for_contributors
from profilerepo.family.grants import CONTRIBUTE, READ
from tests.conftest import ENGINE, login


def _as_before_grants(site) -> None:
    """s1 as a database of before: Toby held "contributor", Maya's profile was shared with
    contributors, and he provided her math tutoring."""
    s1 = site["students"]["s1"]
    s1.grants = ()
    site["principals"].get_user("toby").granted = ()
    s1.local_roles = {**s1.local_roles, "user:toby": ("contributor",)}
    toby = site["principals"].get_user("toby")
    toby.assignments = {**toby.assignments, "contributor": ("s1",)}
    s1["plan"].supports = ({"kind": "Math tutoring", "provider": "toby"},)
    profile = s1["profile"]
    profile.workflow_states = {**profile.workflow_states, "sharing": "contributors"}


def test_contributor_roles_become_grants_and_their_sharing_the_familys(world):
    site = world.site()
    _as_before_grants(site)
    list(grants_for_contributors(site, ENGINE))
    s1 = site["students"]["s1"]
    assert "user:toby" not in s1.local_roles
    made = {(tuple(sorted(g.sections)), g.level, g.purpose) for g in s1.grants}
    assert made == {(("plan",), CONTRIBUTE, MIGRATED_PURPOSE),
                    (("portfolio", "profile"), READ, MIGRATED_PURPOSE)}
    ends = {g.ends for g in s1.grants}
    assert len(ends) == 1 and ends.pop() > datetime.date.today() + datetime.timedelta(300)
    assert s1["profile"].workflow_states["sharing"] == "family"
    assert site["principals"].get_user("toby").granted == ("s1",)
    transaction.commit()
    world.close()
    app = world.app
    login(app, "toby")  # he reads what he read before, now by the family's grants
    assert app.get("/students/s1/profile/").status_int == 200
    assert app.get("/students/s1/transcript/", status="*").status_int == 403
