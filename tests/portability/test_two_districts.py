"""A student's record moves between two districts: two real servers on this machine, each
with its own database, keys and trusted-issuer list, speaking HTTP to each other.

Riverbend (the sending district) holds Maya's full record; Lakeside (where she enrols)
asks for it, Riverbend's administrator approves, Lakeside fetches the signed backpack,
verifies every signature and digest, and imports it.
"""
from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profilerepo.badges.issuing import award_badge
from profilerepo.credentials import issuer_from_settings
from profilerepo.credentials.issuer import did_web
from profilerepo.family_requests.statements import record_of
from profilerepo.portability.selection import walk
from tests.conftest import ENGINE, World, file_uri, make_app
from tests.portability.backpacks import changed, district, resigned
from tests.portability.test_export import PDF, build_full_record
from tests.test_serving import INI, Browser, database, free_port, serve_school

DISTRICTS = INI.replace("[server:main]", """\
profilerepo.site_url = http://127.0.0.1:{port}
profilerepo.district_name = {name}
profilerepo.signing_keys = {folder}/keys
profilerepo.access_log = {folder}/access-log.sqlite
profilerepo.records_requests = review
profilerepo.trusted_issuers = {trusted}

[server:main]""")


def start(folder: Path, port: int, name: str, trusted: str, prepare=None):
    folder.mkdir()
    # (a did:web writes a port as %3A, which an .ini file must write as %%3A)
    ini = DISTRICTS.replace("{name}", name).replace("{trusted}", trusted.replace("%", "%%"))
    return serve_school(folder, ini, port=port, prepare=prepare)


def full_record_with_a_badge(site) -> None:
    """Maya's full record (``build_full_record``) and a badge her teacher awarded, signed
    with Riverbend's key as its server signs (the same key folder and address)."""
    folder = Path(site._p_jar.db().storage.getName()).parent
    issuer = issuer_from_settings({
        "profilerepo.signing_keys": str(folder / "keys"),
        "profilerepo.site_url": site.riverbend_url, "profilerepo.district_name":
        "Riverbend Unified"})
    del site.riverbend_url
    build_full_record(site)
    award_badge(site, issuer, site["students"]["s1"], {
        "name": "Tide pool scientist", "description": "Ran a season of tide pool counts.",
        "criteria": "A season of weekly counts, written up.", "evidence": "item-1"},
        by="theo", evidence_url=f"{issuer.url}/students/s1/portfolio/item-1/", engine=ENGINE)


@pytest.fixture
def districts(tmp_path):
    """Riverbend and Lakeside, each served by its own server: {name: (address, server)}."""
    ports = free_port(), free_port()
    riverbend, lakeside = (f"http://127.0.0.1:{port}" for port in ports)
    served = {}
    try:
        def prepare(site):
            site.riverbend_url = riverbend
            full_record_with_a_badge(site)

        served["riverbend"] = start(tmp_path / "riverbend", ports[0], "Riverbend Unified",
                                    did_web(lakeside), prepare=prepare)
        served["lakeside"] = start(tmp_path / "lakeside", ports[1], "Lakeside County Schools",
                                   did_web(riverbend))
        yield served
    finally:
        for _, server in served.values():
            server.terminate()
            server.wait(30)


def stopped(server) -> None:
    server.terminate()
    server.wait(30)


def form_values(page: str) -> dict:
    soup = BeautifulSoup(page, "html.parser")
    return {field["name"]: field.get("value", "") for field in soup.find_all("input")
            if field.get("name")}


def text_of(page: str) -> str:
    return " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())


