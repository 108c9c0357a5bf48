"""The family's own words through HTTP: comments on the transcript and observations on
goals, added by whoever holds the family's rights (and the people the family granted to
read and contribute), shown signed and dated to everyone who reads the record, changed
and withdrawn by their writer only, every version kept; the school's record untouched."""
from __future__ import annotations

import datetime

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.family.grants import CONTRIBUTE, make_grant
from profilerepo.family.words import AS_GUARDIAN, add_words, change_words, withdraw_words
from profilerepo.plans.goals import Goal
from profilerepo.principals import hash_password
from profilerepo.search.documents import fields_of
from profilerepo.security.local_roles import grant
from profilerepo.security.roles import ACTIONS, ADD_FAMILY_WORDS
from profilerepo.views.family_words import ONLY_THE_WRITER
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, PASSWORD, csrf_of, login
from tests.search.test_search import drain, search
from tests.views.test_accessibility import problems_with

S1 = "/students/s1/"
TRANSCRIPT = S1 + "transcript/"
GOAL = S1 + "plan/goals/goal-1/"
DOCUMENTS = {"transcript": TRANSCRIPT, "goal": GOAL}
ADD = {"transcript": "add-comment", "goal": "add-observation"}
TABLE_WORDS = ACTIONS[ADD_FAMILY_WORDS].refusal
TODAY = datetime.date.today()
SECOND_GUARDIAN = "gwen"  # Maya's other parent, who wrote first
GWENS_WORDS = "Maya missed six weeks in spring 2025 after surgery"
GINAS_WORDS = "At home she now reads a chapter a night without prompting"


def years_ago(years: int, days: int = 0) -> datetime.date:
    try:
        born = TODAY.replace(year=TODAY.year - years)
    except ValueError:  # 29 February
        born = TODAY.replace(year=TODAY.year - years, day=28)
    return born + datetime.timedelta(days=days)


