"""The records-request API one district answers for another (JSON over HTTP), and the client
the asking district calls it with.

POST /api/records-requests          a signed request -> {"id", "token", "status", "district"}
GET  /api/records-requests/<id>     (Authorization: Bearer <token>) -> {"status", "reason"}
GET  /api/records-requests/<id>/backpack   the signed backpack, once approved

Each request and each disclosure is written in the student's access log (99.32), which
the family reads.
"""
from __future__ import annotations

import datetime
import json
import logging
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from pyramid.response import FileResponse, Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from profilerepo import clock
from profilerepo.accesslog.store import REQUEST, View
from profilerepo.content.site import Site
from profilerepo.credentials import get_issuer, get_trust
from profilerepo.credentials.trust import did_web_url
from profilerepo.family.hiding import REQUEST_YEARS
from profilerepo.portability import transfers
from profilerepo.portability.transfers import TransferRefused

log = logging.getLogger(__name__)
TIMEOUT = 30
MAX_REQUEST_BYTES = 64 * 1024
MAX_BACKPACK_BYTES = 2 * 1024 * 1024 * 1024
REQUEST_LOG, SENT_LOG = REQUEST, "records-sent"  # (accesslog.store counts no request)
CAPACITY = "another district, through a records request"
# How long after the record was sent the asking district may fetch it again (its import
# failed half-way, say); after that the token opens nothing and it must ask again.
FETCH_AGAIN = datetime.timedelta(days=1)


def _json(code: int, **body) -> Response:
    return Response(json=body, status=code, content_type="application/json", charset="utf-8")


def _log(request, student, transfer, view: str) -> None:
    """A row in the student's access log: who asked (or was sent the record), and why."""
    log = getattr(request.registry, "access_log", None)
    if log is None:
        return
    purpose = f" ({transfer.purpose})" if transfer.purpose else ""
    log.record(View(
        at=clock.now(zone=clock.UTC), student_id=student.__name__, student_name=student.title,
        school_id=student.school or "", login=transfer.district_did,
        name=transfer.district_name, capacity=CAPACITY + purpose, path="students/"
        + student.__name__, kind="Whole record", title=student.title, view=view))


def tell_family(request, student, transfer, what: str) -> None:
    """Tell those holding the family's rights what happened to the record (there is no
    mail server yet: the message goes to the ``profilerepo.mail`` log, as invitations do;
    the record of who looked shows it too)."""
    from profilerepo.family.invitations import DEFAULT_SENDER, SENDER_SETTING, mail_log
    from profilerepo.family.rights import rights_passed
    from profilerepo.security.principals import logins as principals_logins

    principals = request.site["principals"]
    logins = principals_logins(student.holders("student" if rights_passed(student)
                                               else "guardian"))
    sender = request.registry.settings.get(SENDER_SETTING) or DEFAULT_SENDER
    for login in logins:
        user = principals.get_user(login)
        if user is not None and getattr(user, "email", ""):
            mail_log.info("would send to %s (from %s): %s %s %s's record, %s.", user.email,
                          sender, transfer.district_name, what, student.title,
                          transfer.purpose or "for a school the student joins")


@view_config(context=Site, name="api", request_method="POST",
             permission=NO_PERMISSION_REQUIRED, require_csrf=False)
def receive_request(context, request):
    """Another district asks for a student's record (``POST /api/records-requests``)."""
    if tuple(request.subpath) != ("records-requests",):
        return _json(404, error="no such address")
    if len(request.body) > MAX_REQUEST_BYTES:
        return _json(413, error="the request is too large")
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        return _json(400, error="the request is not JSON")
    issuer, trust = get_issuer(request.registry), get_trust(request.registry)
    try:
        incoming = transfers.read_request(document, trust, issuer.contexts)
        automatic = request.registry.settings.get(
            transfers.AUTOMATIC_SETTING, "review").strip() == "automatic"
        transfer, token = transfers.receive(request.site, incoming, automatic)
    except TransferRefused as refused:
        return _json(403, error=str(refused))
    body = {"id": transfer.id, "token": token, "status": transfer.status,
            "district": issuer.name}
    if transfer.status == transfers.NO_MATCH:
        return _json(404, error=f"{issuer.name} has no one student named "
                     f"{transfer.name} born {transfer.birth_date:%-d %B %Y}", **body)
    student = request.site["students"][transfer.student_id]
    _log(request, student, transfer, REQUEST_LOG)
    tell_family(request, student, transfer, "asked for")
    return _json(202, **body)


def _asked(request):
    token = request.authorization.params if request.authorization else ""
    if request.authorization and request.authorization.authtype.lower() == "bearer":
        return transfers.with_token(request.site, request.subpath[1], str(token))
    return None


@view_config(context=Site, name="api", request_method="GET",
             permission=NO_PERMISSION_REQUIRED)
def request_status(context, request):
    """Where a request stands (``/api/records-requests/<id>``), or its backpack
    (``…/<id>/backpack``) once approved."""
    path = request.subpath
    if len(path) not in (2, 3) or path[0] != "records-requests" or (
            len(path) == 3 and path[2] != "backpack"):
        return _json(404, error="no such address")
    transfer = _asked(request)
    if transfer is None:
        return _json(404, error="no such request, or the token does not match")
    if len(path) == 2:
        return _json(200, status=transfer.status, reason=transfer.reason)
    if transfer.status not in (transfers.APPROVED, transfers.SENT):
        return _json(409, status=transfer.status, error="the request is not approved")
    return _send_backpack(request, transfer)


