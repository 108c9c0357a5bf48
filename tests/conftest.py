"""Shared fixtures: a real FileStorage in a temp folder, the WSGI app, people of every role.

The ``world`` fixtures share one configured application and its compiled templates; each
test still gets a database, search index, upload folder and login counts of its own.
"""
from __future__ import annotations

import datetime
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
import transaction
import webtest
from pyramid.threadlocal import manager as threadlocal

from profilerepo import main
from profilerepo.app import ROOT_KEY, database
from profilerepo.content.site import School
from profilerepo.content.student import new_student
from profilerepo.family.grants import CONTRIBUTE, READ, make_grant
from profilerepo.principals import hash_password
from profilerepo.security.local_roles import grant
from profilerepo.security.principals import school_administrators, school_staff
from profilerepo.workflow import project_engine

PASSWORD = "correct horse battery"
# The conftest tutor's grants run over every date the tests use.
GRANTED_FROM, GRANTED_UNTIL = datetime.date(2020, 1, 1), datetime.date(2099, 12, 31)
ADDRESS_ATTEMPTS = 6  # failed logins from one address before it must wait
ENGINE = project_engine()  # the project's workflows, for setting up content outside a request


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """Real argon2, with the cost turned down so hundreds of logins stay fast."""
    from argon2 import PasswordHasher

    from profilerepo import principals

    saved = principals._hasher
    principals._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    principals._hasher = saved


class CompiledTemplates:
    """Chameleon's in-memory loader, keeping what it compiled under the name Chameleon gives
    it (the template's file and a digest of its text, as its own disk cache does)."""

    def __init__(self) -> None:
        self._compiled: dict[str, dict] = {}

    def get(self, name: str) -> dict | None:
        return self._compiled.get(name)

    def build(self, source: str, name: str) -> dict:
        compiled: dict = {}
        exec(compile(source, name, "exec"), compiled)
        self._compiled[name] = compiled
        return compiled


@pytest.fixture(autouse=True, scope="session")
def templates_compiled_once():
    """Each template is compiled once per run, not once per application built: compiling
    is most of what a test's first look at each page costs (a quarter second a page)."""
    from chameleon.template import BaseTemplate

    saved = BaseTemplate.loader
    BaseTemplate.loader = CompiledTemplates()
    yield
    BaseTemplate.loader = saved


def file_uri(path) -> str:
    return f"file://{path}/Data.fs?blobstorage_dir={path}/blobs"


def make_app(uri: str, tmp_path, **settings):
    return main({}, **{
        "zodbconn.uri": uri,
        "profilerepo.secret": "test-secret-not-for-production",
        "profilerepo.login_attempts": "3",
        "profilerepo.address_attempts": str(ADDRESS_ATTEMPTS),
        "profilerepo.upload_dir": str(tmp_path / "uploads"),
        "profilerepo.search_index": str(tmp_path / "search"),
        "profilerepo.indexer": "off",  # search tests start it (and stop it) themselves
        **settings,
    })


@dataclass
class World:
    """A small school: one person of each role and students on and off their lists."""

    app: webtest.TestApp
    wsgi: object

    def site(self):
        """A fresh connection's view of the site; commit with ``self.commit()``. The app's
        registry is current until ``close``, so content events reach its subscribers."""
        if not getattr(self, "_registry_pushed", False):
            threadlocal.push({"registry": self.wsgi.registry, "request": None})
            self._registry_pushed = True
        self._conn = database(self.wsgi.registry).open()
        return self._conn.root()[ROOT_KEY]

    def close(self) -> None:
        if getattr(self, "_conn", None) is not None:
            transaction.abort()
            self._conn.close()
            self._conn = None
        if getattr(self, "_registry_pushed", False):
            threadlocal.pop()
            self._registry_pushed = False


ROLE_USERS = {
    "counselor": "cora", "teacher": "theo", "administrator": "ada", "guardian": "gina",
    "student": "sam", "contributor": "toby",
}
OTHER_TEACHER = "tess"
OTHER_GUARDIAN = "gus"


