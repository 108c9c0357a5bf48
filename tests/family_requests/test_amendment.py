"""Asking the school to correct a record (FERPA 99.20-99.21), through HTTP: the family asks
from the document's page; the school corrects it (the new version linked to the request)
or refuses with a reason; after a refusal the family's statement is shown with the
document wherever it is shown: its page, its version pages, and search."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import csrf_of, login
from tests.family_requests.conftest import S1, made_request
from tests.search.test_search import drain, search

STATEMENT = ("Maya was at her grandmother's funeral that week; the school knew and agreed "
             "to excuse the absences.")


def text(response) -> str:
    return " ".join(BeautifulSoup(response.text, "html.parser").get_text().split())


def test_the_family_asks_from_the_documents_page(world):
    app = world.app
    login(app, "gina")
    page = app.get(S1 + "profile/").click("Ask the school to correct this")
    assert "The school decides within a reasonable time (30 days here)" in text(page)
    form = page.forms["document-form"]
    form["what_is_wrong"] = "It says she dislikes reading."
    form["why"] = "She reads every night; her teacher wrote this about another child."
    made = form.submit("save").follow()
    shown = text(made)
    assert "Request to correct the learner profile" in shown
    assert "Waiting for the school's decision" in shown
    assert "by 1 October 2026 (a reasonable time: 30 days here): 30 days left" in shown
    assert "She reads every night" in shown
    profile = text(app.get(S1 + "profile/"))
    assert "The family asked the school to correct this on 1 September 2026: Waiting for " \
           "the school's decision, answer due by 1 October 2026 (30 days left)." in profile


def test_an_empty_reason_keeps_what_was_typed_and_says_what_is_missing(world):
    app = world.app
    login(app, "gina")
    form = app.get(S1 + "transcript/ask-to-correct").forms["document-form"]
    form["what_is_wrong"] = "The October absences are wrong."
    form["why"] = ""
    response = form.submit("save", status=400)
    shown = text(response)
    assert "Some fields need attention" in shown and "Nothing was saved." in shown
    assert "Say why you believe it is wrong" in shown
    assert response.forms["document-form"]["what_is_wrong"].value == \
        "The October absences are wrong."
    assert "No requests yet." in text(app.get(S1 + "requests/"))


def test_the_school_corrects_the_document_and_the_version_is_linked(world):
    url = made_request(world, "amendment", document="transcript")
    app = world.app
    login(app, "ada")
    page = app.get(url).click("Correct the document")
    assert "The attendance is someone else's." in text(page)  # what the family asked
    form = page.forms["document-form"]
    form["programs"] = "English learner support (corrected)"
    form["correction_note"] = "The programs line was corrected."
    page = form.submit("save").follow()
    shown = text(page)
    assert "Corrected: the school changed the record" in shown
    assert "version 2 of the transcript was amended at the family's request of " \
           "1 September 2026" in shown
    assert "The programs line was corrected." in shown  # (the history says so)
    login(app, "gina")
    transcript = app.get(S1 + "transcript/")
    assert "English learner support (corrected)" in text(transcript)
    assert "Amended at the family's request of 1 September 2026" in text(transcript)
    versions = text(app.get(S1 + "transcript/versions"))
    assert "Amended at the family's request of 1 September 2026" in versions
    request_page = app.get(url)
    assert "Corrected: the school changed the record" in text(request_page)
    assert request_page.click("Read the corrected version").status_int == 200


def refuse_and_state(world, app) -> str:
    """The family's request about Maya's profile, refused by Ada; Gina's statement."""
    url = made_request(world, "amendment", document="profile")
    login(app, "ada")
    page = app.get(url)
    response = app.post(url + "transition", {
        "csrf_token": csrf_of(page), "transition": "refuse", "workflow": "amendment-request",
        "comment": ""}, status=400)
    assert "say what happened in the box" in text(response)
    form = app.get(url).forms["do-amendment-request-refuse"]
    form["comment"] = "The profile records what Maya told her counselor in May."
    form.submit().follow()
    login(app, "gina")
    page = app.get(url)
    shown = text(page)
    assert "Not changed: the school refused" in shown
    assert "The profile records what Maya told her counselor in May." in shown
    assert "You have the right to a hearing" in shown
    form = page.click("Write or change the family's statement").forms["document-form"]
    form["text"] = ""
    assert "Write the statement" in text(form.submit("save", status=400))
    form["text"] = STATEMENT
    page = form.submit("save").follow()
    assert "Not changed; the family's statement is kept with the record" in text(page)
    return url


def test_a_refused_request_lets_the_family_add_a_statement_shown_with_the_document(world):
    app = world.app
    url = refuse_and_state(world, app)
    for reader in ("cora", "theo", "gina"):  # everyone who reads the profile reads it
        login(app, reader)
        page = text(app.get(S1 + "profile/"))
        assert "The family's statement about this record" in page
        assert STATEMENT in page
        assert "after the school declined to change the record on 1 September 2026" in page
        assert STATEMENT in text(app.get(S1 + "profile/version?n=1"))
        assert STATEMENT in text(app.get(S1 + "profile/versions"))
    login(app, "gina")  # revised, the earlier words are kept
    form = app.get(url + "statement").forms["document-form"]
    assert form["text"].value == STATEMENT
    form["text"] = STATEMENT + " We ask for a hearing."
    page = form.submit("save").follow()
    assert "revised 1 time, the earlier versions kept" in text(page)
    assert "We ask for a hearing." in text(app.get(S1 + "profile/"))


def test_the_statement_is_found_with_the_document_in_search(world):
    app = world.app
    refuse_and_state(world, app)
    drain(world.wsgi)
    login(app, "cora")
    found = search(app, "funeral")
    assert found.hits == [S1 + "profile/"]
    assert "The family added a statement about this record." in found.html
    assert "funeral" in found.snippets[0]
    found = search(app, "patience")  # (the profile's own words find it too, and say so)
    assert S1 + "profile/" in found.hits
    assert "The family added a statement about this record." in found.html
    login(app, "theo")
    assert search(app, "funeral").hits == [S1 + "profile/"]


def test_the_school_corrects_any_document_the_family_may_read_on_its_own_form(world):
    for document in ("transcript", "profile", "plan"):
        url = made_request(world, "amendment", document=document)
        login(world.app, "ada")
        page = world.app.get(url + "amend")
        assert "Save the correction" in page.text and "What was corrected" in page.text
    form = world.app.get(S1 + "requests/amendment-2/amend").forms["document-form"]
    form["strengths"] = "Explains math ideas to classmates with patience and humor"
    form.submit("save").follow()
    login(world.app, "gina")
    profile = text(world.app.get(S1 + "profile/"))
    assert "with patience and humor" in profile
    assert "Amended at the family's request of 1 September 2026" in profile


def test_only_an_open_request_is_corrected(world):
    url = made_request(world, "amendment")
    app = world.app
    login(app, "ada")
    form = app.get(url).forms["do-amendment-request-refuse"]
    form["comment"] = "The attendance was checked against the office's daily records."
    form.submit()
    response = app.get(url + "amend", status=403)
    assert "it cannot be done while this is" in text(response)
