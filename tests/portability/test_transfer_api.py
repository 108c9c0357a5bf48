"""The records-request API as the sending district answers it (in process, through the
WSGI app): only a fresh request signed by a trusted district is kept, only its token
opens it, and the record leaves only once approved, each step in the student's log."""
from __future__ import annotations

import datetime
import json

import pytest
import transaction

from profilerepo.credentials import proofs
from profilerepo.credentials.trust import TrustedIssuer, TrustedIssuers
from profilerepo.portability import transfers
from profilerepo.portability.reading import verify_backpack_file
from tests.conftest import ROLE_USERS, csrf_of, login
from tests.portability.backpacks import district

MAYA = {"given_name": "Maya", "family_name": "Lopez", "birth_date": datetime.date(2013, 3, 4)}


@pytest.fixture
def lakeside(tmp_path):
    return district(tmp_path / "lakeside-keys", "https://records.lakeside.example",
                    "Lakeside County Schools")


@pytest.fixture
def riverbend(world, lakeside):
    """The conftest district, trusting Lakeside (its keys as its DID document gives them)."""
    registry = world.wsgi.registry
    registry.credential_trust = TrustedIssuers(
        [TrustedIssuer(lakeside.did)], registry.credential_issuer,
        documents=[lakeside.keys.did_document()])
    return world


def asked(issuer, include_hidden: bool = False, **student) -> dict:
    transfer = transfers.RecordsTransfer(
        transfers.ASKED, "did:web:riverbend.example", "Riverbend",
        **{**MAYA, **student}, their_student_id="", school="Lakeside Middle",
        purpose="to enrol the student at Lakeside Middle", include_hidden=include_hidden,
        by="lena")
    return transfers.request_document(issuer, transfer)


def sent_automatically(world, document) -> dict:
    """The answer to ``document`` from a district whose setting approves requests at once."""
    settings = world.wsgi.registry.settings
    settings[transfers.AUTOMATIC_SETTING] = "automatic"
    try:
        return send(world, document, 202).json
    finally:
        settings.pop(transfers.AUTOMATIC_SETTING)


def send(world, document, status: int):
    return world.app.post("/api/records-requests", json.dumps(document),
                          content_type="application/json", status=status)


def test_a_signed_request_is_kept_and_logged_for_the_family(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside), 202).json
    assert answer["status"] == "waiting" and answer["token"]
    kept = transfers.transfers_of(riverbend.site())[answer["id"]]
    assert (kept.student_id, kept.district_name) == ("s1", "Lakeside County Schools")
    assert kept.token != answer["token"]  # (only its digest is kept)
    views = riverbend.wsgi.registry.access_log.views(_scope("s1"))
    assert [(v.name, v.view) for v in views] == [("Lakeside County Schools",
                                                   "records-request")]
    assert "Lakeside Middle" in views[0].capacity


def _scope(student_id: str):
    from profilerepo.accesslog.store import Scope

    return Scope(student_id=student_id)


@pytest.mark.parametrize("spoil, reason", [
    (lambda d: {k: v for k, v in d.items() if k != "proof"}, "signed"),
    (lambda d: {**d, "credentialSubject": {**d["credentialSubject"], "givenName": "Iris"}},
     "signature does not hold"),
    (lambda d: {**d, "type": ["VerifiableCredential"]}, "not a records request"),
    (lambda d: {**d, "issuer": {"id": "did:web:stranger.example", "name": "Stranger"}},
     "not a district this district trusts"),
], ids=["unsigned", "changed", "not a request", "untrusted"])
def test_a_spoiled_request_is_refused_and_nothing_kept(riverbend, lakeside, spoil, reason):
    answer = send(riverbend, spoil(asked(lakeside)), 403).json
    assert reason in answer["error"]
    assert transfers.transfers_of(riverbend.site()) is None


def test_a_request_from_an_untrusted_district_is_refused(riverbend, tmp_path):
    stranger = district(tmp_path / "stranger", "https://stranger.example", "Stranger")
    assert "not a district this district trusts" in send(
        riverbend, asked(stranger), 403).json["error"]


def test_an_old_request_is_refused_and_a_request_is_answered_once(riverbend, lakeside):
    old = lakeside.sign({**{k: v for k, v in asked(lakeside).items() if k != "proof"},
                         "validFrom": "2020-01-01T00:00:00Z"})
    assert "too old" in send(riverbend, old, 403).json["error"]
    document = asked(lakeside)
    send(riverbend, document, 202)
    assert "already received" in send(riverbend, document, 403).json["error"]


