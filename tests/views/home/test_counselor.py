"""The counselor's caseload on the home page: filter, search, sort and page it through
the address alone (no JavaScript), told in words; bad addresses never break it."""
from __future__ import annotations

import datetime

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.content.student import new_student
from profilerepo.security.local_roles import grant
from tests.conftest import ENGINE

TODAY = datetime.date.today()
BIRTH = {"birth_date": datetime.date(2013, 3, 4), "entry_date": datetime.date(2020, 8, 20)}


def many(world, count: int = 40) -> None:
    """``count`` more students on cora's caseload: Student 00 .. 39, grades 6 and 8, every
    third at South; the first five with a review due next week."""
    site = world.site()
    for n in range(count):
        student = new_student(site, {**BIRTH, "given_name": f"Kid{n:02}",
                                     "family_name": f"Student{n:02}",
                                     "grade": "6" if n % 2 else "8",
                                     "school": "south" if n % 3 == 0 else "north"},
                              "setup", engine=ENGINE, student_id=f"k{n:02}")
        grant(site, student, "cora", "counselor")
        student["plan"].review_due = TODAY + datetime.timedelta(7 if n < 5 else 300)
    transaction.commit()
    world.close()


def names(page) -> list[str]:
    return [row.th.get_text(" ", strip=True) for row in
            BeautifulSoup(page.text, "html.parser").select("table.caseload tbody tr")]


def text(page) -> str:
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def test_a_long_caseload_comes_a_page_at_a_time_with_links(world, as_role):
    many(world)
    app = as_role("counselor")
    first = app.get("/")
    assert len(names(first)) == 25
    assert "42 of 42 students; page 1 of 2." in text(first)
    assert "Page 1 of 2" in first.html.select_one("table.caseload caption").get_text()
    second = first.click(linkid=None, href=r"page=2", index=0)
    assert len(names(second)) == 17
    assert not set(names(first)) & set(names(second))


def test_filters_and_search_narrow_the_table_with_a_plain_form(world, as_role):
    many(world)
    app = as_role("counselor")
    form = app.get("/").forms[[f for f, v in app.get("/").forms.items()
                               if v.action.endswith("#panel-counselor")][0]]
    form["grade"] = "6"
    form["school"] = "south"
    shown = form.submit()
    expected = sorted(f"Student{n:02}, Kid{n:02}" for n in range(40) if n % 2 and n % 3 == 0)
    assert sorted(names(shown)) == expected
    assert f"{len(expected)} of 42 students match." in text(shown)
    assert names(app.get("/?q=student07")) == ["Student07, Kid07"]
    assert names(app.get("/?q=Kid07")) == ["Student07, Kid07"]
    due = names(app.get("/?review=1&sort=name"))
    assert due == [f"Student{n:02}, Kid{n:02}" for n in range(5)]
    assert "No student on your caseload matches." in text(app.get("/?q=nobody-like-this"))


def test_sorting_is_a_link_and_says_its_order(world, as_role):
    many(world)
    app = as_role("counselor")
    by_name = app.get("/?sort=name")
    assert names(by_name)[0] == "Lopez, Maya"
    head = by_name.html.select("table.caseload thead th")[0]
    assert head["aria-sort"] == "ascending"
    assert "sorted A to Z; sort Z to A" in head.get_text()
    reverse = app.get("/" + head.a["href"].split("/", 3)[-1])
    assert names(reverse)[0] == "Student39, Kid39"
    assert reverse.html.select("table.caseload thead th")[0]["aria-sort"] == "descending"
    review = names(app.get("/?sort=review"))
    assert set(review[:5]) == {f"Student{n:02}, Kid{n:02}" for n in range(5)}


@pytest.mark.parametrize("query", (
    "page=0", "page=-3", "page=99999999999999", "page=x", "sort=evil", "dir=up",
    "grade=%C3%A9", "school=../../", "status=nope", "risk=yes", "q=" + "a" * 5000,
    "page=1&page=2", "sort=name&sort=risk", "q=%00"))
def test_odd_addresses_show_the_table_not_an_error(world, as_role, query):
    many(world, 30)
    page = as_role("counselor").get("/?" + query)
    assert page.status_int == 200
    assert "My caseload" in page.text


def test_the_plan_state_filter_and_column_use_the_plans_words(world, as_role):
    many(world, 3)
    site = world.site()
    ENGINE.perform(site["students"]["k01"]["plan"], "submit", actor="cora",
                   roles={"counselor"})
    transaction.commit()
    world.close()
    page = as_role("counselor").get("/?status=in_review")
    assert names(page) == ["Student01, Kid01"]
    row = page.html.select_one("table.caseload tbody tr")
    assert "In review" in row.get_text()
    assert "in_review" not in text(page)
