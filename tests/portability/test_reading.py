"""Opening a backpack: every signature and digest checked before anything is written;
each way a file can be wrong is refused with a message naming the problem."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from profilerepo.portability import format as fmt
from profilerepo.portability.reading import BackpackRefused, Limits, verify_backpack_file
from tests.portability.backpacks import (
    changed,
    district,
    entries,
    flip_byte,
    resigned,
    zipped,
)
from tests.portability.test_export import PDF


def refusal(data: bytes, trust, **options) -> str:
    with pytest.raises(BackpackRefused) as refused:
        verify_backpack_file(io.BytesIO(data), trust, **options)
    return str(refused.value)


def test_a_whole_backpack_verifies_and_says_what_it_holds(backpack, trust, sender):
    verified = verify_backpack_file(io.BytesIO(backpack), trust)
    assert verified.issuer_id == sender.did
    assert verified.issuer_name == "North Valley District"
    assert verified.student["given_name"] == "Maya"
    assert verified.withheld is True
    assert {"documents/transcript.json", "documents/plan.json",
            "documents/plan/goals/goal-1.json", "documents/portfolio/item-1.json"
            } <= set(verified.documents)
    assert verified.clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert verified.read_file(f"files/{hashlib.sha256(PDF).hexdigest()}") == PDF
    assert verified.signed is not None


def test_a_backpack_on_disk_verifies_too(backpack, trust, tmp_path):
    path = tmp_path / "Maya-Lopez-backpack.zip"
    path.write_bytes(backpack)
    assert verify_backpack_file(path, trust).student["family_name"] == "Lopez"


def test_one_changed_byte_in_a_document_is_named(backpack, trust):
    data = changed(backpack, "documents/plan.json",
                   lambda b: b.replace(b"Extra time on tests", b"Extra time on testz"))
    assert refusal(data, trust) == "documents/plan.json was changed after it was signed."


def test_one_changed_byte_in_a_file_is_named(backpack, trust):
    name = f"files/{hashlib.sha256(PDF).hexdigest()}"
    assert refusal(changed(backpack, name, flip_byte), trust) == \
        f"{name} was changed after it was signed."


def test_a_changed_table_of_contents_is_refused(backpack, trust):
    data = changed(backpack, fmt.CONTENTS, lambda b: b.replace(b'"Maya"', b'"Mayb"'))
    assert refusal(data, trust) == "contents.json was changed after it was signed."


def test_a_changed_manifest_fails_its_signature(backpack, trust, sender):
    def later(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["validFrom"] = "2031-01-01T00:00:00Z"
        return fmt.canonical_json(manifest)

    message = refusal(changed(backpack, fmt.MANIFEST, later), trust)
    assert message.startswith("backpack.json was changed after it was signed")
    assert sender.did in message


def test_a_file_cut_short_is_refused(backpack, trust):
    assert refusal(backpack[: len(backpack) * 2 // 3], trust) == \
        "The file is cut short (not a complete ZIP)."


def test_something_that_is_not_a_zip_is_refused(trust):
    assert refusal(b"%PDF-1.4 not a backpack", trust) == \
        "This is not a backpack file (not a ZIP file)."


def test_an_unsigned_backpack_is_refused(backpack, trust):
    def unsigned(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest.pop("proof")
        return fmt.canonical_json(manifest)

    assert refusal(changed(backpack, fmt.MANIFEST, unsigned), trust) == \
        "The file is not signed: backpack.json has no proof."
    parts = entries(backpack)
    parts.pop(fmt.MANIFEST)
    assert refusal(zipped(parts), trust) == \
        "The file is not signed: it has no backpack.json."


def test_a_backpack_signed_by_an_untrusted_district_is_refused(backpack, trust, tmp_path):
    stranger = district(tmp_path / "east-keys", "https://east.example", "East District")
    assert refusal(resigned(backpack, stranger), trust) == (
        f"The file is signed by {stranger.did}, which is not a trusted district.")


def test_a_signature_by_another_key_than_the_districts_is_refused(backpack, trust, sender,
                                                                  tmp_path):
    impostor = district(tmp_path / "impostor-keys", "https://north.example", "North Valley")
    assert impostor.did == sender.did
    message = refusal(resigned(backpack, impostor), trust)
    assert message.startswith("backpack.json was changed after it was signed, or not "
                              f"signed by {sender.did}")


def test_an_entry_the_contents_do_not_list_is_refused(backpack, trust):
    parts = entries(backpack)
    parts["documents/extra.json"] = b"{}"
    assert refusal(zipped(parts), trust) == (
        "The file holds documents/extra.json, which its signed contents do not list.")


def test_a_listed_entry_that_is_missing_is_refused(backpack, trust):
    parts = entries(backpack)
    parts.pop("documents/profile.json")
    assert refusal(zipped(parts), trust) == "documents/profile.json is missing from the file."


def test_bad_json_in_a_signed_document_names_the_document(backpack, trust, sender):
    data = resigned(backpack, sender, **{"documents/profile.json": b'{"kind": "Profile",'})
    assert refusal(data, trust).startswith("documents/profile.json is not valid JSON")


def test_an_unknown_value_type_is_refused(backpack, trust, sender):
    profile = json.loads(entries(backpack)["documents/profile.json"])
    profile["values"]["strengths"] = {"$pickle": "cos\nsystem\n"}
    data = resigned(backpack, sender,
                    **{"documents/profile.json": fmt.canonical_json(profile)})
    assert refusal(data, trust) == (
        "documents/profile.json: the field strengths holds an unknown value type: $pickle.")


def test_a_document_referring_to_a_file_not_in_the_backpack_is_refused(backpack, trust,
                                                                       sender):
    item = json.loads(entries(backpack)["documents/portfolio/item-1.json"])
    item["files"]["file"] = item["values"]["file"]["$file"] = "files/" + "0" * 64
    data = resigned(backpack, sender,
                    **{"documents/portfolio/item-1.json": fmt.canonical_json(item)})
    assert refusal(data, trust) == (
        f"documents/portfolio/item-1.json refers to files/{'0' * 64}, which is not in the "
        "file.")


def test_a_changed_clr_is_refused_with_the_reason(backpack, trust, sender):
    clr = json.loads(entries(backpack)[fmt.CLR])
    clr["name"] = "A better record"
    data = resigned(backpack, sender, **{fmt.CLR: fmt.canonical_json(clr)})
    assert refusal(data, trust).startswith("clr.json does not verify")


def test_entries_over_the_limits_are_refused_before_they_are_unpacked(backpack, trust):
    assert "is too large" in refusal(backpack, trust, limits=Limits(entry_bytes=1000))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("files/" + "0" * 64, b"\0" * (20 * 1024 * 1024))
    assert refusal(bomb.getvalue(), trust) == (
        f"files/{'0' * 64} unpacks to far more than it takes packed (a ZIP bomb?).")


def test_an_entry_with_an_unsafe_name_is_refused(backpack, trust):
    parts = entries(backpack)
    parts["../../etc/passwd"] = b"root"
    assert refusal(zipped(parts), trust) == \
        "The file holds an entry with an unsafe name: '../../etc/passwd'."
