"""Credentials this district issues validate and verify; expired, revoked, untrusted, forged
and tampered ones are refused, each saying which check failed on which field."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
import transaction
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import example, given, settings
from hypothesis import strategies as st

from profilerepo.credentials import default_credential_files, proofs, status
from profilerepo.credentials.multikey import encode_public_key
from profilerepo.credentials.schemas import schema_error
from profilerepo.credentials.trust import KeyNotFound, TrustedIssuer, TrustedIssuers
from profilerepo.credentials.verify import verify_credential
from tests.credentials.helpers import badge, district, jwt_of, public_jwk

TODAY = date(2026, 12, 5)
EXAMPLE = default_credential_files() / "ob3/examples/simple.json"


@pytest.fixture
def riverbend(tmp_path):
    return district(tmp_path / "riverbend-keys")


@pytest.fixture
def lakeside(tmp_path):
    return district(tmp_path / "lakeside-keys", did="did:web:records.lakeside.example",
                    name="Lakeside Unified", url="https://records.lakeside.example")


@pytest.fixture
def trust(riverbend):
    return TrustedIssuers(issuer=riverbend)


def test_our_badge_fits_the_schema_and_verifies_as_trusted(riverbend, trust):
    signed = riverbend.sign(badge(riverbend))
    assert schema_error(signed, default_credential_files()) is None
    verdict = verify_credential(json.dumps(signed).encode(), trust, trusted_only=True,
                                today=TODAY)
    assert verdict.valid, verdict.reason
    assert verdict.summary() == (
        "valid: Riverbend School District (did:web:records.riverbend.example, trusted) -> "
        "urn:uuid:5a3c0f3e-9b1d-4e55-a6c2-2f0e6b1c9d41 : Kind Reader")


def test_an_expired_badge_is_refused(riverbend, trust):
    signed = riverbend.sign(badge(riverbend, validUntil="2026-11-30T00:00:00Z"))
    assert verify_credential(signed, trust, today=date(2026, 11, 30)).valid  # its last day
    verdict = verify_credential(signed, trust, today=TODAY)
    assert verdict.reason == "dates: expired on 2026-11-30 (validUntil)"
    assert verdict.summary() == "invalid: dates: expired on 2026-11-30 (validUntil)"
    assert verdict.issuer_name == "Riverbend School District"  # (shown as unverified, by whom)


def test_a_badge_not_valid_yet_is_refused(riverbend, trust):
    signed = riverbend.sign(badge(riverbend, validFrom="2027-01-01T00:00:00Z"))
    verdict = verify_credential(signed, trust, today=TODAY)
    assert verdict.reason == "dates: not valid until 2027-01-01 (validFrom)"


def test_a_moment_is_compared_to_the_second(riverbend, trust):
    signed = riverbend.sign(badge(riverbend, validUntil="2026-12-05T10:00:00Z"))
    from datetime import UTC
    assert verify_credential(signed, trust, today=datetime(2026, 12, 5, 9, tzinfo=UTC)).valid
    assert not verify_credential(signed, trust,
                                 today=datetime(2026, 12, 5, 11, tzinfo=UTC)).valid


def test_a_revoked_badge_is_refused(world, riverbend, trust):
    site = world.site()
    list_id, index = status.allocate(site)
    signed = riverbend.sign(badge(riverbend, credentialStatus=status.status_entry(
        riverbend, list_id, index)))
    transaction.commit()
    assert verify_credential(signed, trust, today=TODAY, site=site).valid
    status.revoke(site, list_id, index)
    transaction.commit()
    world.close()
    site = world.site()  # (a new connection: the revocation was stored)
    verdict = verify_credential(signed, trust, today=TODAY, site=site)
    assert verdict.reason == ("status: revoked by its issuer "
                              f"(credentialStatus.statusListIndex {index})")


def test_an_untrusted_issuer_is_refused_only_when_asked(riverbend, lakeside, trust):
    trust.add_document(lakeside.keys.did_document())  # (its keys, as --keys gives them)
    signed = lakeside.sign(badge(lakeside))
    verdict = verify_credential(signed, trust, today=TODAY)
    assert verdict.valid and not verdict.trusted
    assert "(did:web:records.lakeside.example, not on the trusted list)" in verdict.summary()
    refused = verify_credential(signed, trust, trusted_only=True, today=TODAY)
    assert refused.reason == ("issuer: Lakeside Unified (did:web:records.lakeside.example) "
                              "is not on the trusted issuers list (issuer)")
    listed = TrustedIssuers([TrustedIssuer("did:web:records.lakeside.example")], riverbend,
                            documents=[lakeside.keys.did_document()])
    assert verify_credential(signed, listed, trusted_only=True, today=TODAY).trusted


def test_a_key_carried_in_the_credential_does_not_make_a_trusted_issuer(riverbend, trust):
    """Anyone can put their own key in a verification method's fragment: the signature
    then holds, but the credential is not the trusted district's."""
    forger = Ed25519PrivateKey.generate()
    claimed = badge(riverbend)
    method = f"https://records.riverbend.example#{encode_public_key(forger.public_key())}"
    forged = proofs.sign(claimed, forger, method, riverbend.contexts)
    verdict = verify_credential(forged, trust, today=TODAY)
    assert verdict.valid and not verdict.trusted
    forged_did = proofs.sign(claimed, forger, "did:web:records.riverbend.example#key-9",
                             riverbend.contexts)
    assert verify_credential(forged_did, trust, today=TODAY).reason == (
        "key: did:web:records.riverbend.example#key-9 is not one of this district's keys "
        "(proof.verificationMethod)")
    forged_key = proofs.sign(claimed, forger, "did:key:" + encode_public_key(
        forger.public_key()), riverbend.contexts)
    refused = verify_credential(forged_key, trust, trusted_only=True, today=TODAY)
    assert not refused.valid and refused.reason.startswith("issuer: Riverbend School District")


