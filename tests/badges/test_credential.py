"""The credential a badge is issued as, on its own: the schema check finds what is
wrong, Common Core codes get their page, and a credential of any shape is read safely."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from profilerepo.badges.credential import (
    achievement_credential,
    alignment,
    ccss_url,
    schema_problems,
)
from profilerepo.badges.model import credential_document, described
from profilerepo.credentials import default_credential_files

FILES = default_credential_files()


def credential(**achievement) -> dict:
    return achievement_credential(
        credential_id="urn:example:badge:1",
        issuer_profile={"id": "did:web:school.example", "type": ["Profile"], "name": "D"},
        subject_id="urn:example:student:1",
        achievement={"id": "urn:example:achievement:1", "type": ["Achievement"],
                     "name": "Reader", "description": "Reads", "criteria": {"narrative": "x"},
                     **achievement},
        evidence=[], valid_from=datetime(2026, 1, 1, tzinfo=UTC))


def test_a_whole_credential_meets_the_schemas():
    found = credential(alignment=[alignment("CCSS.MATH.PRACTICE.MP1", "Common Core",
                                            ccss_url("CCSS.MATH.PRACTICE.MP1"))])
    assert schema_problems(found, FILES) == []


@pytest.mark.parametrize(("broken", "field"), [
    (lambda c: c["credentialSubject"]["achievement"].pop("criteria"), "achievement"),
    (lambda c: c.pop("issuer"), "issuer"),
    (lambda c: c["credentialSubject"]["achievement"].update(alignment=[{"type": ["Alignment"]}]),
     "alignment[0]"),
    (lambda c: c.update(validFrom=None), "validFrom"),
])
def test_the_schema_check_names_what_is_wrong(broken, field):
    found = credential()
    broken(found)
    problems = schema_problems(found, FILES)
    assert problems and any(field in p or "the credential" in p for p in problems), problems


@pytest.mark.parametrize(("code", "url"), [
    ("CCSS.ELA-LITERACY.W.4.1", "https://www.thecorestandards.org/ELA-Literacy/W/4/1/"),
    ("ccss.math.practice.mp1", "https://www.thecorestandards.org/Math/practice/mp1/"),
    ("NGSS.4-PS3-2", ""), ("CCSS.ELA-LITERACY.W.4.<script>", ""), ("", "")])
def test_common_core_codes_get_their_page(code, url):
    assert ccss_url(code) == url


@pytest.mark.parametrize("text", ["", "{", "[]", "null", "a.b", "a.!!.c", '{"issuer": 5}',
                                  '{"credentialSubject": [{"achievement": "x"}]}',
                                  '{"validFrom": "yesterday", "issuer": {"name": 3}}'])
def test_a_credential_of_any_shape_is_read_without_failing(text):
    found = described(credential_document(text))
    assert found["name"] == "" and found["valid_from"] is None
