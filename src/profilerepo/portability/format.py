"""The backpack file format: the ZIP's layout, typed JSON values and a document's record.

Shared by the export and the import: what one writes, the other reads, through these
names only (their shapes are the contract in the project's format notes).
"""
from __future__ import annotations

import dataclasses
import datetime
import decimal
import hashlib
import json
import math
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

FORMAT = "profilerepo-backpack/1"

# The ZIP's entries.
MANIFEST = "backpack.json"   # the signed manifest (a VC 2.0 credential)
CONTENTS = "contents.json"   # what the backpack holds; its digest is in the manifest
CLR = "clr.json"             # the official part: a signed CLR 2.0 ClrCredential
DOCUMENTS = "documents/"     # documents/<path in the student folder>.json
FILES = "files/"             # files/<sha256 hex>: each blob's bytes, once
UNLISTED = frozenset({MANIFEST, CONTENTS})  # the only entries not in contents' "entries"

# The manifest.
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
# The v2 context as held in the credential files defines no "@vocab": a term it does not
# define (contentsDigest, withheld) would be dropped when the manifest is canonicalized,
# so left out of what the signature covers (and a verifier refuses such a credential). The
# manifest defines its own terms in its @context, in the issuer-dependent vocabulary the
# final VC 2.0 context gives such terms.
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"
BACKPACK_TERMS = {term: ISSUER_DEPENDENT + term
                  for term in ("ProfileRepoBackpack", "contentsDigest", "withheld")}
MANIFEST_CONTEXT = [VC_CONTEXT, BACKPACK_TERMS]
MANIFEST_TYPE = ["VerifiableCredential", "ProfileRepoBackpack"]
STUDENT_URN = "urn:profilerepo:student:"

FAMILY, SCHOOL = AUDIENCES = ("family", "school")  # (who a backpack is for)
# contents.json's "student": these keys; its dates plain "YYYY-MM-DD" strings (or null).
STUDENT_FIELDS = ("id", "given_name", "family_name", "preferred_name", "birth_date", "grade",
                  "school", "school_name", "entry_date", "exit_date")


class FormatError(ValueError):
    """A value or record that the backpack format cannot hold, or does not know, said in
    plain words (an import refuses the file with this message)."""


# -- names of entries ---------------------------------------------------------------------

def document_entry(path: str) -> str:
    """The ZIP entry of the document at ``path`` in the student folder:
    "plan/goals/g1" -> "documents/plan/goals/g1.json"."""
    return f"{DOCUMENTS}{path.strip('/')}.json"


def document_path(entry: str) -> str:
    """The inverse of ``document_entry``."""
    if not (entry.startswith(DOCUMENTS) and entry.endswith(".json")):
        raise FormatError(f"{entry} is not a document of the backpack")
    return entry[len(DOCUMENTS):-len(".json")]


def file_entry(digest: str) -> str:
    """The ZIP entry of a file whose bytes have the SHA-256 ``digest`` (hex)."""
    return f"{FILES}{digest}"


def student_urn(student_id: str) -> str:
    return f"{STUDENT_URN}{student_id}"