def test_a_trusted_issuers_name_with_a_key_it_never_published_is_refused(lakeside):
    """Claiming a trusted district with a key of one's own in the method's fragment."""
    forger = Ed25519PrivateKey.generate()
    carried = encode_public_key(forger.public_key())
    forged = proofs.sign(badge(lakeside), forger, f"{lakeside.did}#{carried}",
                         lakeside.contexts)
    trust = TrustedIssuers([TrustedIssuer(lakeside.did)],
                           documents=[lakeside.keys.did_document()])
    verdict = verify_credential(forged, trust, today=TODAY)
    assert verdict.reason == (f"key: {lakeside.did}#{carried} is not one of the keys "
                              f"{lakeside.did} publishes (proof.verificationMethod)")
    with pytest.raises(KeyNotFound):
        trust.key_for(f"{lakeside.did}#{carried}")


def test_another_key_of_ours_does_not_verify(riverbend, trust):
    signed = riverbend.sign(badge(riverbend))
    riverbend.keys.rotate()
    signed["proof"]["verificationMethod"] = riverbend.keys.verification_method()
    assert verify_credential(signed, trust, today=TODAY).reason.startswith(
        "proof: the signature does not match")


def test_a_clr_names_its_embedded_badge_that_fails(riverbend, trust):
    inner = riverbend.sign(badge(riverbend))
    inner["name"] = "Kind Reader (changed)"
    clr = json.loads((default_credential_files() / "clr2/examples/simple.json").read_text())
    clr = {k: v for k, v in clr.items() if k != "proof"}
    clr["issuer"] = riverbend.profile()
    clr["credentialSubject"]["verifiableCredential"] = [inner]
    signed = riverbend.sign(clr)
    verdict = verify_credential(signed, trust, today=TODAY)
    assert verdict.reason.startswith(
        "embedded credential 1 (credentialSubject.verifiableCredential[0]): proof: the "
        "signature does not match")
    clr["credentialSubject"]["verifiableCredential"] = [riverbend.sign(badge(riverbend))]
    good = verify_credential(riverbend.sign(clr), trust, today=TODAY)
    assert good.valid and good.kind == "CLR 2.0 record"