@pytest.fixture
def record(world):
    """Maya's transcript with a term of courses and an active goal, each with a comment or
    observation from each of her two guardians (Gina, and Gwen who wrote first)."""
    site = world.site()
    site["principals"].add_user(SECOND_GUARDIAN, "Gwen Lopez", "guardian",
                                password_hash=hash_password(PASSWORD))
    student = site["students"]["s1"]
    grant(site, student, SECOND_GUARDIAN, "guardian")
    student["transcript"].record({"courses": (
        {"term": "Spring 2025", "course": "Algebra 1", "grade": "C", "credits": 1.0},
        {"term": "Spring 2025", "course": "Biology", "grade": "B", "credits": 1.0})},
        by="ada")
    goal = Goal({"title": "Reads 120 words a minute by June", "area": "academic",
                 "measure": "Oral reading fluency probe", "unit": "words a minute",
                 "baseline_value": 80.0, "baseline_date": TODAY - datetime.timedelta(60),
                 "target_value": 120.0, "target_date": TODAY + datetime.timedelta(200),
                 "schedule": "every two weeks", "responsible": ("cora",)}, by="cora")
    student["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    goal.add_data_point(TODAY - datetime.timedelta(10), 90.0, by="cora")
    for document, values in ((student["transcript"], {"text": GWENS_WORDS,
                                                      "about": "Spring 2025"}),
                             (goal, {"text": GWENS_WORDS, "observed": TODAY})):
        add_words(document, values, by=SECOND_GUARDIAN, capacity=AS_GUARDIAN)
    for document, values in ((student["transcript"], {"text": GINAS_WORDS}),
                             (goal, {"text": GINAS_WORDS, "observed": TODAY})):
        add_words(document, values, by="gina", capacity=AS_GUARDIAN)
    transaction.commit()
    world.close()
    return world


def born(world, day: datetime.date) -> None:
    site = world.site()
    site["students"]["s1"].birth_date = day
    transaction.commit()
    world.close()


def names_by_writer(world, doc: str) -> dict[str, str]:
    """Each writer's (latest) entry's name on the document."""
    student = world.site()["students"]["s1"]
    document = student["transcript"] if doc == "transcript" else student["plan"].goals["goal-1"]
    found = {w.creator: name for name, w in document.family_words.items()}
    world.close()
    return found


def entries(app, url: str) -> list[dict]:
    """What the document's page shows of its family's words, entry by entry."""
    soup = BeautifulSoup(app.get(url).text, "html.parser")
    return [{"text": li.blockquote.get_text(" ", strip=True),
             "signed": li.select_one("p.signed").get_text(" ", strip=True),
             "about": (li.select_one("p.about").get_text(" ", strip=True)
                       if li.select_one("p.about") else ""),
             "own": li.find("a", string=lambda s: s and s.startswith("Change or withdraw"))
             is not None}
            for li in soup.select("ol.family-words > li")]


def input_of(name: str) -> str:
    """The input a field is typed in (a date field's input is named "date")."""
    return "date" if name == "observed" else name


def write(app, url: str, view: str, status: int = 303, **values):
    form = app.get(url + view).forms["document-form"]
    for name, value in values.items():
        form[input_of(name)] = value
    return form.submit("save", status=status)


# --- Who may do what: each role x (transcript comment, goal observation) ---------------------

# (who, login, student 18 or over, document, views, adds, refusal when editing Gwen's)
# "Gus" guards another family's child; "toby" is the tutor the family granted to read and
# contribute to the plan (its goals), not the transcript.
TABLE = [
    ("guardian", "gina", False, "transcript", True, True, ONLY_THE_WRITER),
    ("guardian", "gina", False, "goal", True, True, ONLY_THE_WRITER),
    ("another family's guardian", "gus", False, "transcript", False, False, None),
    ("another family's guardian", "gus", False, "goal", False, False, None),
    ("student under 18", "sam", False, "transcript", True, False, TABLE_WORDS),
    ("student under 18", "sam", False, "goal", True, False, TABLE_WORDS),
    ("student 18 or over", "sam", True, "transcript", True, True, ONLY_THE_WRITER),
    ("student 18 or over", "sam", True, "goal", True, True, ONLY_THE_WRITER),
    # From 18 the guardians keep only what the student grants them (none here).
    ("guardian, student 18 or over", "gina", True, "transcript", False, False, None),
    ("guardian, student 18 or over", "gina", True, "goal", False, False, None),
    ("counselor", "cora", False, "transcript", True, False, TABLE_WORDS),
    ("counselor", "cora", False, "goal", True, False, TABLE_WORDS),
    ("teacher", "theo", False, "transcript", True, False, TABLE_WORDS),
    ("teacher", "theo", False, "goal", True, False, TABLE_WORDS),
    ("administrator", "ada", False, "transcript", True, False, TABLE_WORDS),
    ("administrator", "ada", False, "goal", True, False, TABLE_WORDS),
    ("tutor granted the plan", "toby", False, "transcript", False, False, None),
    ("tutor granted the plan", "toby", False, "goal", True, True, ONLY_THE_WRITER),
]


@pytest.mark.parametrize(("who", "user", "adult", "doc", "views", "adds", "refusal"), TABLE,
                         ids=[f"{row[0]}-{row[3]}" for row in TABLE])
def test_who_views_adds_and_edits_family_words(record, who, user, adult, doc, views, adds,
                                               refusal):
    if adult:
        born(record, years_ago(19))
    gwens = names_by_writer(record, doc)[SECOND_GUARDIAN]
    app = record.app
    login(app, user)
    url = DOCUMENTS[doc]
    change_gwens = f"{url}change-words/{gwens}"
    if not views:
        assert app.get(url, status="*").status_int in (403, 404)
        for path in (url + ADD[doc], change_gwens, f"{url}family-words/{gwens}"):
            assert app.get(path, status="*").status_int in (403, 404)
        return
    shown = entries(app, url)
    assert [e["text"] for e in shown[:2]] in ([GWENS_WORDS, GINAS_WORDS],
                                              [GINAS_WORDS, GWENS_WORDS])
    assert any("Gwen Lopez (Parent or guardian)" in e["signed"] for e in shown)
    page = app.get(url)
    assert (ADD[doc] in page.text) is adds
    # Nobody changes what someone else wrote.
    refused = app.get(change_gwens, status=403)
    assert refused.status_int == 403 and refusal in refused.text
    token = csrf_of(page)
    app.post(f"{url}withdraw-words/{gwens}", {"csrf_token": token}, status=403)
    if not adds:
        refused = app.get(url + ADD[doc], status=403)
        assert TABLE_WORDS in refused.text
        app.post(url + ADD[doc], {"csrf_token": token, "text": "x"}, status=403)
        if user == "gina":  # her own earlier words too, once the rights have passed
            ginas = names_by_writer(record, doc)["gina"]
            assert TABLE_WORDS in app.get(f"{url}change-words/{ginas}", status=403).text
        return
    # Adding, then changing one's own.
    values = {"text": f"Written by {who}"}
    if doc == "goal":
        values["observed"] = (TODAY - datetime.timedelta(2)).isoformat()
    write(app, url, ADD[doc], **values).follow()
    mine = [e for e in entries(app, url) if e["own"] and e["text"] == f"Written by {who}"]
    assert len(mine) == 1
    capacity = {"gina": "Parent or guardian", "sam": "Student",
                "toby": "Granted by the family"}[user]
    assert f"({capacity}) on {TODAY:%-d %B %Y}" in mine[0]["signed"]
    name = names_by_writer(record, doc)[user]
    form = app.get(f"{url}change-words/{name}").forms["document-form"]
    form["text"] = f"Changed by {who}"
    assert "version 2" in form.submit("save").follow().text
    own = [e["text"] for e in entries(app, url) if e["own"]]
    assert f"Changed by {who}" in own and f"Written by {who}" not in own
    # And everyone who reads the record reads it, signed.
    login(app, "cora")
    assert f"Changed by {who}" in [e["text"] for e in entries(app, url)]


def test_a_grantee_to_read_and_contribute_to_the_transcript_comments_on_it(record):
    site = record.site()
    make_grant(site, site["students"]["s1"], "toby", ("transcript",), CONTRIBUTE,
               "Explaining the spring term to the new school", years_ago(1), years_ago(-1),
               by="gina")
    transaction.commit()
    record.close()
    app = record.app
    login(app, "toby")
    write(app, TRANSCRIPT, ADD["transcript"], text="Tutored Maya at home during her recovery")
    signed = [e["signed"] for e in entries(app, TRANSCRIPT)
              if e["text"] == "Tutored Maya at home during her recovery"]
    assert signed and "Toby Example (Granted by the family)" in signed[0]


@pytest.mark.parametrize(("birth", "adds"), [
    (years_ago(18, days=1), False),  # turns 18 tomorrow: the guardians still hold the rights
    (years_ago(18), True),           # 18 today
])
def test_the_student_adds_words_from_their_18th_birthday(record, birth, adds):
    born(record, birth)
    app = record.app
    login(app, "sam")
    assert app.get(TRANSCRIPT + "add-comment", status="*").status_int == (200 if adds else 403)
    login(app, "gina")  # (from 18 she reads only what Maya grants her: nothing here)
    status = app.get(TRANSCRIPT + "add-comment", status="*").status_int
    assert status in ((403, 404) if adds else (200,))


# --- The school's record stays as it was ----------------------------------------------------

def test_family_words_never_change_the_schools_record(record):
    student = record.site()["students"]["s1"]
    transcript, goal = student["transcript"], student["plan"].goals["goal-1"]
    before = (transcript.version_number, transcript.field_values(), transcript.modifier,
              goal.version_number, goal.field_values(), goal.data_points)
    record.close()
    app = record.app
    login(app, "gina")
    write(app, TRANSCRIPT, "add-comment", text="Her grades that term reflect the surgery",
          about="Algebra 1, Spring 2025")
    write(app, GOAL, "add-observation", text="Reads to her brother every evening",
          observed=TODAY.isoformat())
    for doc in ("transcript", "goal"):
        name = names_by_writer(record, doc)["gina"]
        form = app.get(f"{DOCUMENTS[doc]}change-words/{name}").forms["document-form"]
        form["text"] = "Changed"
        form.submit("save")
        page = app.get(f"{DOCUMENTS[doc]}change-words/{name}")
        app.post(f"{DOCUMENTS[doc]}withdraw-words/{name}", {"csrf_token": csrf_of(page)})
    student = record.site()["students"]["s1"]
    transcript, goal = student["transcript"], student["plan"].goals["goal-1"]
    assert (transcript.version_number, transcript.field_values(), transcript.modifier,
            goal.version_number, goal.field_values(), goal.data_points) == before


def test_a_comment_can_name_a_term_or_course_of_the_transcript(record):
    app = record.app
    login(app, "gina")
    form = app.get(TRANSCRIPT + "add-comment").forms["document-form"]
    offered = [label for _value, _selected, label in form["about"].options]
    assert offered == ["The transcript as a whole", "The term Spring 2025",
                       "Algebra 1, Spring 2025", "Biology, Spring 2025"]
    form["about"] = "Algebra 1, Spring 2025"
    form["text"] = "She took Algebra while in hospital"
    form.submit("save")
    shown = [e for e in entries(app, TRANSCRIPT)
             if e["text"] == "She took Algebra while in hospital"]
    assert shown[0]["about"] == "About: Algebra 1, Spring 2025"


# --- Versions --------------------------------------------------------------------------------

def test_every_version_of_a_changed_comment_is_kept_and_shown(record):
    app = record.app
    login(app, "gina")
    name = names_by_writer(record, "transcript")["gina"]
    for text in ("Second thoughts", "Third and final"):
        form = app.get(f"{TRANSCRIPT}change-words/{name}").forms["document-form"]
        form["text"] = text
        form.submit("save")
    login(app, "theo")  # any reader of the transcript reads its history
    page = app.get(TRANSCRIPT)
    assert "see every version" in page.text
    versions = app.get(f"{TRANSCRIPT}family-words/{name}")
    soup = BeautifulSoup(versions.text, "html.parser")
    assert [li.blockquote.get_text(strip=True) for li in soup.select("ol.versions > li")] == [
        "Third and final", "Second thoughts", GINAS_WORDS]
    assert [h.get_text(" ", strip=True) for h in soup.select("ol.versions h2")] == [
        "Version 3 (current)", "Version 2", "Version 1"]
    assert problems_with(versions.text) == []


def test_a_form_opened_before_the_writers_own_later_save_does_not_undo_it(record):
    app = record.app
    login(app, "gina")
    name = names_by_writer(record, "goal")["gina"]
    first = app.get(f"{GOAL}change-words/{name}").forms["document-form"]
    second = app.get(f"{GOAL}change-words/{name}").forms["document-form"]
    first["text"] = "From the first tab"
    first.submit("save")
    second["text"] = "From the second tab"
    held = second.submit("save", status=409)
    assert "From the first tab" in held.text and "Nothing of yours was saved" in held.text


# --- Withdrawing -----------------------------------------------------------------------------

def test_the_writer_withdraws_their_words_and_they_leave_the_page(record):
    app = record.app
    login(app, "gina")
    name = names_by_writer(record, "goal")["gina"]
    page = app.get(f"{GOAL}change-words/{name}")
    assert "Withdraw my observation" in page.text
    done = app.post(f"{GOAL}withdraw-words/{name}", {"csrf_token": csrf_of(page)}).follow()
    assert "withdrawn" in done.text
    assert [e["text"] for e in entries(app, GOAL)] == [GWENS_WORDS]
    assert app.get(f"{GOAL}family-words/{name}", status=404).status_int == 404
    assert app.get(f"{GOAL}change-words/{name}", status=404).status_int == 404
    kept = record.site()["students"]["s1"]["plan"].goals["goal-1"].family_words[name]
    assert kept.text == GINAS_WORDS and kept.withdrawn_by == "gina"  # kept, not shown


def test_withdrawing_needs_the_forms_token(record):
    app = record.app
    login(app, "gina")
    name = names_by_writer(record, "transcript")["gina"]
    app.post(f"{TRANSCRIPT}withdraw-words/{name}", {}, status=400)
    assert GINAS_WORDS in [e["text"] for e in entries(app, TRANSCRIPT)]


@pytest.mark.parametrize("path", ["change-words/nothing-here", "family-words/nothing-here",
                                  "change-words", "family-words/a/b"])
def test_an_entry_that_does_not_exist_is_not_found(record, path):
    app = record.app
    login(app, "gina")
    assert app.get(TRANSCRIPT + path, status=404).status_int == 404


# --- Bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize(("doc", "values", "field", "message"), [
    ("transcript", {"text": "   "}, "text", "Required"),
    ("goal", {"text": ""}, "text", "Required"),
    ("transcript", {"text": "x" * 20_000}, "text",
     "Use at most 5,000 characters (this has 20,000)"),
    ("goal", {"text": "Reads aloud to us", "observed": (TODAY + datetime.timedelta(1))
              .isoformat()}, "observed", f"That date is after today ({TODAY:%-d %B %Y})"),
    ("goal", {"text": "Reads aloud to us", "observed": "last week"}, "observed",
     "Enter a date as year-month-day"),
])
def test_bad_input_says_what_is_wrong_keeps_what_was_typed_and_saves_nothing(
        record, doc, values, field, message):
    app = record.app
    login(app, "gina")
    before = names_by_writer(record, doc)
    page = write(app, DOCUMENTS[doc], ADD[doc], status=400, **values)
    assert message in page.text and "Nothing was saved" in page.text
    kept = page.forms["document-form"]
    for name, typed in values.items():
        assert kept[input_of(name)].value.strip() == typed.strip()
    assert names_by_writer(record, doc) == before


