"""Names are found as people type them: without accents, capitals or hyphens, on the team
page's finder and in the counselor's caseload alike."""
from __future__ import annotations

import transaction

from profilerepo.content.student import new_student
from profilerepo.principals import hash_password
from profilerepo.security.local_roles import grant
from profilerepo.security.principals import school_staff
from profilerepo.views.team_finder import fold
from tests.conftest import ENGINE, PASSWORD, login
from tests.views.home.test_counselor import BIRTH, names
from tests.views.test_team_finder import TEAM, words


def kevin(world) -> None:
    """Kevin Çelik teaches at Maya's school."""
    site = world.site()
    principals = site["principals"]
    principals.add_user("kcelik", "Kevin Çelik", "staff", password_hash=hash_password(PASSWORD))
    principals.join(principals.get_user("kcelik"), school_staff("north"))
    transaction.commit()
    world.close()


def test_the_team_finder_finds_a_name_typed_without_its_accent(world):
    kevin(world)
    app = world.app
    login(app, "ada")
    for typed in ("celik", "Çelik", "kevin c", "KEVIN ÇELIK", "çelik, kevin"):
        assert "Kevin Çelik (a staff member)" in words(app.get(TEAM, {"find": typed})), typed
    assert "Nobody found named “kevin x”." in words(app.get(TEAM, {"find": "kevin x"}))


def test_the_caseload_filter_finds_a_hyphenated_accented_name(world, as_role):
    site = world.site()
    student = new_student(site, {**BIRTH, "given_name": "Jean-Pierre", "family_name": "Dubé",
                                 "grade": "7", "school": "north"}, "setup", engine=ENGINE,
                          student_id="jp")
    grant(site, student, "cora", "counselor")
    transaction.commit()
    world.close()
    app = as_role("counselor")
    for typed in ("jean pierre", "Jean-Pierre", "dube", "jean-pierre dubé", "dube jean"):
        assert names(app.get("/", {"q": typed})) == ["Dubé, Jean-Pierre"], typed
    assert names(app.get("/", {"q": "maya"})) == ["Lopez, Maya"]


def test_both_sides_fold_the_same_way():
    assert fold("Jean-Pierre  Çelik") == fold("jean pierre celik") == "jean pierre celik"
    assert fold("Søren Łukasz") == "soren lukasz"
    assert fold("%\x00") == ""
