"""Importing a backpack from the web, for school and district administrators: upload the
file, follow the check and the import on a page that reloads, confirm a match by name and
birth date, read what was added. The work runs in a thread of its own, one per upload.

The jobs live in this process only: a restart forgets them (the file and the database
are left as they were: an import commits once, at its end, or not at all).
"""
from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

import colander
import deform.widget
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo.content import fields
from profilerepo.content.site import Site
from profilerepo.credentials import get_issuer, get_trust
from profilerepo.database import database, site_connection
from profilerepo.portability.importing import import_backpack, match_student, own_backpack
from profilerepo.portability.matching import described, grades_of, teaches
from profilerepo.portability.reading import BackpackRefused, verify_backpack_file
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from profilerepo.views import forms, template
from profilerepo.views.home import administered_schools
from profilerepo.views.uploads import pending_uploads

log = logging.getLogger(__name__)
PAGE = "import-backpack"
MAX_BACKPACK_BYTES = 1024 * 1024 * 1024  # an upload larger than this is refused as it comes
_CHUNK = 1024 * 1024
CHECKING, CONFIRM, IMPORTING, DONE, REFUSED = ("checking", "confirm", "importing", "done",
                                               "not-imported")


@colander.deferred
def _upload_widget(node, kw):
    # (the file is what the page is for: focus starts on it, not on the school)
    return deform.widget.FileUploadWidget(kw["upload_store"], accept=".zip,application/zip",
                                          attributes={"autofocus": "autofocus"})


class BackpackUploadSchema(colander.MappingSchema):
    """The backpack file, and the school a new student joins (bind with ``schools``:
    (id, name) of the schools the person administers, and ``upload_store``)."""

    upload = colander.SchemaNode(
        deform.FileData(), title="Backpack file", widget=_upload_widget, autofocus="on",
        description="The .zip file the student's last school or family gave you")
    school = fields.bound_choice(
        "School (for a student new to the district)", "schools", required=False,
        description="Where the student joins, if they are new to the district. You can "
                    "leave it and choose once the file is checked.")


@dataclass
class ImportJob:
    """One upload being checked and imported: what it is at, for its page."""

    token: str
    path: Path
    by: str
    school: str
    schools: frozenset[str] | None  # the schools the person may import into (None: all)
    stage: str = CHECKING
    done: int = 0
    total: int = 0
    message: str = ""
    student_id: str | None = None
    confirmed: bool = False
    # the students here it may be: id, name, school, birth date, grade
    candidates: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    incoming: dict[str, str] = field(default_factory=dict)  # the backpack's student, sender
    # the schools a new student may join: id, name, grades, whether they have the grade
    school_choices: list[tuple[str, str, str, bool]] = field(default_factory=list)
    added: list[tuple[str, str, str]] = field(default_factory=list)
    new_versions: list[tuple[str, str, str]] = field(default_factory=list)
    summary: str = ""
    created: bool = False
    unchanged: bool = False
    thread: threading.Thread | None = None

    def advance(self, done: int, total: int, what: str = "") -> None:
        self.done, self.total = done, total

    @property
    def said(self) -> str:
        """How far it is, in a line."""
        if self.stage == CHECKING:
            if not self.total:
                return "Opening the file…"
            return f"{self.done} of {self.total} parts of the file checked."
        if self.stage == IMPORTING:
            if not self.total:
                return "Starting to keep the documents…"
            return f"{self.done} of {self.total} documents kept."
        if self.stage == CONFIRM:
            return "The file checked out: one question before anything is kept."
        return self.summary if self.stage == DONE else self.message

    @property
    def school_fits(self) -> bool:
        """Whether the school chosen on upload has the backpack's student's grade."""
        return any(fits for school_id, _, _, fits in self.school_choices
                   if school_id == self.school)

    @property
    def running(self) -> bool:
        return self.stage in (CHECKING, IMPORTING)

    def may_use(self, school_id: str) -> bool:
        return self.schools is None or school_id in self.schools


def _jobs(registry) -> dict[str, ImportJob]:
    return registry.__dict__.setdefault("backpack_import_jobs", {})


