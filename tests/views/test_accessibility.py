"""Pages a screen reader and a keyboard can use: landmarks, one h1, labelled fields,
errors tied to their fields."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

S1 = "/students/s1/"
PAGES = {
    "counselor": ["/", S1, S1 + "profile", S1 + "profile/edit", S1 + "plan", S1 + "plan/edit",
                  S1 + "plan/goals/add", S1 + "transcript", S1 + "narratives/",
                  S1 + "portfolio/", S1 + "versions", S1 + "profile/versions",
                  S1 + "profile/version?n=1"],
    "administrator": ["/", "/schools/north", S1 + "edit", S1 + "transcript/edit"],
    "teacher": ["/", S1 + "narratives/add", S1 + "portfolio/add"],
    "guardian": ["/", S1, S1 + "profile/edit"],
}


def problems_with(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    if len(soup.find_all("h1")) != 1:
        found.append(f"{len(soup.find_all('h1'))} h1 elements")
    for landmark in ("header", "main", "footer"):
        if soup.find(landmark) is None:
            found.append(f"no <{landmark}>")
    if soup.find("html").get("lang") != "en":
        found.append("no lang on <html>")
    skip = soup.find("a", class_="skip")
    if skip is None or soup.find(id=skip["href"][1:]) is None:
        found.append("no working skip link")
    for field in soup.select("input, select, textarea"):
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        labelled = (field.get("id") and soup.find("label", attrs={"for": field["id"]})) or \
            field.get("aria-label") or field.find_parent("label")
        if not labelled:
            found.append(f"unlabelled {field.name} {field.get('name')}")
    for table in soup.find_all("table"):
        if not table.find("th"):
            found.append("a table without header cells")
    return found


@pytest.mark.parametrize("role", sorted(PAGES))
def test_pages_have_landmarks_one_heading_and_labelled_fields(world, as_role, role):
    app = as_role(role)
    report = {url: problems_with(app.get(url).text) for url in PAGES[role]}
    assert {url: p for url, p in report.items() if p} == {}


def test_the_login_page_is_accessible(world):
    assert problems_with(world.app.get("/login").text) == []


def test_a_bad_field_says_so_to_a_screen_reader(world, as_role):
    app = as_role("administrator")
    form = app.get(S1 + "edit").forms["document-form"]
    form["given_name"] = ""
    page = form.submit("save", status=400)
    soup = BeautifulSoup(page.text, "html.parser")
    field = soup.find("input", attrs={"name": "given_name"})
    assert field["aria-invalid"] == "true"
    described = [soup.find(id=i) for i in field["aria-describedby"].split()]
    assert all(described), "aria-describedby names an element that is not there"
    assert "Required" in " ".join(d.get_text() for d in described)
    summary = soup.find(id="problems")
    assert summary["role"] == "alert"
    link = summary.find("a", href=f"#{field['id']}")
    assert link is not None and "Given name" in link.get_text()


@pytest.mark.parametrize("url", ["/search?q=comics", "/search", S1, "/"])
def test_a_page_has_one_search_landmark(world, as_role, url):
    """The search page's own form is its search; the header's would be a second one with
    the same name (axe: landmark-unique)."""
    soup = BeautifulSoup(as_role("counselor").get(url).text, "html.parser")
    assert len(soup.select("[role=search], search")) == 1
