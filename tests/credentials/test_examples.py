"""1EdTech's own example credentials and the official test vector verify, or fail, exactly as
their names and contents say, through the verifier anyone runs.

| file | verdict | why |
| --- | --- | --- |
| test-vectors/ob3/signed.json | valid | eddsa-rdfc-2022 by the Multikey in its method's fragment |
| ob3/simple.json | valid | the same key, another issuer URL, its own content |
| ob3/complete.json | valid, status unchecked | eddsa-rdfc-2022; validUntil 2030; its |
|   |   | 1EdTechRevocationList is at an issuer nobody trusts: not fetched, a warning |
|   |   | (its endorsements' "eddsa-rdf-2022" proofs are placeholders, not checked) |
| ob3/simple-noproof.json | invalid: no proof | no ``proof`` at all |
| ob3/simple.jwt | invalid: no key | RS256, header without ``jwk`` or ``kid``; its issuer |
|   |   | (example.edu) is not trusted, so no key is fetched: nothing to check with |
| clr2/simple.json | valid | the CLR's proof and its embedded badge's (another key) hold |
| clr2/complex.json | invalid: unsupported | Ed25519Signature2020 and VC 1.1 contexts (with |
|   |   | the ed25519-2020 context we do not hold): only eddsa-rdfc-2022 is accepted, as |
|   |   | 1EdTech's conformance suite accepts only it for embedded proofs |
"""
from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from profilerepo.credentials import default_credential_files, proofs
from profilerepo.credentials.multikey import decode_public_key
from profilerepo.credentials.trust import TrustedIssuers
from profilerepo.credentials.verify import verify_credential, verify_file

FILES = default_credential_files()
TODAY = date(2026, 12, 5)

EXPECTED = [
    ("test-vectors/ob3/signed.json", True, "Teamwork"),
    ("ob3/examples/simple.json", True, "Teamwork"),
    ("ob3/examples/complete.json", True, "status could not be checked"),
    ("ob3/examples/simple-noproof.json", False, "proof: the credential carries no proof"),
    ("ob3/examples/simple.jwt", False, "key: the token's header names no key"),
    ("clr2/examples/simple.json", True, "Sample Transcript"),
    ("clr2/examples/complex.json", False, "unsupported proof type Ed25519Signature2020"),
]


@pytest.fixture
def trust():
    return TrustedIssuers()


def load(name: str) -> dict:
    return json.loads((FILES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "valid", "said"), EXPECTED)
def test_each_example_verifies_or_fails_as_it_says(trust, name, valid, said):
    verdict = verify_file(FILES / name, trust, today=TODAY)
    assert verdict.valid is valid, verdict.summary()
    assert said in verdict.summary()
    if valid:
        assert not verdict.trusted  # (no example's issuer is on an empty list)
        assert "not on the trusted list" in verdict.summary()


def test_the_test_vector_verifies_with_the_key_in_its_verification_method():
    vector = load("test-vectors/ob3/signed.json")
    method = vector["proof"]["verificationMethod"]
    contexts = TrustedIssuers().contexts
    proofs.verify(vector, decode_public_key(method.partition("#")[2]), contexts)


@pytest.mark.parametrize(("where", "change"), [
    ("credentialSubject.achievement.name", lambda d: d["credentialSubject"]["achievement"]
     .update(name="Teamwerk")),
    ("name", lambda d: d.update(name="Teamwork Badgf")),
    ("issuer.name", lambda d: d["issuer"].update(name="Example Corq")),
    ("validFrom", lambda d: d.update(validFrom="2010-01-01T00:00:01Z")),
    ("proof.created", lambda d: d["proof"].update(created="2010-01-01T19:23:25Z")),
])
def test_one_changed_character_of_the_vector_fails(trust, where, change):
    vector = load("test-vectors/ob3/signed.json")
    change(vector)
    verdict = verify_credential(vector, trust, today=TODAY)
    assert not verdict.valid
    assert verdict.reason == ("proof: the signature does not match the credential: it was "
                              "changed after signing, or signed by another key "
                              "(proof.proofValue)"), where


def test_one_changed_character_of_the_proof_value_fails(trust):
    vector = load("test-vectors/ob3/signed.json")
    value = vector["proof"]["proofValue"]
    for position in (1, 20, len(value) - 1):
        changed = copy.deepcopy(vector)
        flipped = "2" if value[position] != "2" else "3"
        changed["proof"]["proofValue"] = value[:position] + flipped + value[position + 1:]
        verdict = verify_credential(changed, trust, today=TODAY)
        assert not verdict.valid
        assert "(proof.proofValue)" in verdict.reason


def test_a_changed_embedded_badge_fails_the_whole_clr(trust):
    clr = load("clr2/examples/simple.json")
    clr["credentialSubject"]["verifiableCredential"][0]["name"] = "Teamwork Badge!"
    verdict = verify_credential(clr, trust, today=TODAY)
    assert not verdict.valid
    # The CLR's own proof covers its embedded credentials too, so it is the first to fail.
    assert verdict.reason.startswith("proof: the signature does not match")


def test_an_unknown_context_fails_closed_naming_it(trust):
    vector = load("test-vectors/ob3/signed.json")
    vector["@context"].append("https://evil.example/context.json")
    verdict = verify_credential(vector, trust, today=TODAY)
    assert verdict.reason.startswith(
        "contexts: unknown context https://evil.example/context.json")


def test_a_schema_error_names_the_field(trust):
    vector = load("test-vectors/ob3/signed.json")
    vector["credentialSubject"]["achievement"]["criteria"] = "peers nominate"
    verdict = verify_credential(vector, trust, today=TODAY)
    assert verdict.reason.startswith("schema: field $.credentialSubject.achievement.criteria")
