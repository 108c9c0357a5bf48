"""The award and receive forms in plain words: a standard's code is checked for its form,
a Common Core code gets its link, the image choice is explained when the portfolio has no
pictures; the receive form starts on the file and names no format."""
from __future__ import annotations

import json

import transaction
from bs4 import BeautifulSoup

from tests.badges.conftest import PORTFOLIO, award
from tests.conftest import login


def test_a_standards_code_must_look_like_one(school):
    page = award(school.app, "theo", status=400, alignment_code="not a code!!")
    assert "This is not a standard's code" in page.text and "Nothing was saved" in page.text
    assert not any(getattr(i, "kind", "") == "badge"
                   for i in school.site()["students"]["s1"]["portfolio"].values())
    school.close()


def test_a_common_core_code_gets_its_link_in_the_credential(school):
    app = school.app
    location = award(app, "theo", alignment_code="CCSS.ELA-LITERACY.W.6.3",
                     alignment_url="").location
    credential = json.loads(app.get(location + "credential").text)
    aligned = credential["credentialSubject"]["achievement"]["alignment"][0]
    assert aligned["targetUrl"] == "https://www.thecorestandards.org/ELA-Literacy/W/6/3/"
    link = BeautifulSoup(app.get(location).text, "html.parser").find(
        "a", string="CCSS.ELA-LITERACY.W.6.3")
    assert link is not None and link["href"] == aligned["targetUrl"]


def test_without_pictures_the_image_choice_is_explained_not_empty(school):
    site = school.site()
    site["students"]["s1"]["portfolio"]["item-1"].content_type = "application/pdf"
    transaction.commit()
    school.close()
    app = school.app
    login(app, "theo")
    page = app.get(PORTFOLIO + "award-badge")
    assert "Image from the portfolio" not in page.text
    assert "There is no picture in the portfolio to use" in page.text
    assert "image_item" not in page.forms["document-form"].fields


def test_the_receive_form_starts_on_the_file_and_names_no_format(school):
    app = school.app
    login(app, "gina")
    page = app.get(PORTFOLIO + "receive-badge")
    soup = BeautifulSoup(page.text, "html.parser")
    focused = soup.select("[autofocus]")
    assert [f.get("type") for f in focused] == ["file"]
    words = " ".join(soup.get_text(" ").split())
    assert "VC-JWT" not in words and "(JSON)" not in words
    assert "Or paste the badge's code" in words