def _send_backpack(request, transfer):
    from profilerepo.portability.export import export_backpack

    student = request.site["students"][transfer.student_id]
    first = transfer.status != transfers.SENT
    sent = transfers.when_sent(transfer)
    if not first and sent is not None and clock.now(zone=clock.UTC) - sent > FETCH_AGAIN:
        return _json(410, status=transfer.status, error=(
            f"the record was sent on {sent:%-d %B %Y}; to have it again, ask again"))
    release = (transfer.released_hidden if not first else transfer.include_hidden
               and transfers.may_release_hidden(student, clock.today(request.registry)))
    out = tempfile.NamedTemporaryFile(prefix="backpack-", suffix=".zip", delete=False)
    with out:
        export_backpack(student, get_issuer(request.registry), out, audience="school",
                        release_hidden=release)
    if first:  # (fetched again after a failed import: the same disclosure, told once)
        transfer.status = transfers.SENT
        transfer.released_hidden = release
        transfer.note("Record sent, with what the family hid" if release else "Record sent"
                      + (" (without what the family hid: the student left more than "
                         f"{REQUEST_YEARS} years ago)"
                         if transfer.include_hidden else ""), transfer.district_name)
        _log(request, student, transfer, SENT_LOG)
        tell_family(request, student, transfer, "was sent")
    response = FileResponse(out.name, request=request, content_type="application/zip")
    response.content_disposition = f'attachment; filename="{student.__name__}-backpack.zip"'
    Path(out.name).unlink()  # (the response holds it open; the name is not needed)
    return response


# -- the asking side ------------------------------------------------------------------

def service_address(trust, did: str) -> str:
    """Where the district ``did`` answers: its DID document's address, less the document."""
    entry = trust.entries.get(did)
    url = (entry.keys_url if entry is not None and entry.keys_url
           and entry.keys_url.startswith(("http://", "https://")) else did_web_url(did))
    for suffix in ("/.well-known/did.json", "/did.json"):
        if url.endswith(suffix):
            return url[: -len(suffix)]
    return url.rstrip("/")


def _call(url: str, *, body: bytes | None = None, token: str = "") -> tuple[int, dict]:
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        call = urllib.request.Request(url, data=body, headers=headers)
        with urllib.request.urlopen(call, timeout=TIMEOUT) as answer:  # noqa: S310
            return answer.status, _parsed(answer.read(MAX_REQUEST_BYTES))
    except urllib.error.HTTPError as error:
        return error.code, _parsed(error.read(MAX_REQUEST_BYTES))
    except (OSError, ValueError) as error:
        log.warning("records request to %s: %s", url, error)  # (the detail, for whoever runs it)
        raise TransferRefused("the other district did not answer (its address could not be "
                              "reached; it may be down, or its address in this district's "
                              "settings wrong)") from None


def _parsed(body: bytes) -> dict:
    try:
        found = json.loads(body)
    except (ValueError, RecursionError):
        return {"error": "the other district's answer was not understood"}
    return found if isinstance(found, dict) else {}


def send_request(address: str, document: dict) -> dict:
    status, answer = _call(address + "/api/records-requests",
                           body=json.dumps(document).encode())
    if status not in (202, 404) or "id" not in answer:
        raise TransferRefused(answer.get("error") or f"the other district answered {status}")
    return answer


def ask_status(address: str, remote_id: str, token: str) -> dict:
    status, answer = _call(f"{address}/api/records-requests/{remote_id}", token=token)
    if status != 200:
        raise TransferRefused(answer.get("error") or f"the other district answered {status}")
    return answer


def fetch_backpack(address: str, remote_id: str, token: str) -> Path:
    """The approved backpack, saved to a temporary file (the caller removes it)."""
    call = urllib.request.Request(f"{address}/api/records-requests/{remote_id}/backpack",
                                  headers={"Authorization": f"Bearer {token}"})
    out = tempfile.NamedTemporaryFile(prefix="backpack-in-", suffix=".zip", delete=False)
    try:
        with out, urllib.request.urlopen(call, timeout=TIMEOUT) as answer:  # noqa: S310
            copied = 0
            while chunk := answer.read(1024 * 1024):
                copied += len(chunk)
                if copied > MAX_BACKPACK_BYTES:
                    raise TransferRefused("the record sent is larger than 2 GB")
                out.write(chunk)
    except urllib.error.HTTPError as error:
        Path(out.name).unlink(missing_ok=True)
        raise TransferRefused(_parsed(error.read(MAX_REQUEST_BYTES)).get("error")
                              or f"the other district answered {error.code}") from None
    except (OSError, ValueError, TransferRefused) as error:
        Path(out.name).unlink(missing_ok=True)
        if isinstance(error, TransferRefused):
            raise
        log.warning("fetching a record from %s: %s", address, error)
        raise TransferRefused("the record could not be fetched: the other district did not "
                              "answer; try again later") from None
    return Path(out.name)
