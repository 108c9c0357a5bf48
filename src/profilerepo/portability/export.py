"""Writing a student's backpack: every document that goes (``selection``) as a record with
its provenance, each file once, the official CLR part, and the signed manifest.

The layout is ``format``'s. Entries are written in path order and hold nothing about the
moment of export but contents.json and the manifest, so two exports of an unchanged
record list the same digests.
"""
from __future__ import annotations

import dataclasses
import datetime
import uuid
import zipfile
from collections import Counter
from typing import BinaryIO

from ZODB.blob import Blob

from profilerepo import clock
from profilerepo.content.lineage import site_of
from profilerepo.family.words import entries as family_entries
from profilerepo.family_requests.statements import statements_of
from profilerepo.portability import format as fmt
from profilerepo.portability import provenance
from profilerepo.portability.clr import signed_clr
from profilerepo.portability.selection import Selection, select

# Kinds of file already compressed: stored as they are (deflating them again costs time
# and saves nothing).
COMPRESSED = ("image/", "application/pdf")
_CHUNK = 64 * 1024
# The dated logs a document keeps beside its fields: (attribute, name in the record).
LOGS = (("data_points", "data_points"), ("sessions", "sessions"),
        ("reflections", "reflections"), ("replies", "replies"))
LOG_PEOPLE = ("by",)  # entries' fields naming a login: written as the person's name
PRIVATE_REPLIES = frozenset({"opened"})  # (when a page was opened: not the record)
LINKS = ("revises", "revised_by")


@dataclasses.dataclass
class ExportSummary:
    """What an export wrote: its file name, the parts by kind, and what it left out."""

    filename: str
    audience: str
    manifest_id: str
    exported: datetime.datetime
    documents: int
    files: int
    kinds: dict[str, int]
    drafts_left_out: int  # working drafts (and, for the family, what is not shared yet)
    withheld: bool        # something the family hid was left out
    entries: list[fmt.Entry]
    size: int | None      # bytes written, when the stream can say


def _stamp(moment: datetime.datetime) -> str:
    """A time as the manifest writes it: UTC, whole seconds, "Z"."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def student_json(student, school_name: str) -> dict:
    """The student as contents.json names them (dates as YYYY-MM-DD, or null)."""
    def day(value):
        return value.isoformat() if value else None

    return {"id": student.__name__, "given_name": student.given_name,
            "family_name": student.family_name, "preferred_name": student.preferred_name,
            "birth_date": day(student.birth_date), "grade": student.grade,
            "school": student.school, "school_name": school_name,
            "entry_date": day(student.entry_date), "exit_date": day(student.exit_date)}


def title_of(document) -> str:
    """A document's title as a reader knows it; a plan's with the years it covers."""
    start, end = getattr(document, "period_start", None), getattr(document, "period_end", None)
    title = getattr(document, "title", "") or type(document).__name__
    return f"{title} {start:%Y}–{end:%Y}" if start and end else title


class _Writer:
    """One backpack being written: the ZIP, its listed entries and the files in it."""

    def __init__(self, out: BinaryIO, moment: datetime.datetime) -> None:
        self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
        self.when = moment.astimezone(datetime.UTC).timetuple()[:6]
        self.entries: list[fmt.Entry] = []
        self.files: dict[str, str] = {}  # blob digest -> entry

    def _info(self, name: str, compressed: bool) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self.when)
        info.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def write_json(self, name: str, value, listed: bool = True) -> bytes:
        data = fmt.canonical_json(value)
        self.zip.writestr(self._info(name, False), data)
        if listed:
            self.entries.append(fmt.Entry(name, fmt.sha256_hex(data), len(data)))
        return data

    def write_blob(self, blob: Blob, content_type: str = "") -> str:
        """The blob's bytes as files/<sha256> (once, however many documents hold it):
        hashed as they are read, then streamed into the ZIP, hashed again as written."""
        with blob.open("r") as source:
            digest, size = fmt.sha256_stream(source)
        name = fmt.file_entry(digest)
        if name in self.files.values():
            return name
        info = self._info(name, content_type.startswith(COMPRESSED))
        with blob.open("r") as source, self.zip.open(info, "w", force_zip64=True) as target:
            hashing = fmt.HashingWriter(target)
            while block := source.read(_CHUNK):
                hashing.write(block)
        if hashing.hexdigest != digest:
            raise fmt.FormatError("a file changed while the backpack was written")
        self.files[digest] = name
        self.entries.append(fmt.Entry(name, digest, size))
        return name


def _logs(document, people: provenance.People) -> dict:
    found = {}
    for attribute, name in LOGS:
        entries = getattr(document, attribute, None)
        if entries is None or not isinstance(entries, tuple):
            continue
        rows = []
        for entry in entries:
            if entry.get("kind") in PRIVATE_REPLIES and name == "replies":
                continue
            row = dict(entry)
            for key in LOG_PEOPLE:
                if isinstance(row.get(key), str):
                    row[key] = people.name(row[key])
            rows.append(fmt.encode_value(row))
        found[name] = rows
    return found


def _family_words(document, people: provenance.People) -> list[dict]:
    words = []
    for _, word in family_entries(document):
        words.append({
            "kind": "observation" if word.observed is not None else "comment",
            "text": word.text, "about": word.about,
            "observed": word.observed.isoformat() if word.observed else None,
            "by": people.name(word.creator), "capacity": word.capacity,
            "when": word.created.isoformat() if word.created else None,
            "versions": word.version_number})
    return words


def _statements(document, people: provenance.People) -> list[dict]:
    return [{"text": s.text, "by": people.name(s.creator),
             "when": s.created.isoformat() if s.created else None,
             "versions": s.version_number} for s in statements_of(document)]


def document_record(path: str, document, student, issuer, schools,
                    people: provenance.People, writer: _Writer | None = None
                    ) -> fmt.DocumentRecord:
    """The record of one document (its files written through ``writer`` as met)."""
    files: dict[str, str] = {}
    content_type = getattr(document, "content_type", "") or ""

    def file_ref(blob: Blob) -> str:
        if writer is None:
            raise fmt.FormatError("a file cannot be written here")
        return writer.write_blob(blob, content_type)

    values, named = {}, {}
    for name, value in document.field_values().items():
        if not isinstance(value, Blob):
            named.update(people.named_in(value))
        values[name] = fmt.encode_value(value, file_ref)
        if isinstance(value, Blob):
            files[name] = values[name][fmt.FILE]
    statements = _statements(document, people)
    return fmt.DocumentRecord(
        kind=type(document).__name__, path=path, title=title_of(document),
        provenance=provenance.of(document, student, issuer, schools, people),
        values=values,
        workflow=dict(getattr(document, "workflow_states", None) or {}),
        family_words=_family_words(document, people),
        statement=statements[-1] if statements else None, statements=statements,
        files=files, logs=_logs(document, people),
        links={k: getattr(document, k) for k in LINKS if getattr(document, k, "")},
        people=named)


def _clr(student, issuer, selection: Selection, moment: datetime.datetime) -> dict:
    """The official part, signed: the transcript and the badges the backpack holds (a
    transcript or badge left out is left out of it too; the CLR then says it is partial)."""
    going = {id(document) for _, document in selection.documents}
    transcript = student.get("transcript")
    return signed_clr(student, issuer, include_transcript=transcript is None
                      or id(transcript) in going,
                      include=lambda item: id(item) in going, issued=moment)


def manifest(issuer, student_id: str, contents_digest: str, withheld: bool,
             moment: datetime.datetime) -> dict:
    """The manifest before it is signed: a VC 2.0 credential naming contents.json's digest."""
    return {
        "@context": [fmt.VC_CONTEXT, dict(fmt.BACKPACK_TERMS)],
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": list(fmt.MANIFEST_TYPE),
        "issuer": {"id": issuer.did, "name": issuer.name},
        "validFrom": _stamp(moment),
        "credentialSubject": {"id": fmt.student_urn(student_id),
                              "contentsDigest": contents_digest, "withheld": withheld},
    }


