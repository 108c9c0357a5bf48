"""What a verifier fetches from a running district, without signing in: the DID document
(every public key, rotated ones too) and the signed revocation lists."""
from __future__ import annotations

import threading
from datetime import date
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import transaction

from profilerepo.accesslog.store import Scope
from profilerepo.credentials import get_issuer, status
from profilerepo.credentials.trust import TrustedIssuer, TrustedIssuers
from profilerepo.credentials.verify import verify_credential
from tests.conftest import login
from tests.credentials.helpers import badge

TODAY = date(2026, 12, 5)


class Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def served(world):
    """The district's application answering real HTTP on 127.0.0.1."""
    server = make_server("127.0.0.1", 0, world.wsgi, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_did_document_lists_every_public_key_and_no_private_one(world):
    issuer = get_issuer(world.wsgi.registry)
    first = issuer.keys.current.multibase
    issuer.keys.rotate()
    page = world.app.get("/.well-known/did.json")
    assert page.content_type == "application/did+json"
    document = page.json
    assert document["id"] == issuer.did
    keys = [(m["id"], m["publicKeyMultibase"]) for m in document["verificationMethod"]]
    assert keys == [(f"{issuer.did}#key-1", first),
                    (f"{issuer.did}#key-2", issuer.keys.current.multibase)]
    assert "PRIVATE" not in page.text.upper()


def test_a_credential_signed_before_rotation_verifies_after_over_http(world, served):
    issuer = get_issuer(world.wsgi.registry)
    before = issuer.sign(badge(issuer))
    issuer.keys.rotate()
    after = issuer.sign(badge(issuer, 2))
    assert before["proof"]["verificationMethod"].endswith("#key-1")
    assert after["proof"]["verificationMethod"].endswith("#key-2")
    # Another district trusts this one, fetching its keys from the running server.
    elsewhere = TrustedIssuers([TrustedIssuer(issuer.did, f"{served}/.well-known/did.json")])
    for signed in (before, after):
        verdict = verify_credential(signed, elsewhere, trusted_only=True, today=TODAY)
        assert verdict.valid and verdict.trusted, verdict.reason


def test_the_status_list_is_served_signed_and_shows_a_revocation(world, served):
    issuer = get_issuer(world.wsgi.registry)
    site = world.site()
    list_id, index = status.allocate(site)
    signed = issuer.sign(badge(issuer, credentialStatus=status.status_entry(
        issuer, list_id, index)))
    status.revoke(site, list_id, index)
    transaction.commit()
    page = world.app.get(f"/credentials/status/{list_id}")
    assert page.json["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert page.json["issuer"] == issuer.did
    bits = status.decode_bits(page.json["credentialSubject"]["encodedList"])
    assert bits[index // 8] & (0x80 >> (index % 8))
    assert world.app.get("/credentials/status/9999", status=404)
    # Read from this district's own database, as its own pages do:
    local = TrustedIssuers(issuer=issuer)
    assert verify_credential(signed, local, today=TODAY, site=site).reason.startswith(
        "status: revoked")


def test_neither_needs_a_login_nor_leaves_an_access_log_entry(world):
    log = world.wsgi.registry.access_log
    before = log.count(Scope()) if log is not None else 0
    world.app.get("/.well-known/did.json", status=200)
    login(world.app, "ada")
    world.app.get("/.well-known/did.json", status=200)
    site = world.site()
    list_id, _ = status.allocate(site)
    transaction.commit()
    world.app.get(f"/credentials/status/{list_id}", status=200)
    assert (log.count(Scope()) if log is not None else 0) == before