def populate(site) -> None:
    """Two schools; student ``s1`` has a full team, ``s2`` (another family) only a counselor,
    ``s3`` is at another school."""
    schools = site["schools"]
    for sid, title in (("north", "North Middle School"), ("south", "South Middle School")):
        school = School(title, "middle", ("6", "7", "8"))
        schools.add(sid, school)
    principals = site["principals"]
    kinds = {"guardian": "guardian", "student": "student", "contributor": "contributor"}
    hashed = hash_password(PASSWORD)
    for role, login in ROLE_USERS.items():
        principals.add_user(login, f"{login.title()} Example", kinds.get(role, "staff"),
                            password_hash=hashed)
    principals.add_user(OTHER_TEACHER, "Tess Other", "staff", password_hash=hashed)
    principals.add_user(OTHER_GUARDIAN, "Gus Other", "guardian", password_hash=hashed)
    principals.join(principals.get_user("ada"), school_administrators("north"))
    for login, schools_worked_at in (("cora", ("north",)), ("theo", ("north",)),
                                     ("ada", ("north",)), (OTHER_TEACHER, ("north", "south"))):
        for school_id in schools_worked_at:
            principals.join(principals.get_user(login), school_staff(school_id))
    by = "setup"
    base = {"birth_date": datetime.date(2013, 3, 4), "entry_date": datetime.date(2020, 8, 20)}
    s1 = new_student(site, {**base, "given_name": "Maya", "family_name": "Lopez",
                            "grade": "7", "school": "north"}, by, engine=ENGINE, student_id="s1",
                     profile={"strengths": "Explains math ideas to classmates with patience",
                              "interests": "Robotics and drawing comics"})
    s2 = new_student(site, {**base, "given_name": "Jonah", "family_name": "Reed",
                            "grade": "8", "school": "north"}, by, engine=ENGINE, student_id="s2")
    s3 = new_student(site, {**base, "given_name": "Iris", "family_name": "Chen",
                            "grade": "6", "school": "south"}, by, engine=ENGINE, student_id="s3")
    for role, login in ROLE_USERS.items():
        if role not in ("administrator", "contributor"):
            grant(site, s1, login, role)
    # Toby, a tutor, reads what Maya's family granted him: the profile and portfolio,
    # and the plan, whose sessions he logs where a support names him.
    for sections, level in ((("profile", "portfolio"), READ), (("plan",), CONTRIBUTE)):
        make_grant(site, s1, ROLE_USERS["contributor"], sections, level, "Tutoring",
                   GRANTED_FROM, GRANTED_UNTIL, by=ROLE_USERS["guardian"])
    principals.get_user("sam").student_id = "s1"
    grant(site, s2, "cora", "counselor")
    grant(site, s2, OTHER_TEACHER, "teacher")
    grant(site, s2, OTHER_GUARDIAN, "guardian")
    grant(site, s3, OTHER_TEACHER, "teacher")
    # Maya's profile and her plan's draft are shared with her family (families read a
    # draft before the meeting). Tests of other states move them there.
    counselor = {"actor": "cora", "roles": {"counselor"}}
    ENGINE.perform(s1["plan"], "share_with_family", **counselor)
    ENGINE.perform(s1["profile"], "share_with_family", **counselor)


def populated(wsgi) -> World:
    """A ``World`` on ``wsgi`` whose database holds the conftest school, committed."""
    world = World(app=webtest.TestApp(wsgi), wsgi=wsgi)
    populate(world.site())
    transaction.commit()
    world.close()
    return world


class SharedApplication:
    """One application configured once for the run (views, templates, workflows, the same in
    every test), handed to each test as ``make_app`` on the test's folder would build it: a
    database, search index, upload folder and login counts of the test's own."""

    # What configuration leaves on the registry that is the same for every test.
    SHARED = frozenset({
        "action_state", "adapters", "has_listeners", "in_script", "indexer_mode",
        "introspector", "max_upload_bytes", "page_extras", "timezone", "utilities",
        "workflows",
    })
    # What a test changes (or a request in it), made anew for each test by ``renew``.
    RENEWED = frozenset({
        "login_guard", "trusted_proxies", "search_index", "search_slots", "upload_dir",
        "access_log", "credential_issuer",
    })

    def __init__(self, folder: Path) -> None:
        self.wsgi = make_app(file_uri(folder), folder)
        registry = self.wsgi.registry
        database(registry).close()  # (each test opens its own)
        self._configured = dict(vars(registry))
        self._registrations = registrations(registry)
        # Set by configuration but neither shared nor renewed above: nobody has said whether
        # a test may change it, so tests build their own application until someone does.
        self.unknown = sorted(name for name in self._configured if not name.startswith("_")
                              and name not in self.SHARED | self.RENEWED)
        self.unknown += sorted(f"{name} (gone)" for name in self.RENEWED - set(self._configured))

    def renew(self, folder: Path) -> object:
        """The application with a new database (site created, evolved, empty) in ``folder``."""
        from pyramid.config import Configurator
        from pyramid_zodbconn import db_from_uri
        from ZODB.ActivityMonitor import ActivityMonitor

        from profilerepo.app import start
        from profilerepo.credentials import issuer_from_settings
        from profilerepo.security import throttle

        registry = self.wsgi.registry
        for name in set(vars(registry)) - set(self._configured):
            if not name.startswith("_"):
                delattr(registry, name)  # what the last test's requests left (cycle jobs)
        for name in self.SHARED & set(self._configured):
            setattr(registry, name, self._configured[name])
        uri = file_uri(folder)
        registry.settings.update({
            "zodbconn.uri": uri, "profilerepo.upload_dir": str(folder / "uploads"),
            "profilerepo.search_index": str(folder / "search")})
        throttle.includeme(Configurator(registry=registry))  # login_guard, trusted_proxies
        registry.search_index = type(self._configured["search_index"])(folder / "search")
        registry.search_slots = type(self._configured["search_slots"])()
        registry.upload_dir = str(folder / "uploads")
        registry.settings["profilerepo.signing_keys"] = str(folder / "keys")  # (made on use)
        registry.credential_issuer = issuer_from_settings(registry.settings)
        if getattr(registry, "access_log", None) is not None:  # (each test its own views)
            registry.access_log.close()
        configured_log = self._configured["access_log"]
        registry.access_log = configured_log and type(configured_log)(
            folder / "access-log.sqlite")
        configured_db = self._configured["_zodb_databases"][""]
        databases = registry._zodb_databases = {}
        db = db_from_uri(uri, "", databases)
        db.setActivityMonitor(ActivityMonitor())
        if "classFactory" in vars(configured_db):  # (finds classes that moved, as it did)
            db.classFactory = configured_db.classFactory
        start(registry)
        return self.wsgi

    def unchanged(self) -> bool:
        """Whether the tests so far left its configuration as it was (a test that adds a
        subscriber to its application would otherwise add it to every later test's)."""
        return registrations(self.wsgi.registry) == self._registrations