def test_no_matching_student_is_said_and_kept_for_the_administrators(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside, given_name="Mia"), 404).json
    assert "no one student named Mia Lopez born 4 March 2013" in answer["error"]
    assert answer["status"] == "no-match"


def test_bad_bodies_never_break(riverbend):
    for body in (b"", b"{", b"[]", b'"x"', b"\xff\xfe", b'{"type": 3}', b"[" * 5000):
        answer = riverbend.app.post("/api/records-requests", body,
                                    content_type="application/json", expect_errors=True)
        assert answer.status_int in (400, 403), (body, answer.status)


def token_call(world, path: str, token: str, status: int):
    return world.app.get(path, headers={"Authorization": f"Bearer {token}"}, status=status)


def test_the_record_leaves_only_once_approved_and_only_with_the_token(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside), 202).json
    base = f"/api/records-requests/{answer['id']}"
    token_call(riverbend, base, "wrong", 404)
    token_call(riverbend, base + "/backpack", "wrong", 404)
    assert token_call(riverbend, base, answer["token"], 200).json["status"] == "waiting"
    token_call(riverbend, base + "/backpack", answer["token"], 409)

    app = riverbend.app
    login(app, ROLE_USERS["administrator"])
    page = app.get(f"/transfers/{answer['id']}")
    assert "Lakeside County Schools asks for Maya Lopez's record" in page.text
    app.post(f"/transfers/{answer['id']}", {"csrf_token": csrf_of(page), "action": "approve",
                                            "confirmed": "yes"})
    sent = token_call(riverbend, base + "/backpack", answer["token"], 200)
    assert sent.content_type == "application/zip" and sent.body.startswith(b"PK")
    assert token_call(riverbend, base, answer["token"], 200).json["status"] == "sent"
    views = riverbend.wsgi.registry.access_log.views(_scope("s1"))
    assert {v.view for v in views} == {"records-request", "records-sent"}


def test_declining_needs_a_reason_the_asker_then_reads(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside), 202).json
    app = riverbend.app
    login(app, ROLE_USERS["administrator"])
    page = app.get(f"/transfers/{answer['id']}")
    again = app.post(f"/transfers/{answer['id']}", {"csrf_token": csrf_of(page),
                                                    "action": "decline", "reason": ""})
    assert "Say why the request is declined" in again.text
    app.post(f"/transfers/{answer['id']}", {"csrf_token": csrf_of(page), "action": "decline",
                                            "reason": "Maya never attended our schools."})
    told = token_call(riverbend, f"/api/records-requests/{answer['id']}", answer["token"], 200)
    assert told.json == {"status": "declined", "reason": "Maya never attended our schools."}


def test_automatic_approval_by_setting(riverbend, lakeside):
    answer = sent_automatically(riverbend, asked(lakeside))
    assert answer["status"] == "approved"
    token_call(riverbend, f"/api/records-requests/{answer['id']}/backpack", answer["token"],
               200)


@pytest.mark.parametrize("role, status", [
    ("administrator", 200), ("counselor", 403), ("teacher", 403), ("guardian", 403),
    ("student", 403), ("contributor", 403),
])
def test_only_administrators_see_records_requests(world, role, status):
    login(world.app, ROLE_USERS[role])
    world.app.get("/transfers", status=status)
    world.app.get("/transfers/ask", status=status)


def test_signed_in_nobody_is_sent_to_log_in(world):
    assert "/login" in world.app.get("/transfers", status=303).location


def test_another_schools_administrator_does_not_see_the_request(riverbend, lakeside):
    site = riverbend.site()
    answer = send(riverbend, asked(lakeside), 202).json
    site = riverbend.site()
    transfers.transfers_of(site)[answer["id"]].student_id = "s3"  # (a South student)
    transaction.commit()
    login(riverbend.app, ROLE_USERS["administrator"])  # (Ada runs North)
    assert "Maya Lopez" not in riverbend.app.get("/transfers").text
    riverbend.app.get(f"/transfers/{answer['id']}", status=404)


def test_the_proof_is_what_the_sender_checks(lakeside):
    document = asked(lakeside)
    proofs.verify(document, lakeside.keys.current.public_key, lakeside.contexts)