# --- VC-JWT -------------------------------------------------------------------------


def vc_payload(issuer, **claims) -> dict:
    credential = badge(issuer)
    return {"vc": {**credential, "@context": credential["@context"]},
            "iss": issuer.did, "jti": credential["id"], "nbf": 1788220800, **claims}


def test_a_jwt_signed_with_our_key_verifies_by_its_kid(riverbend, trust):
    token = jwt_of(vc_payload(riverbend), riverbend.keys.current.private_key, "EdDSA",
                   kid=riverbend.keys.verification_method())
    verdict = verify_credential(token, trust, trusted_only=True, today=TODAY)
    assert verdict.valid and verdict.trusted, verdict.reason
    relative = jwt_of(vc_payload(riverbend), riverbend.keys.current.private_key, "EdDSA",
                      kid="key-1", typ="vc+jwt")
    assert verify_credential(relative, trust, today=TODAY).trusted


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_a_jwt_carrying_its_key_verifies_but_is_not_trusted(riverbend, trust, alg):
    private = (rsa.generate_private_key(65537, 2048) if alg == "RS256"
               else ec.generate_private_key(ec.SECP256R1()))
    token = jwt_of(vc_payload(riverbend), private, alg, jwk=public_jwk(private.public_key()))
    verdict = verify_credential(token, trust, today=TODAY)
    assert verdict.valid and not verdict.trusted, verdict.reason
    head, payload, signature = token.split(".")
    other = jwt_of(vc_payload(riverbend, sub="someone-else"), private, alg,
                   jwk=public_jwk(private.public_key())).split(".")[1]
    tampered = verify_credential(f"{head}.{other}.{signature}", trust, today=TODAY)
    assert tampered.reason.startswith("signature: the signature does not match the token")
    assert tampered.reason.endswith("(signature)")


def test_a_jwt_whose_iss_is_not_its_issuer_is_refused(riverbend, trust):
    token = jwt_of(vc_payload(riverbend, iss="did:web:elsewhere.example"),
                   riverbend.keys.current.private_key, "EdDSA",
                   kid=riverbend.keys.verification_method())
    assert verify_credential(token, trust, today=TODAY).reason == (
        "read: the token's iss is not the credential's issuer (iss)")


def test_an_expired_jwt_and_a_bad_header_are_refused(riverbend, trust):
    key = riverbend.keys.current.private_key
    kid = riverbend.keys.verification_method()
    expired = jwt_of(vc_payload(riverbend, exp=1790000000), key, "EdDSA", kid=kid)
    assert verify_credential(expired, trust, today=TODAY).reason == (
        "dates: expired on 2026-09-21T14:13:20Z (exp)")
    unsigned = jwt_of(vc_payload(riverbend), key, "EdDSA", kid=kid).replace(
        "eyJhbGciOiAiRWREU0EiLCAidHlwIjogIkpXVCIs", "eyJhbGciOiAibm9uZSIsICJ0eXAiOiAiSldUIiwg")
    assert verify_credential(unsigned, trust, today=TODAY).reason.endswith("(header.alg)")
    wrong = jwt_of(vc_payload(riverbend), key, "EdDSA", kid=kid, typ="at+jwt")
    assert verify_credential(wrong, trust, today=TODAY).reason == (
        "read: the token type 'at+jwt' is not a credential JWT (header.typ)")