def registrations(registry) -> tuple[int, int, int, int]:
    """How many views, subscribers and utilities ``registry`` holds (but pyramid_chameleon's,
    which it registers as pages first use their templates)."""
    utilities = [key for key in registry._utility_registrations
                 if key[0].__module__ != "pyramid_chameleon.interfaces"]
    return (len(registry._adapter_registrations), len(registry._subscription_registrations),
            len(registry._handler_registrations), len(utilities))


@pytest.fixture(scope="session")
def applications(tmp_path_factory):
    """The application the ``world`` fixtures share, made again when a test changed it."""
    made: list[SharedApplication] = []

    def shared() -> SharedApplication | None:
        if not made or not made[-1].unchanged():
            made.append(SharedApplication(tmp_path_factory.mktemp("shared-application")))
            if made[-1].unknown:
                warnings.warn(
                    "tests/conftest.py does not know whether each test needs registry."
                    f"{', registry.'.join(made[-1].unknown)} of its own (SharedApplication: "
                    "SHARED or RENEWED); until it does, each world builds its own app",
                    stacklevel=1)
        return None if made[-1].unknown else made[-1]

    return shared


@pytest.fixture
def world(tmp_path, applications):
    """The conftest school, in a database of this test's own, on the shared application."""
    shared = applications()
    wsgi = shared.renew(tmp_path) if shared else make_app(file_uri(tmp_path), tmp_path)
    w = populated(wsgi)
    yield w
    w.close()
    database(wsgi.registry).close()


def csrf_of(response) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
    assert match, "the page has no CSRF token"
    return match.group(1)


def login(app: webtest.TestApp, login_name: str, password: str = PASSWORD):
    """Log in afresh (any earlier session's cookies are dropped first)."""
    app.reset()
    page = app.get("/login")
    form = page.forms[0] if page.forms else None
    form["login"] = login_name
    form["password"] = password
    return form.submit()


@pytest.fixture
def as_role(world):
    """Log the test app in as the user holding ``role`` on student s1."""

    def _as(role: str) -> webtest.TestApp:
        world.app.reset()
        response = login(world.app, ROLE_USERS[role])
        assert response.status_int == 303, response.text
        return world.app

    return _as


def take(app, url: str, transition: str, workflow: str = "", comment: str = "",
         status: int | str = 303):
    """Take a workflow transition on the document at ``url`` as the signed-in user, the
    way its page's button does (and, for one that asks first, its confirmation page's)."""
    token = csrf_of(app.get(url))
    return app.post(url + "transition", {"csrf_token": token, "transition": transition,
                                         "workflow": workflow, "comment": comment,
                                         "confirmed": "yes"},
                    status=status)


def logout_form(page):
    """The header's log-out form on ``page``."""
    return next(f for f in page.forms.values() if f.action.endswith("/logout"))


# Maya's reading goal, as several tests add it to s1's plan.
READING_GOAL = {
    "title": "Reads 120 words a minute by June", "area": "academic",
    "measure": "Oral reading fluency probe", "unit": "words a minute",
    "baseline_value": 80.0, "baseline_date": datetime.date(2024, 9, 10),
    "target_value": 120.0, "target_date": datetime.date(2025, 6, 10),
    "schedule": "every two weeks", "responsible": ("cora",),
}


@pytest.fixture
def district_day(monkeypatch):
    """Sets the district clock to a chosen day: ``district_day(date)`` makes it noon on
    that day in the district's zone for everything that asks ``profilerepo.clock`` (ages,
    grants' dates, due dates, pages), whatever the machine's date."""
    from profilerepo import clock

    def set_day(day: datetime.date) -> None:
        def noon_that_day(registry=None, *, zone=None) -> datetime.datetime:
            zone = zone or clock.district_zone(registry)
            return datetime.datetime.combine(day, datetime.time(12), tzinfo=zone)

        monkeypatch.setattr(clock, "now", noon_that_day)

    return set_day