def test_the_family_is_told_of_the_request_and_of_the_record_sent(riverbend, lakeside,
                                                                  caplog):
    site = riverbend.site()
    site["principals"].get_user(ROLE_USERS["guardian"]).email = "gina@family.example"
    transaction.commit()
    with caplog.at_level("INFO", logger="profilerepo.mail"):
        answer = sent_automatically(riverbend, asked(lakeside))
        token_call(riverbend, f"/api/records-requests/{answer['id']}/backpack",
                   answer["token"], 200)
    told = [r.getMessage() for r in caplog.records if "gina@family.example" in r.getMessage()]
    assert len(told) == 2
    assert "Lakeside County Schools asked for Maya Lopez's record" in told[0]
    assert "Lakeside County Schools was sent Maya Lopez's record" in told[1]


def approved_backpack(world, issuer, include_hidden: bool) -> set[str]:
    """The names in the backpack sent for an approved request."""
    import io
    import zipfile

    answer = sent_automatically(world, asked(issuer, include_hidden=include_hidden))
    sent = token_call(world, f"/api/records-requests/{answer['id']}/backpack",
                      answer["token"], 200)
    return set(zipfile.ZipFile(io.BytesIO(sent.body)).namelist())


@pytest.mark.parametrize("left_years_ago, asked_for_hidden, gets_hidden", [
    (None, False, False), (None, True, True), (2, True, True), (4, True, False),
])
def test_what_the_family_hid_goes_only_when_asked_for_within_three_years(
        riverbend, lakeside, left_years_ago, asked_for_hidden, gets_hidden):
    from tests.portability.test_export import build_full_record

    site = riverbend.site()
    build_full_record(site)
    if left_years_ago is not None:
        today = datetime.date.today()
        site["students"]["s1"].exit_date = today.replace(year=today.year - left_years_ago)
    transaction.commit()
    names = approved_backpack(riverbend, lakeside, asked_for_hidden)
    hidden = {n for n in names if n.startswith("documents/past-plans/")}
    assert bool(hidden) == gets_hidden, names


def test_approving_says_so_and_the_history_names_who_approved(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside), 202).json
    app = riverbend.app
    login(app, ROLE_USERS["administrator"])
    page = app.get(f"/transfers/{answer['id']}")
    done = app.post(f"/transfers/{answer['id']}",
                    {"csrf_token": csrf_of(page), "action": "approve", "confirmed": "yes"},
                    status=303).follow()
    said = " ".join(done.html.find(class_="flash").get_text().split())
    assert said.startswith("Approved. Lakeside County Schools can now fetch Maya Lopez's")
    assert not done.html.find("button", value="approve")
    token_call(riverbend, f"/api/records-requests/{answer['id']}/backpack", answer["token"],
               200)
    history = [" ".join(li.get_text().split()) for li in
               app.get(f"/transfers/{answer['id']}").html.select("ol.history li")]
    assert history[0].endswith(": Asked by Lakeside County Schools")
    assert history[1].endswith(": Approved by Ada Example")
    assert history[2].endswith(": Record sent: fetched by Lakeside County Schools")


def test_declining_says_so_and_names_who_declined_and_why(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside), 202).json
    app = riverbend.app
    login(app, ROLE_USERS["administrator"])
    page = app.get(f"/transfers/{answer['id']}")
    done = app.post(f"/transfers/{answer['id']}", {
        "csrf_token": csrf_of(page), "action": "decline",
        "reason": "Maya never attended our schools."}, status=303).follow()
    assert "Declined. Lakeside County Schools is told your reason" in done.text
    last = done.html.select("ol.history li")[-1].get_text()
    assert last.endswith("Declined by Ada Example: Maya never attended our schools.")


def test_with_no_other_district_trusted_the_page_says_who_adds_them(world):
    site = world.site()
    transfer = transfers.RecordsTransfer(
        transfers.ASKED_OF_US, "did:web:records.lakeside.example", "Lakeside County Schools",
        **MAYA, their_student_id="", school="Lakeside Middle", purpose="to enrol",
        include_hidden=False, by="Lakeside County Schools")
    transfer.student_id = "s1"
    transfers.add_transfer(site, transfer)
    transaction.commit()
    world.close()
    login(world.app, ROLE_USERS["administrator"])
    page = world.app.get("/transfers")
    text = " ".join(page.html.get_text().split())
    assert "this district trusts no other district" in text
    assert "The person who runs ProfileRepo for the district adds the districts" in text
    assert "settings" not in text
    assert page.html.find("a", string="Maya Lopez")  # (the requests stay listed)
    assert not page.html.find("a", href=lambda h: h and h.endswith("/transfers/ask"))


@pytest.mark.parametrize("grade, school", [
    ("K", "Lakeside Elementary School"), ("5", "Lakeside Elementary School"),
    ("6", "Lakeside Middle School"), ("8", "Lakeside Middle School"),
    ("9", "Lakeside High School"), ("12", "Lakeside High School")])
