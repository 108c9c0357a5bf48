"""For the next teacher over HTTP: a teacher chooses a piece with a note; the next teacher
(a teacher of the student who did not choose it) sees it first, with the note and who
chose it; the family sees the choice in plain words; the choice travels in the fields."""
from __future__ import annotations

import io

import transaction

from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.security.local_roles import grant
from tests.badges.conftest import PNG, PORTFOLIO, WORK
from tests.conftest import ENGINE, csrf_of, login

NOTE = "Her best argument this year: look at how she answers the other side."


def _next_year(school) -> None:
    """Tess becomes Maya's teacher too (next year's), and Maya has a newer piece."""
    site = school.site()
    s1 = site["students"]["s1"]
    grant(site, s1, "tess", "teacher")
    blob, kind, size = store_file(io.BytesIO(PNG), 10_000)
    s1["portfolio"].add("item-2", PortfolioItem(
        {"title": "Robot sketchbook", "kind": "work", "filename": "robot.png",
         "content_type": kind, "size": size, "file": blob}, by="sam"))
    ENGINE.perform(s1["portfolio"]["item-2"], "share_with_family", actor="cora",
                   roles={"counselor"})
    transaction.commit()
    school.close()


def choose(app, note: str = NOTE, status: int | str = 303):
    form = app.get(WORK + "choose-for-next-teacher").forms["document-form"]
    form["note"] = note
    return form.submit("save", status=status)


def test_the_next_teacher_sees_chosen_pieces_first_with_the_note(school):
    app = school.app
    login(app, "theo")
    assert "Choose it for the next teacher" in app.get(WORK).text
    choose(app)
    mine = app.get(WORK).text
    assert "You chose this for Maya's next teacher" in mine and NOTE in mine
    _next_year(school)  # (Tess joins Maya after the choice: she is the next teacher)

    login(app, "tess")
    student = app.get("/students/s1/").text
    assert "Chosen for Maya's next teacher" in student
    assert student.index("My persuasive essay") < student.index("In this record")
    assert "Theo Example chose this for you, Maya's next teacher" in student
    assert NOTE in student
    portfolio = app.get(PORTFOLIO).text
    # the chosen piece first, though the sketchbook is newer
    assert portfolio.index("My persuasive essay") < portfolio.index("Robot sketchbook")
    assert NOTE in portfolio and "Chosen by Theo Example" in portfolio

    login(app, "gina")  # the family reads the choice in plain words
    family = app.get("/students/s1/").text
    assert "one of Maya's teachers, picked this to show Maya's next teacher" in family
    assert NOTE in family
    assert "Choose it for the next teacher" not in app.get(WORK).text

    item = school.site()["students"]["s1"]["portfolio"]["item-1"]
    values = item.field_values()  # (what an export carries)
    assert values["chosen_for_next"] is True and values["chosen_note"] == NOTE
    assert values["chosen_by"] == "theo" and values["chosen_at"] is not None
    school.close()


def test_a_choice_can_be_taken_back_and_its_history_is_kept(school):
    app = school.app
    login(app, "theo")
    choose(app)
    page = app.get(WORK)
    app.post(WORK + "unchoose", {"csrf_token": csrf_of(page)}, status=303)
    assert "Chosen for" not in app.get("/students/s1/").text
    item = school.site()["students"]["s1"]["portfolio"]["item-1"]
    assert not item.chosen_for_next
    assert item.version(item.version_number - 1).values["chosen_note"] == NOTE
    school.close()


def test_only_teachers_choose(school):
    app = school.app
    for login_name, expected in (("cora", 403), ("gina", 403), ("sam", 403), ("tina", 403),
                                 ("tess", 404)):
        login(app, login_name)
        page = app.get(WORK + "choose-for-next-teacher", status=expected)
        if expected == 403:
            assert "The student's teachers choose" in page.text
            app.post(WORK + "unchoose", {"csrf_token": csrf_of(app.get(WORK))}, status=403)


def test_a_choice_needs_a_note(school):
    app = school.app
    login(app, "theo")
    page = choose(app, note="", status=400)
    assert "Nothing was saved" in page.text
    page = choose(app, note="x" * 1001, status=400)
    assert "at most 1,000 characters" in page.text
    assert not school.site()["students"]["s1"]["portfolio"]["item-1"].chosen_for_next
    school.close()


def test_a_piece_chosen_at_the_previous_school_names_who_chose_it(school):
    """After a transfer the chooser's login names nobody here: the name kept with the
    choice is shown, and every teacher here is a next teacher."""
    from profilerepo.badges.next_teacher import choose as choose_piece

    site = school.site()
    item = site["students"]["s1"]["portfolio"]["item-1"]
    choose_piece(item, NOTE, by="rivera", by_name="Ana Rivera")
    item.imported = True  # (as portability.importing marks what a backpack brought)
    transaction.commit()
    school.close()
    login(school.app, "theo")
    page = school.app.get("/students/s1/").text
    assert "Ana Rivera chose this for you, Maya's next teacher" in page and NOTE in page
    assert "Chosen by Ana Rivera" in school.app.get(PORTFOLIO).text


def test_a_co_teacher_is_not_told_for_you_and_cannot_overwrite_the_note(school):
    site = school.site()
    grant(site, site["students"]["s1"], "tess", "teacher")  # (Maya's teacher already)
    transaction.commit()
    school.close()
    app = school.app
    login(app, "theo")
    choose(app)
    login(app, "tess")
    page = app.get("/students/s1/").text
    assert "Theo Example chose this for Maya's next teacher" in page
    assert "chose this for you" not in page
    piece = app.get(WORK).text
    assert "Change the note" not in piece and "No longer chosen" not in piece
    refused = app.get(WORK + "choose-for-next-teacher", status=403)
    assert "only they change the note or withdraw it" in refused.text
    app.post(WORK + "unchoose", {"csrf_token": csrf_of(app.get(WORK))}, status=403)
    item = school.site()["students"]["s1"]["portfolio"]["item-1"]
    assert (item.chosen_by, item.chosen_note) == ("theo", NOTE)  # Theo's, unchanged
    school.close()


def test_the_family_is_not_shown_a_chosen_piece_private_to_the_team(school):
    site = school.site()
    blob, kind, size = store_file(io.BytesIO(PNG), 10_000)
    site["students"]["s1"]["portfolio"].add("item-3", PortfolioItem(
        {"title": "Draft kept by the team", "kind": "work", "filename": "d.png",
         "content_type": kind, "size": size, "file": blob}, by="theo"))
    transaction.commit()
    school.close()
    app = school.app
    login(app, "theo")
    form = app.get(PORTFOLIO + "item-3/choose-for-next-teacher").forms["document-form"]
    form["note"] = NOTE
    form.submit("save", status=303)
    choose(app)  # (and a piece the family may read)
    login(app, "gina")
    for url in ("/", "/students/s1/", PORTFOLIO):
        page = app.get(url).text
        assert "Draft kept by the team" not in page, url
    assert "My persuasive essay" in app.get("/students/s1/").text