def export_backpack(student, issuer, out: BinaryIO, *, audience: str,
                    release_hidden: bool = False, moment: datetime.datetime | None = None,
                    selection: Selection | None = None) -> ExportSummary:
    """Write ``student``'s backpack for ``audience`` (``FAMILY``: everything the family may
    read, what they hid too; ``SCHOOL``: all but drafts and, unless ``release_hidden``,
    what the family hid) to ``out`` as one ZIP, signed by ``issuer``."""
    from profilerepo.family.hiding import hidden_from_future  # (imports security: here)

    moment = (moment or clock.now(zone=clock.UTC)).astimezone(datetime.UTC)
    selection = selection or select(student, audience, release_hidden=release_hidden)
    site = site_of(student)
    schools = site["schools"] if site is not None else None
    people = provenance.People(site)
    start = _tell(out)
    writer = _Writer(out, moment)
    with writer.zip:
        kinds: Counter[str] = Counter()
        for path, document in selection.documents:
            record = document_record(path, document, student, issuer, schools, people, writer)
            # (the family's copy holds what they hid: marked, so a school importing it
            # leaves those out as it would have been sent them)
            record.hidden = audience == fmt.FAMILY and hidden_from_future(document)
            writer.write_json(fmt.document_entry(path), record.to_json())
            kinds[record.kind] += 1
        writer.write_json(fmt.CLR, _clr(student, issuer, selection, moment))
        school = schools.get(student.school) if schools is not None else None
        entries = sorted(writer.entries, key=lambda e: e.path)
        contents = {
            "format": fmt.FORMAT, "exported": moment.isoformat(), "audience": audience,
            "issuer": {"id": issuer.did, "name": issuer.name},
            "student": student_json(student, getattr(school, "title", "")),
            "withheld": selection.withheld, "entries": [e.to_json() for e in entries]}
        data = writer.write_json(fmt.CONTENTS, contents, listed=False)
        signed = issuer.sign(manifest(issuer, student.__name__, fmt.sha256_hex(data),
                                      selection.withheld, moment), created=moment)
        writer.write_json(fmt.MANIFEST, signed, listed=False)
    end = _tell(out)
    return ExportSummary(
        filename=fmt.backpack_filename(student.first_name, student.family_name),
        audience=audience, manifest_id=signed["id"], exported=moment,
        documents=len(selection.documents), files=len(writer.files), kinds=dict(kinds),
        drafts_left_out=len(selection.drafts), withheld=selection.withheld,
        entries=entries,
        size=end - start if start is not None and end is not None else None)


def _tell(out) -> int | None:
    try:
        return out.tell()
    except (AttributeError, OSError, ValueError):
        return None
