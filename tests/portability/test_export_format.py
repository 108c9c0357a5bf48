"""The backpack's typed JSON values and document records: what the export writes, the
import reads back as the same values; what it does not know, it refuses in words."""
from __future__ import annotations

import datetime
import decimal
import json

import pytest
from ZODB.blob import Blob

from profilerepo.portability import format as fmt

VALUES = [
    "Reads 120 words a minute", 7, 2.5, True, None,
    datetime.date(2024, 9, 10),
    datetime.datetime(2025, 3, 1, 15, 30, tzinfo=datetime.UTC),
    decimal.Decimal("1.50"),
    ({"term": "Fall 2024", "course": "Math 7", "credits": 1.0},),
    {"$weird": 1, "plain": [1, 2]},
    {"cora", "theo"},
    [datetime.date(2024, 1, 2), ("a", "b")],
]


@pytest.mark.parametrize("value", VALUES, ids=[type(v).__name__ for v in VALUES])
def test_every_stored_kind_of_value_comes_back_as_it_was(value):
    written = json.loads(fmt.canonical_json(fmt.encode_value(value)))
    assert fmt.decode_value(written) == value
    assert type(fmt.decode_value(written)) is type(value)


def test_a_file_becomes_a_reference_and_back():
    blob = Blob()
    written = fmt.encode_value({"file": blob}, file_ref=lambda b: "files/" + "a" * 64)
    assert written == {"file": {"$file": "files/" + "a" * 64}}
    assert fmt.decode_value(written, file_open=lambda path: f"opened {path}") == \
        {"file": "opened files/" + "a" * 64}


@pytest.mark.parametrize("written, problem", [
    ({"$python": "os.system"}, "unknown value type"),
    ({"$date": "yesterday"}, "date value is not written right"),
    ({"$file": "../../etc/passwd"}, "must be inside files/"),
    ({"$kind": "Session", "minutes": 30}, "unknown value type"),
])
def test_what_the_format_does_not_know_is_refused_in_words(written, problem):
    with pytest.raises(fmt.FormatError, match=problem):
        fmt.decode_value(written, kinds={})


def test_an_object_the_format_cannot_hold_is_named():
    with pytest.raises(fmt.FormatError, match="kind object cannot be written"):
        fmt.encode_value(object())


def test_a_document_record_says_which_part_is_missing_or_wrong():
    record = fmt.DocumentRecord(kind="Narrative", path="narratives/n1", title="Fall",
                                provenance={"school": "North"}, values={"title": "Fall"})
    assert fmt.DocumentRecord.from_json(json.loads(json.dumps(record.to_json()))) == record
    with pytest.raises(fmt.FormatError, match='no "provenance"'):
        fmt.DocumentRecord.from_json({"kind": "Narrative", "path": "n", "title": "t",
                                      "values": {}})
    with pytest.raises(fmt.FormatError, match='"values" is not a dict'):
        fmt.DocumentRecord.from_json({**record.to_json(), "values": []})


def test_entry_names_and_file_names():
    assert fmt.document_entry("plan/goals/goal-1") == "documents/plan/goals/goal-1.json"
    assert fmt.document_path("documents/plan/goals/goal-1.json") == "plan/goals/goal-1"
    assert fmt.backpack_filename("Maya Rose", "López-Diaz") == \
        "Maya-Rose-Lopez-Diaz-backpack.zip"
    assert fmt.backpack_filename("李", "娜") == "student-student-backpack.zip"
