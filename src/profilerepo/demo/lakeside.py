"""A student who came from another district, in the demo: Lakeside County Schools (a small
synthetic district of its own, in a scratch database) signs the student's backpack with
its own key, and the demo district verifies and imports it, as a records request would.

Lakeside's key and DID document are kept beside the demo's database
(``demo-lakeside/``); development.ini trusts that DID, its document read from that file, so
the imported documents check out and the import page, the drafts to adopt and the
"comparable services" notice can be tried in the browser.
"""
from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from urllib.parse import urlparse

import transaction
from ZODB import DB
from ZODB.MappingStorage import MappingStorage

from profilerepo.credentials import issuer_from_settings
from profilerepo.credentials.trust import TrustedIssuer, TrustedIssuers
from profilerepo.portability import transfers
from profilerepo.portability.export import export_backpack
from profilerepo.portability.importing import import_backpack
from profilerepo.portability.matching import teaches
from profilerepo.portability.reading import verify_backpack_file
from profilerepo.site_setup import create_site

LAKESIDE_URL = "https://records.lakeside.example"
LAKESIDE_NAME = "Lakeside County Schools"
SEED = 77  # (another district's people: not the demo's own names)


def lakeside_folder(settings: dict) -> Path | None:
    """``demo-lakeside/`` beside a FileStorage's Data.fs (None for other databases: the
    demo then has no student from Lakeside)."""
    uri = urlparse(settings.get("zodbconn.uri", ""))
    return Path(uri.path).parent / "demo-lakeside" if uri.scheme == "file" else None


def lakeside_issuer(folder: Path):
    return issuer_from_settings({"profilerepo.signing_keys": str(folder / "keys"),
                                 "profilerepo.site_url": LAKESIDE_URL,
                                 "profilerepo.district_name": LAKESIDE_NAME})


def came_from_lakeside(site, our_issuer, folder: Path, today: datetime.date) -> str | None:
    """Import one Lakeside student into ``site`` (as its district administrator would after
    a records request); the student's id here, or None when no school here fits."""
    from profilerepo.demo.loader import DistrictLoader
    from profilerepo.demo.synthetic import District

    folder.mkdir(parents=True, exist_ok=True)
    lakeside = lakeside_issuer(folder)
    (folder / "did.json").write_text(json.dumps(lakeside.keys.did_document(), indent=2))
    scratch = DB(MappingStorage())
    manager = transaction.TransactionManager()
    conn = scratch.open(manager)
    try:
        theirs = conn.root()["site"] = create_site()
        district = District(students=12, seed=SEED, today=today)
        loader = DistrictLoader(theirs, district)
        loader.load_schools_and_staff()
        for index in range(12):
            loader.add_student(district.student(index))
        student = max(theirs["students"].values(), key=lambda s: len(s["narratives"]))
        out = io.BytesIO()
        export_backpack(student, lakeside, out, audience="school")
    finally:
        manager.abort()
        conn.close()
        scratch.close()
    trust = TrustedIssuers([TrustedIssuer(lakeside.did)], our_issuer,
                           documents=[lakeside.keys.did_document()])
    backpack = verify_backpack_file(io.BytesIO(out.getvalue()), trust, today=today)
    try:
        grade = str(backpack.student.get("grade") or "")
        schools = [s for s in site["schools"].values() if teaches(s, grade)]
        if not schools:
            return None
        admin = next(iter(_district_admins(site)), "demo")
        result = import_backpack(site, backpack, admin, school=schools[0].__name__,
                                 confirmed=True)
    finally:
        backpack.close()
    _the_request(site, result.student, schools[0], admin, today, result.added)
    _a_team(site, result.student, schools[0])
    return result.student.__name__


def _a_team(site, student, school) -> None:
    """The new school's counselor and a teacher take the student on (a classmate's), so
    the counselor can adopt the plan that came with them."""
    from profilerepo.security.local_roles import grant
    from profilerepo.security.principals import logins

    for other_id in school.student_ids(student.grade, count=5):
        other = site["students"][other_id]
        if other is student:
            continue
        for role in ("counselor", "teacher"):
            for login in logins(other.holders(role))[:1]:
                grant(site, student, login, role)
        return


def _district_admins(site) -> list[str]:
    from profilerepo.security.principals import DISTRICT_ADMINISTRATORS

    return [user.login for user in site["principals"].users.values()
            if DISTRICT_ADMINISTRATORS in user.groups][:1]


def lakeside_issuer_did() -> str:
    from profilerepo.credentials.issuer import did_web

    return did_web(LAKESIDE_URL)


def _the_request(site, student, school, admin: str, today: datetime.date,
                 arrived) -> None:
    """The records request this demo import answers, on the administrators' /transfers."""
    # (asked on the day the student enrolled, the record in within the hour)
    at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)
    transfer = transfers.RecordsTransfer(
        transfers.ASKED, lakeside_issuer_did(), LAKESIDE_NAME,
        given_name=student.given_name, family_name=student.family_name,
        birth_date=student.birth_date, their_student_id="", school=school.title,
        purpose=f"to enrol the student at {school.title}", include_hidden=False, by=admin,
        at=at)
    transfer.our_school, transfer.student_id = school.__name__, student.__name__
    transfer.status = transfers.IMPORTED
    transfer.arrived = tuple(arrived)
    transfer.note("Record received, verified and imported", admin,
                  at + datetime.timedelta(hours=1))
    transfers.add_transfer(site, transfer)