def backpack_filename(given_name: str, family_name: str) -> str:
    """"<first name>-<family>-backpack.zip" (give the name the student goes by), in ASCII
    letters, digits and dashes only (a file name travels in an HTTP header: "López"
    becomes "Lopez", a name in another script "student")."""
    def part(name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        kept = "".join(c if c.isalnum() else "-" for c in ascii_name.strip())
        return "-".join(filter(None, kept.split("-"))) or "student"
    return f"{part(given_name)}-{part(family_name)}-backpack.zip"


# -- digests ------------------------------------------------------------------------------

def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_stream(stream: BinaryIO, chunk: int = 64 * 1024) -> tuple[str, int]:
    """(hex digest, size) of what is left in ``stream``."""
    digest, size = hashlib.sha256(), 0
    while block := stream.read(chunk):
        digest.update(block)
        size += len(block)
    return digest.hexdigest(), size


class HashingWriter:
    """Wraps a writable stream: hashes and counts the bytes as they are written through
    (so a file is read once, while it goes into the ZIP)."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self._digest.update(data)
        self.size += len(data)
        return self.out.write(data)

    @property
    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def canonical_json(value: Any) -> bytes:
    """The bytes a JSON entry is written as: keys sorted, no spaces, UTF-8, so the same
    record always gives the same digest."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


# -- typed JSON values --------------------------------------------------------------------
# str, int, bool, None and finite floats are written as they are; the rest are one-key
# objects whose key starts with "$". A dict with a key starting with "$" is wrapped in
# {"$map": {...}} so it is never read as a tag.

DATE, DATETIME, DECIMAL, TUPLE, SET, MAP, FILE, FLOAT, KIND = (
    "$date", "$datetime", "$decimal", "$tuple", "$set", "$map", "$file", "$float", "$kind")
TAGS = frozenset({DATE, DATETIME, DECIMAL, TUPLE, SET, MAP, FILE, FLOAT})

FileRef = Callable[[Any], str]          # a blob -> "files/<sha256>" (the export's)
Other = Callable[[Any], dict]           # any other object -> {"$kind": ..., ...}
FileOpen = Callable[[str], Any]         # "files/<sha256>" -> what the import keeps
KindReader = Callable[[dict], Any]      # a {"$kind": ...} dict -> the object


def _is_blob(value: Any) -> bool:
    from ZODB.blob import Blob

    return isinstance(value, Blob)


def encode_value(value: Any, file_ref: FileRef | None = None, other: Other | None = None
                 ) -> Any:
    """``value`` as typed JSON. A blob becomes {"$file": file_ref(blob)}; any other object
    becomes ``other(value)`` (a plain dict with a "$kind" key); without those, either is
    a FormatError naming what could not be written."""
    if value is None or isinstance(value, (str, int)):  # (bool is an int)
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {FLOAT: repr(value)}
    if isinstance(value, datetime.datetime):
        return {DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {DATE: value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {DECIMAL: str(value)}
    if isinstance(value, tuple):
        return {TUPLE: [encode_value(v, file_ref, other) for v in value]}
    if isinstance(value, (set, frozenset)):
        items = [encode_value(v, file_ref, other) for v in value]
        return {SET: sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, list):
        return [encode_value(v, file_ref, other) for v in value]
    if isinstance(value, Mapping):
        encoded = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise FormatError(f"a record's keys must be words, not {key!r}")
            encoded[key] = encode_value(item, file_ref, other)
        return {MAP: encoded} if any(k.startswith("$") for k in encoded) else encoded
    if _is_blob(value):
        if file_ref is None:
            raise FormatError("a file cannot be written here")
        return {FILE: file_ref(value)}
    if other is not None:
        encoded = other(value)
        if not isinstance(encoded, dict) or not isinstance(encoded.get(KIND), str):
            raise FormatError(f"a {type(value).__name__} was not written as a record")
        return {k: (v if k == KIND else encode_value(v, file_ref, other))
                for k, v in encoded.items()}
    raise FormatError(f"a value of the kind {type(value).__name__} cannot be written")


def decode_value(value: Any, file_open: FileOpen | None = None,
                 kinds: Mapping[str, KindReader] | None = None) -> Any:
    """The inverse of ``encode_value``. {"$file": path} becomes ``file_open(path)`` (the
    path itself without one); {"$kind": k, ...} becomes ``kinds[k](fields)`` (the plain
    dict without ``kinds``). An unknown "$" tag is a FormatError ("unknown value type")."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [decode_value(v, file_open, kinds) for v in value]
    if not isinstance(value, dict):
        raise FormatError(f"unknown value type: {type(value).__name__}")
    if KIND in value:
        fields = {k: (v if k == KIND else decode_value(v, file_open, kinds))
                  for k, v in value.items()}
        if kinds is None:
            return fields
        reader = kinds.get(value[KIND]) if isinstance(value[KIND], str) else None
        if reader is None:
            raise FormatError(f"unknown value type: {value[KIND]!r}")
        return reader(fields)
    tagged = [k for k in value if k.startswith("$")]
    if not tagged:
        return {k: decode_value(v, file_open, kinds) for k, v in value.items()}
    if len(value) != 1 or tagged[0] not in TAGS:
        raise FormatError(f"unknown value type: {', '.join(sorted(tagged))}")
    tag, inner = tagged[0], value[tagged[0]]
    try:
        return _decode_tagged(tag, inner, file_open, kinds)
    except (TypeError, ValueError, decimal.InvalidOperation) as problem:
        if isinstance(problem, FormatError):
            raise
        raise FormatError(f"a {tag[1:]} value is not written right: {inner!r}") from None


def _decode_tagged(tag: str, inner: Any, file_open, kinds) -> Any:
    if tag == DATE:
        return datetime.date.fromisoformat(inner)
    if tag == DATETIME:
        return datetime.datetime.fromisoformat(inner)
    if tag == DECIMAL:
        return decimal.Decimal(_text(inner))
    if tag == FLOAT:
        if inner not in ("nan", "inf", "-inf"):
            raise ValueError(inner)
        return float(inner)
    if tag in (TUPLE, SET):
        if not isinstance(inner, list):
            raise TypeError(inner)
        items = [decode_value(v, file_open, kinds) for v in inner]
        return tuple(items) if tag == TUPLE else set(items)
    if tag == MAP:
        if not isinstance(inner, dict):
            raise TypeError(inner)
        return {k: decode_value(v, file_open, kinds) for k, v in inner.items()}
    # FILE
    path = _text(inner)
    if not path.startswith(FILES):
        raise FormatError(f"a file reference must be inside {FILES}: {path!r}")
    return file_open(path) if file_open is not None else path


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


# -- a document's record ------------------------------------------------------------------

@dataclasses.dataclass
class DocumentRecord:
    """One document of the student folder as the backpack keeps it (documents/<path>.json).

    ``values`` are its current fields (``Versioned.field_values()``) as typed JSON;
    ``logs`` its dated logs, each a list of typed-JSON entries: "data_points" (a goal's
    measurements), "sessions" (a plan's service log), "reflections" (a profile's),
    "replies" (a progress report's family replies); ``links`` other plain attributes that
    tie documents together (a goal's "revises"/"revised_by", a report's "cycle").
    ``statement`` is the newest statement of disagreement, ``statements`` all of them,
    oldest first. ``files`` maps each blob field to its "files/<sha256>" entry.
    ``hidden``: the family hid it from future schools (only the family's own copy holds
    such a document; written only when true, so older files read the same).
    """

    kind: str
    path: str
    title: str
    provenance: dict
    values: dict
    workflow: dict = dataclasses.field(default_factory=dict)
    family_words: list = dataclasses.field(default_factory=list)
    statement: dict | None = None
    statements: list = dataclasses.field(default_factory=list)
    files: dict = dataclasses.field(default_factory=dict)
    logs: dict = dataclasses.field(default_factory=dict)
    links: dict = dataclasses.field(default_factory=dict)
    hidden: bool = False
    # the names of the people the values name by login (a provider, a goal's responsible
    # staff): logins mean nothing, or someone else, in another district
    people: dict = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict:
        found = dataclasses.asdict(self)
        if not self.hidden:
            del found["hidden"]
        if not self.people:
            del found["people"]
        return found

    @classmethod
    def from_json(cls, data: Any) -> DocumentRecord:
        """The record from a parsed documents/*.json; FormatError when a part is missing
        or of the wrong kind (the message names it)."""
        if not isinstance(data, dict):
            raise FormatError("a document is not a JSON object")
        kinds = {f.name: f for f in dataclasses.fields(cls)}
        wanted = {"kind": str, "path": str, "title": str, "provenance": dict, "values": dict,
                  "workflow": dict, "family_words": list, "statements": list, "files": dict,
                  "logs": dict, "links": dict, "hidden": bool, "people": dict}
        found = {}
        for name, kind in wanted.items():
            if name not in data:
                if kinds[name].default is dataclasses.MISSING and \
                        kinds[name].default_factory is dataclasses.MISSING:
                    raise FormatError(f'a document has no "{name}"')
                continue
            if not isinstance(data[name], kind):
                raise FormatError(f'a document\'s "{name}" is not a {kind.__name__}')
            found[name] = data[name]
        statement = data.get("statement")
        if statement is not None and not isinstance(statement, dict):
            raise FormatError('a document\'s "statement" is not an object')
        return cls(statement=statement, **found)


def provenance(*, school: str, school_id: str, district: str, district_id: str,
               authors: list[str], created: datetime.datetime | None, creator: str,
               modified: datetime.datetime | None, versions: int,
               earlier: dict | None = None) -> dict:
    """A document's provenance as the backpack writes it ("from": the provenance it came
    with when it was itself imported, kept as is)."""
    return {"school": school, "school_id": school_id, "district": district,
            "district_id": district_id, "authors": list(authors),
            "created": created.isoformat() if created else None, "creator": creator,
            "modified": modified.isoformat() if modified else None, "versions": versions,
            "from": earlier}


@dataclasses.dataclass(frozen=True)
class Entry:
    """One line of contents.json's "entries": a ZIP entry, its digest and size."""

    path: str
    sha256: str
    size: int

    def to_json(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        if not (isinstance(data, dict) and isinstance(data.get("path"), str)
                and isinstance(data.get("sha256"), str)
                and isinstance(data.get("size"), int) and not isinstance(data["size"], bool)):
            raise FormatError("contents.json lists an entry without its path, digest or size")
        return cls(data["path"], data["sha256"], data["size"])