def _schools(request) -> tuple[list[tuple[str, str]], frozenset[str] | None]:
    """(id, name) of the schools the person administers; and the ids, None for a district
    administrator (who imports into any school)."""
    found = [(s.__name__, s.title) for s in administered_schools(request.site, request.user)]
    district = DISTRICT_ADMINISTRATORS in request.user.groups
    return found, None if district else frozenset(school_id for school_id, _ in found)


def _administrator(request) -> None:
    if request.user is None:
        raise HTTPSeeOther(request.application_url + f"/login?next=/{PAGE}")
    if not administered_schools(request.site, request.user):
        raise HTTPForbidden("Importing a student's backpack is for the school's "
                            "administrators.")


@view_config(context=Site, name=PAGE, permission=NO_PERMISSION_REQUIRED,
             renderer=template("backpack_import.pt"))
def upload_page(context, request):
    """The upload form; a valid upload starts the job and goes to its page."""
    _administrator(request)
    schools, allowed = _schools(request)
    store = pending_uploads(request)
    form = forms.build_form(request, BackpackUploadSchema(), button="Check and import",
                            schools=schools, upload_store=store)

    def save(values: dict):
        upload = values["upload"]
        folder = Path(request.registry.upload_dir) / "backpacks"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        token = secrets.token_urlsafe(16)
        path = folder / f"{token}.zip"
        try:
            _copy(upload["fp"], path)
        finally:
            upload["fp"].close()
            store.discard(upload.get("uid"))
        job = ImportJob(token, path, request.user.login, values["school"] or "", allowed)
        _jobs(request.registry)[token] = job
        _start(request.registry, job)
        return HTTPSeeOther(request.application_url + f"/{PAGE}-job?id={token}")

    return forms.form_page(request, form, heading="Import a student's backpack",
                           cancel_url=request.application_url + "/", save=save)


def _copy(stream, path: Path) -> None:
    """The upload into ``path``, refused (and removed) past the size limit."""
    copied = 0
    with open(path, "wb") as out:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            copied += len(chunk)
            if copied > MAX_BACKPACK_BYTES:
                break
            out.write(chunk)
    if copied > MAX_BACKPACK_BYTES:
        path.unlink(missing_ok=True)
        raise HTTPBadRequest(f"The file is larger than {MAX_BACKPACK_BYTES // 2**20} MB, "
                             "the most a backpack may be.")


def _start(registry, job: ImportJob) -> None:
    job.stage, job.done, job.total = CHECKING, 0, 0
    job.thread = threading.Thread(target=run_job, args=(registry, job), daemon=True,
                                  name=f"import backpack {job.token[:6]}")
    job.thread.start()


def run_job(registry, job: ImportJob) -> None:
    """Check the file, then import it in one transaction of its own (or stop to ask for a
    confirmation); whatever goes wrong, the page says so and nothing is written."""
    backpack = None
    try:
        backpack = verify_backpack_file(job.path, get_trust(registry), progress=job.advance)
        own_backpack(backpack, get_issuer(registry).did)
        job.incoming = described(backpack, registry)
        with site_connection(database(registry), registry, commit=False) as opened:
            site = opened.site
            student, how, alike = match_student(site, backpack, job.student_id)
            if student is None and not job.confirmed:
                _choices(site, job)
                # (asked first: a student here who may be the same, or a new student whose
                # school was not chosen or does not have their grade)
                if alike or not job.school_fits:
                    job.candidates = [_candidate(site, s) for s in alike
                                      if job.may_use(s.school)]
                    job.stage = CONFIRM
                    return
            where = student.school if student is not None else job.school
            if not job.may_use(where):
                raise BackpackRefused("This student's record is at a school you do not "
                                      "administer; ask that school's administrator.")
            job.stage, job.done, job.total = IMPORTING, 0, 0
            result = import_backpack(site, backpack, job.by, student_id=job.student_id,
                                     school=job.school, confirmed=True, progress=job.advance)
            if how == "id" and job.confirmed:
                result.matched_by = "name and birth date, as you confirmed"
            opened.manager.commit()
            job.student_id = result.student.__name__
            job.added, job.new_versions = result.added, result.new_versions
            job.created, job.unchanged = result.created, result.unchanged
            job.summary = result.summary()
            job.stage = DONE
    except BackpackRefused as refused:
        job.stage, job.message = REFUSED, str(refused)
    except Exception:  # (never a half-written record or a silent stop: the page says so)
        log.exception("importing backpack %s failed", job.token)
        job.stage, job.message = REFUSED, ("The import stopped on an unexpected problem, "
                                           "and nothing was written. The details are in the "
                                           "server's log.")
    finally:
        if backpack is not None:
            backpack.close()
        if job.stage in (DONE, REFUSED):
            job.path.unlink(missing_ok=True)


