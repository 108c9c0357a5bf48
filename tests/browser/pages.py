"""Every kind of page, where it is in the furnished school (tests/browser/school.py) and
who reaches it: the table the browser tests walk. A new kind of page is one line here."""
from __future__ import annotations

from dataclasses import dataclass

S1 = "/students/s1/"
PLAN = S1 + "plan/"
GOAL = PLAN + "goals/goal-1/"
ANYONE = "anyone"  # not signed in
STAFF = ("counselor", "teacher", "administrator")
FAMILY = ("guardian", "student")
RECORD_READERS = STAFF + FAMILY
EVERYONE = RECORD_READERS + ("contributor",)
DISTRICT = "district administrator"


@dataclass(frozen=True)
class Page:
    kind: str
    path: str
    roles: tuple[str, ...]
    status: int = 200


PAGES = (
    Page("login", "/login", (ANYONE,)),
    Page("home", "/", (*EVERYONE, DISTRICT)),
    Page("student", S1, EVERYONE),
    Page("learner profile", S1 + "profile", RECORD_READERS),
    Page("transcript", S1 + "transcript", RECORD_READERS),
    Page("success plan", PLAN, RECORD_READERS),
    Page("goals", PLAN + "goals/", RECORD_READERS),
    Page("goal", GOAL, RECORD_READERS),
    Page("goal record form", GOAL + "record", ("counselor", "teacher")),
    Page("log a session", PLAN + "log-session", ("counselor", "teacher", "contributor")),
    Page("narratives", S1 + "narratives/", RECORD_READERS),
    Page("narrative", S1 + "narratives/narrative-1", RECORD_READERS),
    Page("portfolio", S1 + "portfolio/", EVERYONE),
    Page("portfolio item", S1 + "portfolio/item-1", RECORD_READERS),
    Page("progress report", PLAN + "reports/report-1", RECORD_READERS),
    Page("student versions", S1 + "versions", EVERYONE),
    Page("student version", S1 + "version?n=1", EVERYONE),
    Page("document versions", S1 + "profile/versions", RECORD_READERS),
    Page("document version", S1 + "profile/version?n=1", RECORD_READERS),
    Page("team", S1 + "team", ("administrator", "counselor")),
    Page("worklists", "/worklists", EVERYONE),
    Page("review cycles", "/cycles/", ("administrator",)),
    Page("review cycle", "/cycles/cycle-1/", ("administrator",)),
    Page("schools", "/schools/", (DISTRICT,)),
    Page("school", "/schools/north", ("administrator", DISTRICT)),
    Page("students", "/students/", (DISTRICT,)),
    Page("search with results", "/search?q=comics", (*EVERYONE, DISTRICT)),
    Page("not found", "/nowhere", ("counselor", "guardian"), 404),
    Page("forbidden", "/students/", ("counselor",), 403),
    Page("student edit form", S1 + "edit", ("administrator",)),
    Page("profile edit form", S1 + "profile/edit", ("counselor", "guardian")),
    Page("transcript edit form", S1 + "transcript/edit", ("administrator",)),
    Page("narrative add form", S1 + "narratives/add", ("teacher",)),
    Page("portfolio add form", S1 + "portfolio/add", ("teacher", "guardian", "student")),
    Page("my goals form", S1 + "profile/my-goals", ("student",)),
    Page("reflection form", S1 + "profile/reflect", ("student",)),
    Page("my dream form", S1 + "profile/my-dream", ("student",)),
    Page("caseload filtered", "/?risk=1&sort=name&dir=desc", ("counselor",)),
    Page("confirmation", GOAL + "confirm?workflow=goal-lifecycle&transition=discontinue",
         ("counselor",)),
    Page("amend the plan first", PLAN + "goals/add", ("counselor",), 403),
    Page("question to the counselor", PLAN + "reports/report-1/ask", ("guardian",)),
    Page("answer to the family", PLAN + "reports/report-1/answer", ("counselor",)),
    Page("review cycle form", "/cycles/add", ("administrator",)),
    Page("school add form", "/schools/add", (DISTRICT,)),
    Page("student add form", "/students/add", (DISTRICT,)),
)
ROLES = (ANYONE, *EVERYONE, DISTRICT)


def visits() -> list[tuple[str, Page]]:
    """(role, page) for every page and every role that reaches it, a role's pages
    together (so a browser signs in once for each role)."""
    return [(role, page) for role in ROLES for page in PAGES if role in page.roles]
