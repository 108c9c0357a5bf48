"""The eddsa-rdfc-2022 proofs against 1EdTech's official OB 3.0 test vector."""
from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from profilerepo.credentials import default_credential_files, proofs
from profilerepo.credentials.contexts import ContextLibrary, UnknownContext
from profilerepo.credentials.multikey import decode_public_key, encode_public_key

FILES = default_credential_files()
VECTOR = FILES / "test-vectors" / "ob3"
# Printed with the vector (../shared/interop/README.md)
TEST_KEY = "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"
DOC_SHA = "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"


@pytest.fixture(scope="module")
def contexts():
    return ContextLibrary(FILES)


@pytest.fixture
def signed():
    return json.loads((VECTOR / "signed.json").read_text())


def vector_key(document):
    return decode_public_key(document["proof"]["verificationMethod"].split("#")[1])


def test_the_official_vector_verifies(signed, contexts):
    proofs.verify(signed, vector_key(signed), contexts)


def test_canonical_document_is_the_vectors(signed, contexts):
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    canon = proofs.canonical(unsigned, contexts)
    assert canon == (VECTOR / "doc-canon.txt").read_text()
    assert hashlib.sha256(canon.encode()).hexdigest() == DOC_SHA


def test_signing_again_with_the_test_key_gives_the_same_proof_value(signed, contexts):
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(TEST_KEY))
    assert encode_public_key(key.public_key()) == \
        signed["proof"]["verificationMethod"].split("#")[1]
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    again = proofs.sign(unsigned, key, signed["proof"]["verificationMethod"], contexts,
                        created=datetime(2010, 1, 1, 19, 23, 24, tzinfo=UTC))
    assert again["proof"] == signed["proof"]


@pytest.mark.parametrize("change", [
    lambda d: d.__setitem__("name", "Teamwork Badgf"),
    lambda d: d["credentialSubject"]["achievement"].__setitem__("name", "Teamworks"),
    lambda d: d.__setitem__("validFrom", "2010-01-01T00:00:01Z"),
    lambda d: d["proof"].__setitem__("created", "2010-01-01T19:23:25Z"),
    lambda d: d["proof"].__setitem__(
        "proofValue", d["proof"]["proofValue"][:-1] + ("s" if d["proof"]["proofValue"][-1] != "s"
                                                       else "t")),
], ids=["name", "achievement", "validFrom", "proof created", "proofValue"])
def test_one_character_changed_fails(signed, contexts, change):
    key = vector_key(signed)
    changed = copy.deepcopy(signed)
    change(changed)
    with pytest.raises(proofs.ProofError) as refused:
        proofs.verify(changed, key, contexts)
    assert "proof" in refused.value.field


def test_another_key_fails(signed, contexts):
    with pytest.raises(proofs.ProofError, match="signed by another key"):
        proofs.verify(signed, Ed25519PrivateKey.generate().public_key(), contexts)


def test_unsigned_and_unknown_context_are_refused(signed, contexts):
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    with pytest.raises(proofs.ProofError, match="not signed"):
        proofs.verify(unsigned, vector_key(signed), contexts)
    strange = dict(signed, **{"@context": signed["@context"] + ["https://evil.example/ctx"]})
    with pytest.raises(UnknownContext, match="evil.example"):
        proofs.verify(strange, vector_key(signed), contexts)


def test_a_term_no_context_defines_is_refused_as_unsigned(contexts):
    """JSON-LD drops undefined terms when canonicalizing: a signature would not cover them,
    so a credential carrying one is refused rather than shown with words nobody signed."""
    key = Ed25519PrivateKey.generate()
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:1",
                "type": ["VerifiableCredential"], "issuer": "did:web:example.org",
                "validFrom": "2026-01-01T00:00:00Z",
                "credentialSubject": {"id": "urn:x", "grade": "A"}}
    assert proofs.undefined_terms(document, contexts) == ["grade"]
    with pytest.raises(proofs.ProofError, match="do not define.*grade"):
        proofs.sign(document, key, "did:web:example.org#key-1", contexts)  # (never signed)
    del document["credentialSubject"]["grade"]
    signed = proofs.sign(document, key, "did:web:example.org#key-1", contexts)
    signed["credentialSubject"]["grade"] = "F"  # (added later: no signature covers it)
    with pytest.raises(proofs.ProofError, match="do not define.*grade"):
        proofs.verify(signed, key.public_key(), contexts)


def test_the_1edtech_examples_define_every_term(contexts, signed):
    for name in ("ob3/examples/simple.json", "ob3/examples/complete.json",
                 "clr2/examples/simple.json"):
        example = json.loads((FILES / name).read_text())
        assert proofs.undefined_terms(
            {k: v for k, v in example.items() if k != "proof"}, contexts) == [], name


@pytest.mark.parametrize("spoil", [
    lambda d: d.__setitem__("type", None),
    lambda d: d.__setitem__("@context", d["@context"] + [""]),
    lambda d: d["credentialSubject"].__setitem__("@type", None),
    lambda d: d.__setitem__("credentialSubject", [[[]]]),
], ids=["type null", "empty context", "@type null", "nested lists"])
def test_malformed_json_ld_is_a_refusal_not_a_crash(signed, contexts, spoil):
    changed = copy.deepcopy(signed)
    spoil(changed)
    with pytest.raises((proofs.ProofError, UnknownContext)):
        proofs.verify(changed, vector_key(signed), contexts)