def test_a_choice_the_form_never_offered_is_refused(record):
    app = record.app
    login(app, "gina")
    page = app.get(TRANSCRIPT + "add-comment")
    form = page.forms["document-form"]
    fields = [(k, v) for k, v in form.submit_fields() if k not in ("about", "text")]
    fields += [("about", "Chemistry, Fall 2030"), ("text", "Invented"), ("save", "save")]
    refused = app.post(TRANSCRIPT + "add-comment", fields, status=400)
    assert "Choose one of the options in the list" in refused.text


# --- Search ----------------------------------------------------------------------------------

def test_search_finds_the_document_by_its_family_words_while_they_are_shown(record):
    app = record.app
    login(app, "gina")
    write(app, TRANSCRIPT, "add-comment", text="Hospitalised with appendicitis in March")
    drain(record.wsgi)
    for user in ("cora", "gina", "theo"):
        login(app, user)
        found = search(app, "appendicitis")
        assert found.hits == [TRANSCRIPT] and "appendicitis" in found.snippets[0]
    login(app, "gus")  # another family finds nothing of Maya's
    assert search(app, "appendicitis").total == 0
    login(app, "toby")  # the tutor reads the plan, not the transcript
    assert search(app, "appendicitis").total == 0
    write(app, GOAL, "add-observation", text="Reads the trampoline manual aloud",
          observed=TODAY.isoformat())
    drain(record.wsgi)
    for user in ("cora", "gina", "toby"):
        login(app, user)
        assert search(app, "trampoline").hits == [GOAL]
    login(app, "gina")
    name = names_by_writer(record, "transcript")["gina"]
    page = app.get(f"{TRANSCRIPT}change-words/{name}")
    app.post(f"{TRANSCRIPT}withdraw-words/{name}", {"csrf_token": csrf_of(page)})
    drain(record.wsgi)
    assert search(app, "appendicitis").total == 0