def _candidate(site, student) -> tuple[str, str, str, str, str]:
    school = site["schools"].get(student.school)
    born = student.birth_date
    return (student.__name__, student.title, getattr(school, "title", student.school),
            f"{born:%-d %B %Y}" if born else "not given", student.grade or "")


def _choices(site, job: ImportJob) -> None:
    """The schools the person may put a new student into, saying which have the grade."""
    grade = job.incoming.get("grade", "")
    job.school_choices = [(s.__name__, s.title, grades_of(s), teaches(s, grade))
                          for s in site["schools"].values() if job.may_use(s.__name__)]


def _job(request) -> ImportJob:
    _administrator(request)
    job = _jobs(request.registry).get(request.params.get("id", ""))
    if job is None or job.by != request.user.login:
        raise HTTPNotFound("There is no such import (an import is kept until the server "
                           "restarts). Upload the file again.")
    return job


@view_config(context=Site, name=f"{PAGE}-job", permission=NO_PERMISSION_REQUIRED,
             request_method="GET", renderer=template("backpack_import_job.pt"))
def job_page(context, request):
    """How far the job is; the match to confirm; what was added; or why it was refused."""
    job = _job(request)
    stage = job.stage  # (once: the job's thread moves it on while the page is drawn)
    students = request.site["students"]
    student = students.get(job.student_id) if stage == DONE and job.student_id else None
    request.response.cache_control = "no-store"  # (a reload always asks again)
    return {"job": job, "stage": stage, "running": stage in (CHECKING, IMPORTING),
            "student": student, "csrf": request.session.get_csrf_token(),
            "said": job.said,
            "team": request.resource_url(student, "team") if student is not None else "",
            "progress": request.application_url + f"/{PAGE}-progress?id={job.token}",
            "action": request.application_url + f"/{PAGE}-job?id={job.token}",
            "again": request.application_url + f"/{PAGE}",
            "link": lambda path: request.resource_url(student, *path.split("/"))}


@view_config(context=Site, name=f"{PAGE}-progress", permission=NO_PERMISSION_REQUIRED,
             request_method="GET", renderer="json")
def job_progress(context, request):
    """How far the job is, for its page to show without reloading itself."""
    job = _job(request)
    request.response.cache_control = "no-store"
    return {"running": job.running, "done": job.done, "total": job.total, "said": job.said}


@view_config(context=Site, name=f"{PAGE}-job", permission=NO_PERMISSION_REQUIRED,
             request_method="POST")
def confirm_match(context, request):
    """The administrator's answer to "is this the same student?": import into them, or
    as a new student."""
    job = _job(request)
    if job.stage != CONFIRM:
        return HTTPSeeOther(request.application_url + f"/{PAGE}-job?id={job.token}")
    choice = request.POST.get("student", "")
    if choice and choice not in {c[0] for c in job.candidates}:
        raise HTTPBadRequest("Choose one of the students listed, or a new student.")
    if not choice:
        school = request.POST.get("school", "") or job.school
        if school not in {c[0] for c in job.school_choices}:
            raise HTTPBadRequest("Choose the school the new student joins.")
        job.school = school
    job.student_id, job.confirmed = (choice or None), True
    if not job.path.exists():  # (uploads left waiting are swept after an hour)
        job.stage, job.message = REFUSED, ("The uploaded file is no longer here (an upload "
                                           "waits an hour for an answer). Upload it again.")
    else:
        _start(request.registry, job)
    return HTTPSeeOther(request.application_url + f"/{PAGE}-job?id={job.token}")


def includeme(config) -> None:
    config.scan(__name__)
    config.include("profilerepo.portability.import_pages")  # what arrived, and adopting it
