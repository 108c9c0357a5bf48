"""What any verifier fetches from this district, without signing in: the DID document with
every public key (rotated ones too, so older credentials still verify) and the signed
revocation lists. Neither names a student, so neither is an access-log entry.
"""
from __future__ import annotations

import json

from pyramid.config import Configurator
from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED

from profilerepo.credentials import get_issuer
from profilerepo.credentials.status import list_credential

DID_DOCUMENT = "/.well-known/did.json"
STATUS_LIST = "/credentials/status/{list_id}"


def _json(document: dict, content_type: str) -> Response:
    response = Response(json.dumps(document, indent=2, sort_keys=True),
                        content_type=content_type, charset="utf-8")
    response.headers["Access-Control-Allow-Origin"] = "*"  # (browser-based verifiers)
    return response


def did_document(request) -> Response:
    return _json(get_issuer(request.registry).keys.did_document(), "application/did+json")


def status_list(request) -> Response:
    """The list as a signed BitstringStatusListCredential (signed afresh: it changes
    whenever a credential on it is revoked)."""
    list_id = request.matchdict["list_id"]
    try:
        document = list_credential(request.site, get_issuer(request.registry), list_id)
    except KeyError:  # (answered here: the site's not-found page sends visitors to log in)
        response = _json({"error": "There is no such status list."}, "application/json")
        response.status = 404
        return response
    return _json(document, "application/vc+ld+json")


def includeme(config: Configurator) -> None:
    config.add_route("credentials_did_document", DID_DOCUMENT)
    config.add_route("credentials_status_list", STATUS_LIST)
    config.add_view(did_document, route_name="credentials_did_document",
                    request_method="GET", permission=NO_PERMISSION_REQUIRED)
    config.add_view(status_list, route_name="credentials_status_list",
                    request_method="GET", permission=NO_PERMISSION_REQUIRED)
