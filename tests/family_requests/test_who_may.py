"""Who may make, see, answer and withdraw each kind of request, through HTTP: the family
holding the rights (a guardian; the student from 18, when the guardian no longer does)
makes, reads and withdraws them; the school's administrators read and answer them; nobody
else so much as reads them. Every refusal is a 403 (a 404 for someone who may not know
the student exists: another family, a guardian once the student is 18), never a 500."""
from __future__ import annotations

import pytest

from tests.conftest import OTHER_GUARDIAN, csrf_of, login
from tests.family_requests.conftest import S1, made_request, set_age

YES, NO = 1, 0

# (who, their login, Maya's age) -> may they (make, see, answer, withdraw) a request?
WHO = {
    ("guardian", "gina", 13):                        (YES, YES, NO, YES),
    ("student under 18", "sam", 13):                 (NO, NO, NO, NO),
    ("student from 18", "sam", 18):                  (YES, YES, NO, YES),
    ("guardian once the student is 18", "gina", 18): (NO, NO, NO, NO),
    ("counselor", "cora", 13):                       (NO, NO, NO, NO),
    ("teacher", "theo", 13):                         (NO, NO, NO, NO),
    ("administrator", "ada", 13):                    (NO, YES, YES, NO),
    ("another family's guardian", OTHER_GUARDIAN, 13): (NO, NO, NO, NO),
    ("contributor", "toby", 13):                     (NO, NO, NO, NO),
}

# kind -> (the form that makes it, the answer an administrator gives, with its words)
KINDS = {
    "inspection": (S1 + "requests/ask-to-see", "fulfil", "inspection-request"),
    "amendment": (S1 + "transcript/ask-to-correct", "refuse", "amendment-request"),
}


# Who may not open Maya's record at all: for them she is not there (404), not refused.
STRANGERS = {(OTHER_GUARDIAN, 13), ("gina", 18)}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("who", WHO, ids=[w[0] for w in WHO])
def test_who_may_make_see_answer_and_withdraw_a_request(world, who, kind):
    _, login_name, age = who
    make, see, answer, withdraw = WHO[who]
    refused = 404 if (login_name, age) in STRANGERS else 403

    def status(allowed: int, done: int = 200) -> int:
        return done if allowed else refused

    form_url, answer_with, workflow = KINDS[kind]
    if age != 13:
        set_age(world, "s1", age)
    url = made_request(world, kind)
    app = world.app
    assert login(app, login_name).status_int == 303
    app.get(form_url, status=status(make))
    app.get(S1 + "requests/", status=status(see))
    page = app.get(url, status=status(see))
    if see:
        assert "About Maya Lopez's record" in page.text
    token = csrf_of(app.get("/"))
    app.post(url + "transition", {"csrf_token": token, "transition": answer_with,
                                  "workflow": workflow, "comment": "Seen in person."},
             status=status(answer, 303))
    if answer:  # (answered, it may no longer be withdrawn by anyone)
        return
    app.post(url + "transition", {"csrf_token": token, "transition": "withdraw",
                                  "workflow": workflow, "comment": ""},
             status=status(withdraw, 303))


def test_a_post_without_the_token_is_refused(world):
    url = made_request(world)
    app = world.app
    login(app, "gina")
    app.post(url + "transition", {"transition": "withdraw", "workflow": "inspection-request"},
             status=400)
    assert "Waiting for the school" in app.get(url).text