# --- Pages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [TRANSCRIPT, GOAL, TRANSCRIPT + "add-comment",
                                  GOAL + "add-observation"])
def test_pages_have_landmarks_one_heading_and_labelled_fields(record, path):
    app = record.app
    login(app, "gina")
    page = app.get(path)
    assert problems_with(page.text) == []
    soup = BeautifulSoup(page.text, "html.parser")
    section = soup.find(id="family-words-heading")
    if section is not None:  # the words are a named region, a list, no table to scroll
        region = section.find_parent("section")
        assert region["aria-labelledby"] == "family-words-heading"
        assert region.find("table") is None and region.find(style=True) is None


def test_pages_speak_no_internal_names(record):
    app = record.app
    login(app, "gina")
    for path in (TRANSCRIPT, GOAL, TRANSCRIPT + "add-comment", GOAL + "add-observation"):
        text = BeautifulSoup(app.get(path).text, "html.parser").main.get_text(" ")
        for internal in ("family-rights", "contributor-adds", "add-family-words"):
            assert internal not in text, (path, internal)


def test_the_index_check_sees_words_added_changed_or_withdrawn(record):
    """(``scripts``' index check compares signatures: words changed beside a document
    make its entry stale though the document's own version did not move.)"""
    site = record.site()
    transcript = site["students"]["s1"]["transcript"]
    seen = [fields_of(ENGINE, transcript)["signature"]]
    name = add_words(transcript, {"text": "New"}, by="gina", capacity=AS_GUARDIAN)
    seen.append(fields_of(ENGINE, transcript)["signature"])
    change_words(transcript, transcript.family_words[name], {"text": "Newer"}, by="gina")
    seen.append(fields_of(ENGINE, transcript)["signature"])
    withdraw_words(transcript, transcript.family_words[name], by="gina")
    seen.append(fields_of(ENGINE, transcript)["signature"])
    assert len(set(seen)) == 4
    assert "Newer" not in fields_of(ENGINE, transcript)["body"]
    record.close()


def test_a_transcript_from_before_family_words_takes_comments(world):
    site = world.site()
    transcript = site["students"]["s1"]["transcript"]
    del transcript.family_words  # as saved before this feature
    transaction.commit()
    world.close()
    app = world.app
    login(app, "gina")
    assert "No comments from the family yet." in app.get(TRANSCRIPT).text
    write(app, TRANSCRIPT, "add-comment", text="Written on an older record")
    assert [e["text"] for e in entries(app, TRANSCRIPT)] == ["Written on an older record"]