def test_the_status_list_credential_verifies_and_reads_back(world, riverbend, trust):
    site = world.site()
    list_id, first = status.allocate(site)
    _, second = status.allocate(site)
    assert (first, second) == (0, 1)
    status.revoke(site, list_id, second)
    published = status.list_credential(site, riverbend, list_id)
    assert published["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert verify_credential(published, trust, today=datetime.now().date()
                             + timedelta(days=1)).valid
    bits = status.decode_bits(published["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == status.LIST_BITS
    assert [bool(bits[0] & (0x80 >> i)) for i in (0, 1, 2)] == [False, True, False]
    transaction.abort()


JSON_LD = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    | st.sampled_from(["@id", "@type", "@value", "@list", "@graph", "_:b0", "http://x/y"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(max_size=5) | st.sampled_from(["@id", "@type", "@value", "@list", "@graph",
                                               "@context", "@reverse", "@included"]),
        inner, max_size=3),
    max_leaves=12)


def test_malformed_json_ld_is_refused_with_a_reason(riverbend, trust):
    signed = riverbend.sign(badge(riverbend))
    signed["credentialSubject"]["@type"] = None  # (pyld itself fails on this one)
    assert verify_credential(signed, trust, today=TODAY).reason == (
        "proof: the credential is not valid JSON-LD, so what was signed cannot be computed "
        "(@context)")


@settings(max_examples=300, deadline=None)
@given(where=st.sampled_from(["credential", "subject", "achievement", "issuer", "proof"]),
       key=st.text(max_size=6) | st.sampled_from(["@id", "@type", "@context", "@graph", "id"]),
       value=JSON_LD)
@example(where="subject", key="@context", value={"": None, "@context": ""})  # (pyld's own)
@example(where="subject", key="@type", value=None)
def test_any_json_ld_put_in_a_real_badge_gets_a_plain_reason(where, key, value):
    badge_ = json.loads(EXAMPLE.read_text())
    target = {"credential": badge_, "subject": badge_["credentialSubject"],
              "achievement": badge_["credentialSubject"]["achievement"],
              "issuer": badge_["issuer"], "proof": badge_["proof"][0]}[where]
    target[key] = value
    trust = TrustedIssuers()
    verdict = verify_credential(badge_, trust, today=TODAY)
    assert "unexpected problem" not in verdict.reason
    if verdict.valid:  # only a change that means nothing (a null, say) leaves it valid
        original = json.loads(EXAMPLE.read_text())
        assert proofs.canonical(unsigned(badge_), trust.contexts) == proofs.canonical(
            unsigned(original), trust.contexts)


def unsigned(credential: dict) -> dict:
    return {k: v for k, v in credential.items() if k != "proof"}


def test_a_vc2_jose_token_is_the_credential_itself(riverbend, trust):
    credential = badge(riverbend)
    token = jwt_of({**credential, "iss": riverbend.did, "nbf": 1893456000},
                   riverbend.keys.current.private_key, "EdDSA", typ="vc+jwt",
                   kid=riverbend.keys.verification_method())
    assert verify_credential(token, trust, today=TODAY).reason == (
        "dates: not valid before 2030-01-01T00:00:00Z (nbf)")
    token = jwt_of({**credential, "iss": riverbend.did}, riverbend.keys.current.private_key,
                   "EdDSA", typ="vc+jwt", kid=riverbend.keys.verification_method())
    verdict = verify_credential(token, trust, today=TODAY)
    assert verdict.valid and verdict.trusted and verdict.achievement_name == "Kind Reader"


@pytest.mark.parametrize(("name", "error"), [
    ("ob3/examples/simple.json", None),  # VC 2.0: the 2019-09 schema as published
    ("ob3/examples/complete.json", None),
    ("clr2/examples/simple.json", None),  # VC 2.0 CLR: validFrom for issuanceDate
    ("clr2/examples/complex.json", None),  # VC 1.1 CLR: the draft-04 schema as it is
    ("ob3/examples/simple-noproof.json",  # VC 1.1 badge: 1EdTech's draft-04 conversion
     "field $.credentialSubject: 'achievement' is a required property"),
])
def test_the_schema_is_chosen_by_type_and_data_model(name, error):
    files = default_credential_files()
    assert schema_error(json.loads((files / name).read_text()), files) == error