def post(browser: Browser, path: str, **values) -> tuple[int, str]:
    """Press a button of the transfer page at ``path`` (its form's token included)."""
    status, page = browser.get(path)
    token = form_values(page)["csrf_token"]
    data = urllib.parse.urlencode({"csrf_token": token, **values}).encode()
    try:
        with browser.opener.open(browser.base + path, data=data, timeout=120) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_record_moves_from_one_district_to_another(districts, tmp_path):
    (riverbend, _), (lakeside, lakeside_server) = districts["riverbend"], districts["lakeside"]
    asking = Browser(lakeside)
    asking.log_in("ada")
    status, landed = asking.submit(
        "/transfers/ask", "document-form", district=did_web(riverbend), given_name="Maya",
        family_name="Lopez", date="2013-03-04", school="north",
        include_hidden="false")  # (the test client sends a box's value, ticked or not)
    assert status == 200, landed
    transfer_path = landed.removeprefix(lakeside)
    assert re.fullmatch(r"/transfers/\w+", transfer_path), landed
    status, page = asking.get(transfer_path)
    assert "Waiting for the other district's approval" in text_of(page)

    # Riverbend: the family sees the request in the record of who looked (99.32)
    family = Browser(riverbend)
    family.log_in("gina")
    status, page = family.get("/students/s1/access-log")
    assert status == 200 and "Lakeside County Schools" in text_of(page)

    sending = Browser(riverbend)
    sending.log_in("ada")
    status, page = sending.get("/transfers")
    assert "Waiting for your approval" in text_of(page)
    request_path = BeautifulSoup(page, "html.parser").find(
        "a", string="Maya Lopez")["href"].removeprefix(riverbend)
    status, page = post(sending, request_path, action="approve")
    assert "Send Maya Lopez's whole record to Lakeside County Schools?" in text_of(page)
    status, page = post(sending, request_path, action="approve", confirmed="yes")
    assert status == 200 and "Approved" in text_of(page)

    status, page = post(asking, transfer_path, action="check")
    assert status == 200, page
    assert "Record received, verified and imported" in text_of(page), text_of(page)
    assert "Tide pools essay (Portfolio item)" in text_of(page)
    status, page = family.get("/students/s1/access-log?"
                              + urllib.parse.urlencode({"person": did_web(lakeside)}))
    assert "Was sent the whole record, signed" in text_of(page), text_of(page)

    # What arrived, read from Lakeside's own database once its server has stopped
    stopped(lakeside_server)
    world = populated_world(tmp_path / "lakeside")
    try:
        maya = world.site()["students"]["s1"]  # (enrolled at Lakeside before the record came)
        imported = {path: node for path, node in walk(maya) if getattr(node, "imported", 0)}
        titles = {node.title for node in imported.values()}
        assert {"Fall science", "Tide pools essay", "Tide pool scientist"} <= titles, titles
        assert "A draft about math" not in titles  # (a draft stays at the school)
        assert not any(getattr(n, "title", "") == "Old goal" for _, n in walk(maya))  # hidden
        kinds = {type(node).__name__ for node in imported.values()}
        assert {"Transcript", "Plan", "Goal", "Profile", "Narrative", "PortfolioItem"} <= kinds
        for node in imported.values():
            assert node.provenance["district"] == "Riverbend Unified"
            assert node.provenance["school"] == "North Middle School"
            assert node.provenance["verified"] and node.provenance["signed"]
        item = next(n for n in imported.values() if n.title == "Tide pools essay")
        with item.file.open("r") as stored:
            assert stored.read() == PDF
        words = [w.text for node in imported.values()
                 for w in (getattr(node, "family_words", None) or {}).values()]
        assert "Maya was in hospital in October." in words
        assert "She reads to her brother every night now." in words
        plan = next(n for n in imported.values() if type(n).__name__ == "Plan")
        assert [s.text for s in record_of(plan).statements] == [
            "We disagree: Maya is anxious, not unwilling."]
    finally:
        world.close()
        database(world.wsgi.registry).close()


def populated_world(folder: Path) -> World:
    wsgi = make_app(file_uri(folder), folder)
    return World(app=None, wsgi=wsgi)


def download(browser: Browser, path: str) -> bytes:
    with browser.opener.open(browser.base + path, timeout=60) as answer:
        return answer.read()


def upload_backpack(browser: Browser, data: bytes) -> str:
    """Upload ``data`` on the import page as an administrator does; what the job page
    finally says."""
    import time
    import uuid

    status, page = browser.get("/import-backpack")
    assert status == 200, page
    form = BeautifulSoup(page, "html.parser").find("form", id="document-form")
    boundary = uuid.uuid4().hex
    parts = []
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.get("type") == "file":
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         'filename="maya-backpack.zip"\r\nContent-Type: application/zip'
                         '\r\n\r\n'.encode() + data + b"\r\n")
            continue
        value = "north" if name == "school" else field.get("value", "")
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'
                     f"\r\n{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="save"\r\n\r\n'
                 f"save\r\n--{boundary}--\r\n".encode())
    call = urllib.request.Request(browser.base + "/import-backpack", data=b"".join(parts),
                                  headers={"Content-Type":
                                           f"multipart/form-data; boundary={boundary}"})
    with browser.opener.open(call, timeout=60) as answer:
        job = answer.url.removeprefix(browser.base)
    assert "/import-backpack-job" in job, job
    for _ in range(300):
        status, page = browser.get(job)
        said = text_of(page)
        if "refused" in said.lower() or "imported" in said.lower():
            return said
        time.sleep(0.2)
    raise AssertionError(f"the import did not finish: {said}")


def test_a_changed_an_untrusted_and_a_revoked_record_are_refused_and_nothing_written(
        districts, tmp_path):
    (riverbend, _), (lakeside, _) = districts["riverbend"], districts["lakeside"]
    family = Browser(riverbend)
    family.log_in("gina")
    backpack = download(family, "/students/s1/backpack.zip")
    names = zipfile.ZipFile(io.BytesIO(backpack)).namelist()
    badge = next((n for n in names if n.startswith("documents/portfolio/badge")), None)
    assert badge, names
    stranger = district(tmp_path / "stranger-keys", "https://records.stranger.example",
                        "Stranger District")

    teacher = Browser(riverbend)  # (the badge is revoked after the family's copy was made)
    teacher.log_in("theo")
    address = "/students/s1/portfolio/" + badge.rsplit("/", 1)[1].removesuffix(".json")
    status, landed = teacher.submit(address + "/revoke", "document-form",
                                    reason="Awarded to the wrong student.")
    assert status == 200, landed
    assert "Revoked on" in text_of(teacher.get(address + "/")[1])

    admin = Browser(lakeside)
    admin.log_in("ada")
    data_fs = tmp_path / "lakeside" / "Data.fs"
    for spoiled, said in (
            (changed(backpack, "documents/narratives/narrative-1.json",
                     lambda b: b.replace(b"sharp questions", b"sharp question!")),
             "documents/narratives/narrative-1.json was changed after it was signed"),
            (resigned(backpack, stranger), "which is not a trusted district"),
            (backpack, "Tide pool scientist")):
        size = data_fs.stat().st_size
        page = upload_backpack(admin, spoiled)
        assert said in page, page
        assert data_fs.stat().st_size == size  # (nothing written)
    assert "was revoked by its issuer" in page