def test_the_demos_requests_name_a_school_for_the_students_grade(grade, school):
    from profilerepo.demo.transfers import lakeside_school

    assert lakeside_school(grade) == school


def test_approving_asks_once_more_before_the_record_can_leave(riverbend, lakeside):
    answer = send(riverbend, asked(lakeside), 202).json
    app = riverbend.app
    login(app, ROLE_USERS["administrator"])
    page = app.get(f"/transfers/{answer['id']}")
    asked_again = app.post(f"/transfers/{answer['id']}", {"csrf_token": csrf_of(page),
                                                          "action": "approve"})
    assert "Send Maya Lopez's whole record to Lakeside County Schools?" in asked_again.text
    assert token_call(riverbend, f"/api/records-requests/{answer['id']}", answer["token"],
                      200).json["status"] == "waiting"


def test_a_second_fetch_the_same_day_is_the_same_disclosure_and_later_none(
        riverbend, lakeside, district_day):
    answer = sent_automatically(riverbend, asked(lakeside))
    fetch = f"/api/records-requests/{answer['id']}/backpack"
    token_call(riverbend, fetch, answer["token"], 200)
    token_call(riverbend, fetch, answer["token"], 200)  # (its import failed: again)
    views = riverbend.wsgi.registry.access_log.views(_scope("s1"))
    assert [v.view for v in views].count("records-sent") == 1
    district_day(datetime.date.today() + datetime.timedelta(days=3))
    refused = token_call(riverbend, fetch, answer["token"], 410).json
    assert "ask again" in refused["error"]


def test_a_record_that_is_not_the_one_asked_for_is_refused(world, sender, trust, receiver):
    import io

    from profilerepo.portability.reading import BackpackRefused
    from profilerepo.portability.transfer_views import answers_the_request
    from tests.portability.backpacks import exported

    data = exported(world.site()["students"]["s2"], sender)  # (Jonah's, not Maya's)
    backpack = verify_backpack_file(io.BytesIO(data), trust)
    maya = transfers.RecordsTransfer(
        transfers.ASKED, sender.did, sender.name, **MAYA, their_student_id="",
        school="South", purpose="", include_hidden=False, by="ada")
    with pytest.raises(BackpackRefused, match="not Maya Lopez's, born 4 March 2013"):
        answers_the_request(backpack, maya)
    jonah = transfers.RecordsTransfer(
        transfers.ASKED, "did:web:elsewhere.example", "Elsewhere", given_name="Jonah",
        family_name="Reed", birth_date=datetime.date(2013, 3, 4), their_student_id="",
        school="South", purpose="", include_hidden=False, by="ada")
    with pytest.raises(BackpackRefused, match="not by Elsewhere, the district asked"):
        answers_the_request(backpack, jonah)
    jonah.district_did = sender.did
    answers_the_request(backpack, jonah)
    backpack.close()
    transaction.abort()


def test_asking_a_district_that_does_not_answer_says_so_and_records_nothing(world, tmp_path):
    from tests.test_serving import free_port

    silent = district(tmp_path / "silent-keys", f"http://127.0.0.1:{free_port()}",
                      "Silent District")  # (nothing listens there)
    registry = world.wsgi.registry
    registry.credential_trust = TrustedIssuers(
        [TrustedIssuer(silent.did)], registry.credential_issuer,
        documents=[silent.keys.did_document()])
    app = world.app
    login(app, ROLE_USERS["administrator"])
    form = app.get("/transfers/ask").forms["document-form"]
    form["district"] = silent.did
    form["given_name"], form["family_name"] = "Maya", "Lopez"
    form["date"] = "2013-03-04"
    form["school"] = "north"
    answer = form.submit("save", status=502)
    said = " ".join(answer.html.get_text(" ").split())
    assert "The request could not be made: the other district did not answer" in said
    assert "Errno" not in said and "urlopen" not in said
    assert answer.html.find("input", {"name": "given_name"})["value"] == "Maya"  # (kept)
    assert transfers.transfers_of(world.site()) is None


def test_a_request_form_with_fields_missing_says_which_and_sends_nothing(riverbend):
    app = riverbend.app
    login(app, ROLE_USERS["administrator"])
    form = app.get("/transfers/ask").forms["document-form"]
    answer = form.submit("save", status=400)
    assert "Some fields need attention" in answer.text
    assert transfers.transfers_of(riverbend.site()) is None
