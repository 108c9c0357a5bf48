"""Writing a verified backpack into this district's database: the student matched or
made, each document kept read-only with its provenance, the living ones as drafts to adopt.

Nothing here commits: the caller commits once (or aborts, leaving nothing written).
Documents are known by (district, path, digest): the same backpack twice changes nothing,
a later one adds new documents and new versions of those already here.
"""
from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from profilerepo.badges.model import Badge
from profilerepo.content.dated_log import log_of
from profilerepo.content.folder import Folder, new_name
from profilerepo.content.lineage import resolve
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.content.profile import Profile
from profilerepo.content.transcript import Transcript
from profilerepo.content.versions import now
from profilerepo.family.words import FamilyWord, FamilyWords
from profilerepo.family_requests.statements import Statement, record_of
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import PastPlans, Plan
from profilerepo.plans.reports import ProgressReport
from profilerepo.portability.format import (
    DocumentRecord,
    decode_value,
    document_entry,
    document_path,
)
from profilerepo.portability.imported import (
    DRAFTS,
    EARLIER_TRANSCRIPTS,
    EarlierTranscripts,
    RemoteRequest,
    TransferDrafts,
    as_date,
    as_datetime,
    ledger_of,
)
from profilerepo.portability.matching import (
    MatchNeedsConfirmation,
    match_student,
    new_student_from,
    same_name_and_birth,
    sender_student_id,
    senders,
)
from profilerepo.portability.reading import BackpackRefused, VerifiedBackpack, verify_backpack_file
from profilerepo.workflow import running_engine

KINDS = {cls.__name__: cls for cls in (Transcript, Profile, Plan, Goal, ProgressReport,
                                       Narrative, PortfolioItem, Badge)}
# A backpack's dated logs -> (the attribute keeping the log, the name it had before logs)
LOGS = {"data_points": ("measurements", "data_points"),
        "sessions": ("service_log", "sessions"),
        "reflections": ("reflection_log", "reflections"),
        "replies": ("reply_log", "replies")}
LINKS = ("revises", "revised_by")  # a goal's revision names, kept as they were
SHARING = "sharing"  # the workflow saying whether the family reads a document
SECTIONS = {"Narrative": "narratives", "PortfolioItem": "portfolio", "Badge": "portfolio"}

Progress = Callable[[int, int, str], None]


@dataclass
class ImportResult:
    """What an import did: the student (made now or matched), what was added and what
    got a new version (kind, title, path in the student folder each)."""

    student: object
    created: bool
    matched_by: str                  # "earlier import", "id", "name and birth date", "new"
    added: list[tuple[str, str, str]] = field(default_factory=list)
    new_versions: list[tuple[str, str, str]] = field(default_factory=list)
    files: int = 0
    withheld: bool = False  # the sending school left out something the family hid
    hidden_left_out: int = 0  # documents the family's own copy marks as hidden by them

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.new_versions or self.created)

    def summary(self) -> str:
        name = getattr(self.student, "title", "the student")
        if self.unchanged:
            return f"Nothing new for {name}: this backpack was imported before."
        parts = [f"{plural(len(self.added), 'document')} added"]
        if self.new_versions:
            parts.append(plural(len(self.new_versions), "new version"))
        if self.files:
            parts.append(plural(self.files, "file"))
        made = "new student" if self.created else f"matched by {self.matched_by}"
        return f"{name} ({made}): {', '.join(parts)}.{self.left_out()}"

    def left_out(self) -> str:
        """What the family chose not to share, said as a count (never which)."""
        said = ""
        if self.withheld:
            said += (" The sending school left out something the family chose not to share "
                     "with new schools.")
        if self.hidden_left_out:
            was = "was" if self.hidden_left_out == 1 else "were"
            said += (f" {plural(self.hidden_left_out, 'document')} the family hid from new "
                     f"schools {was} left out.")
        return said


def plural(count: int, word: str) -> str:
    """"1 file", "2 files"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def own_backpack(backpack: VerifiedBackpack, own_did: str | None) -> None:
    """Refuse a backpack this district signed itself: its documents are here already (an
    import would only copy them)."""
    if own_did and backpack.issuer_id == own_did:
        raise BackpackRefused(
            f"This backpack was made by this district ({backpack.issuer_name or 'here'}), "
            "so its documents are already in the student's record here. A backpack is "
            "for a student coming from another district; nothing was imported.")


def import_backpack(site, backpack: VerifiedBackpack, by: str, *, student_id: str | None = None,
                    school: str | None = None, confirmed: bool = False,
                    progress: Progress | None = None,
                    own_did: str | None = None) -> ImportResult:
    """Write ``backpack`` (verified) into ``site`` for ``by``: into the student matched by
    an earlier import of the same district's student, else ``student_id``, else a new
    student at ``school``. A student here with the same name and birth date raises
    ``MatchNeedsConfirmation`` unless ``confirmed`` (import as a new student anyway).
    A backpack signed by ``own_did`` (this district) is refused."""
    own_backpack(backpack, own_did)
    student, how, alike = match_student(site, backpack, student_id)
    if student is None and alike and not confirmed:
        raise MatchNeedsConfirmation(alike)
    records, hidden = _records(backpack)
    ledger = getattr(student, "backpack_ledger", None)
    if ledger is not None and backpack.digest in ledger.backpacks:
        return ImportResult(student, False, how)  # (this very file, imported before)
    created = student is None
    if created:
        student = new_student_from(site, backpack, school or "", by)
    result = ImportResult(student, created, how, withheld=backpack.withheld,
                          hidden_left_out=hidden)
    senders(site)[(backpack.issuer_id, sender_student_id(backpack))] = student.__name__
    writer = _Writer(student, backpack, by, result)
    for number, (path, record) in enumerate(records, 1):
        writer.place(path, record)
        if progress is not None:
            progress(number, len(records), record.title or path)
    writer.ledger.backpacks = (*writer.ledger.backpacks, backpack.digest)
    return result


def import_file(site, source, trust, by: str, *, today: datetime.date | None = None,
                **options) -> ImportResult:
    """Verify the backpack at ``source`` (a path or a binary stream) against ``trust``
    (on ``today``'s date), then import it (``import_backpack``'s options);
    ``BackpackRefused`` when it fails."""
    backpack = verify_backpack_file(source, trust, today=today)
    issuer = getattr(trust, "issuer", None)
    options.setdefault("own_did", getattr(issuer, "did", None))
    try:
        return import_backpack(site, backpack, by, **options)
    finally:
        backpack.close()


def _records(backpack: VerifiedBackpack) -> tuple[list[tuple[str, DocumentRecord]], int]:
    """Every document of the backpack, parents before what they hold, and how many were
    left out as hidden by the family (the family's copy marks them: a new school is not
    sent them, so it does not keep them either, nor what they hold). A kind this
    district does not keep refuses the file before anything is written."""
    found, hidden = [], []
    for entry, data in backpack.documents.items():
        record = DocumentRecord.from_json(data)
        if record.kind not in KINDS:
            raise BackpackRefused(f"{entry} is a kind of document this district does not "
                                  f"keep ({record.kind}).")
        path = document_path(entry)
        (hidden if record.hidden else found).append((path, record))
    inside = tuple(f"{path}/" for path, _ in hidden)
    kept = [(path, record) for path, record in found
            if not (inside and path.startswith(inside))]
    kept.sort(key=lambda pair: (pair[0].count("/"), pair[0]))
    return kept, len(backpack.documents) - len(kept)


class _Writer:
    """Places one backpack's documents in one student's folder."""

    def __init__(self, student, backpack: VerifiedBackpack, by: str,
                 result: ImportResult) -> None:
        self.student, self.backpack, self.by, self.result = student, backpack, by, result
        self.ledger = ledger_of(student)
        self.engine = running_engine()
        self.placed: dict[str, object] = {}  # their path -> ours, for goals and reports

    def place(self, path: str, record: DocumentRecord) -> None:
        key = (self.backpack.issuer_id, path)
        digest = self.backpack.sizes[document_entry(path)][0]
        known = self.ledger.documents.get(key)
        if known is not None:
            ours = self._resolve(known["at"])
            if ours is not None:
                self.placed[path] = ours
                if digest not in known["digests"]:
                    self._new_version(ours, record, digest)
                    self.ledger.documents[key] = {
                        "at": known["at"], "digests": (*known["digests"], digest)}
                return
        folder, name = self._where(path, record)
        document = self._make(record, digest, draft=folder.__name__ == DRAFTS)
        if isinstance(document, Badge):  # (as checked here, from its own issuer's key)
            verified, why = self.backpack.badges.get(document_entry(path), (False, ""))
            document.verified, document.verdict_reason = verified, why
            document.checked_at, document.checked_by = now(), self.by
        folder.add(name, document)
        self.placed[path] = document
        at = self._path_here(document)
        self.ledger.documents[key] = {"at": at, "digests": (digest,)}
        self.result.added.append((document.type_title, record.title or document.title, at))

    # where each kind goes

    def _where(self, path: str, record: DocumentRecord) -> tuple[Folder, str]:
        student, kind, last = self.student, record.kind, path.rsplit("/", 1)[-1]
        if kind in ("Goal", "ProgressReport"):
            parent_path, _, _ = path.rpartition("/")
            plan = self.placed.get(parent_path.rpartition("/")[0])
            if not isinstance(plan, Plan):
                raise BackpackRefused(f"documents/{path}.json belongs to no plan in the "
                                      "file.")
            folder = plan.goals if kind == "Goal" else plan.reports
        elif kind == "Transcript":
            folder, last = self._folder(EARLIER_TRANSCRIPTS, EarlierTranscripts), (
                record.provenance.get("school_id") or "transcript")
        elif kind in ("Profile", "Plan") and path in ("profile", "plan"):
            folder = self._folder(DRAFTS, TransferDrafts)
        elif kind == "Plan":
            folder = self._folder("past-plans", PastPlans)
        elif kind == "Profile":
            folder, last = self._folder(DRAFTS, TransferDrafts), "profile"
        else:
            folder = student[SECTIONS[kind]]
        return folder, _free_name(folder, last)

    def _folder(self, name: str, kind: type) -> Folder:
        if name not in self.student:
            self.student.add(name, kind())
        return self.student[name]

    # making and updating documents

    def _make(self, record: DocumentRecord, digest: str, draft: bool):
        cls = KINDS[record.kind]
        values = self._values(record, cls)
        when = as_datetime(record.provenance.get("modified")) or now()
        document = cls(values, self.by, when)
        document.creator = record.provenance.get("creator") or ""
        document.created = as_datetime(record.provenance.get("created")) or when
        document.modifier = (record.provenance.get("authors") or [document.creator])[-1]
        self._stamp(document, record, digest)
        # Everything keeps the states it had where it was written, when this district has
        # them; drafts only their sharing (a family that read the plan there reads it
        # here), the rest of their workflows starting over (being written, here).
        states = self._states(cls, record.workflow)
        if draft:
            states = {name: state if name == SHARING else self.engine.workflows[name].initial
                      for name, state in states.items()}
        document.workflow_states = states
        document.workflow_history = ()
        for name, entries in record.logs.items():
            if name in LOGS and isinstance(entries, list):
                log = log_of(document, *LOGS[name])
                log.extend(_entry(decode_value(e)) for e in entries if isinstance(e, dict))
        for name in LINKS:
            if isinstance(record.links.get(name), str):
                setattr(document, name, record.links[name])
        self._family(document, record)
        return document

    def _new_version(self, document, record: DocumentRecord, digest: str) -> None:
        values = self._values(record, type(document))
        when = as_datetime(record.provenance.get("modified")) or now()
        document.record(values, (record.provenance.get("authors") or [self.by])[-1], when)
        self._stamp(document, record, digest)
        for name, entries in record.logs.items():
            if name in LOGS and isinstance(entries, list):
                log = log_of(document, *LOGS[name])
                have = {repr(sorted(e.items())) for e in log.values()}
                log.extend(e for e in (_entry(decode_value(x)) for x in entries
                                       if isinstance(x, dict))
                           if repr(sorted(e.items())) not in have)
        self._family(document, record)
        self.result.new_versions.append((document.type_title, document.title,
                                         self._path_here(document)))

    def _values(self, record: DocumentRecord, cls: type) -> dict:
        values = {name: _named(decode_value(value, self._blob), record.people)
                  for name, value in record.values.items() if name in cls.fields}
        for name, ref in record.files.items():
            if name in cls.fields and not _is_blob(values.get(name)):
                values[name] = self._blob(ref)
        return values

    def _blob(self, ref: str):
        from ZODB.blob import Blob

        blob = Blob()
        with blob.open("w") as out:
            self.backpack.copy_file(ref, out)
        self.result.files += 1
        return blob

    def _stamp(self, document, record: DocumentRecord, digest: str) -> None:
        signed = self.backpack.signed
        document.provenance = {
            **record.provenance, "signed": signed.isoformat() if signed else None,
            "verified": True, "issuer_id": self.backpack.issuer_id,
            "issuer_name": self.backpack.issuer_name, "digest": digest,
            "imported": now().isoformat(), "imported_by": self.by}
        document.imported = True  # (security: nobody edits it)

    def _states(self, cls: type, states: dict) -> dict:
        found = {}
        for name in cls.workflow_chain:
            workflow = self.engine.workflows[name]
            state = states.get(name)
            found[name] = state if state in workflow.states else workflow.initial
        return found

    def _family(self, document, record: DocumentRecord) -> None:
        """The family's comments, observations and statements, kept with the document
        (those already here from an earlier backpack are not added twice)."""
        words = getattr(document, "family_words", None)
        seen = {(w.creator, w.text) for w in (words or {}).values()}
        for said in record.family_words:
            if not isinstance(said, dict) or not said.get("text"):
                continue
            said = decode_value(said)
            if (said.get("by") or "", said["text"]) in seen:
                continue
            if words is None:
                words = document.family_words = FamilyWords()
            when = as_datetime(said.get("when")) or now()
            word = FamilyWord({"text": said["text"], "about": said.get("about") or "",
                               "observed": as_date(said.get("observed"))},
                              said.get("by") or "", said.get("capacity") or "", when)
            words[f"w{int(when.timestamp() * 1e9):x}{secrets.token_hex(3)}"] = word
        statements = list(record.statements) or ([record.statement] if record.statement
                                                  else [])
        kept = record_of(document)
        texts = {s.text for s in kept.statements} if kept is not None else set()
        for said in statements:
            if isinstance(said, dict) and said.get("text") and said["text"] not in texts:
                said = decode_value(said)
                statement = Statement(RemoteRequest(), {"text": said["text"]},
                                      said.get("by") or "", as_datetime(said.get("when")) or now())
                family = record_of(document, create=True)
                family.statements = (*family.statements, statement)

    def _path_here(self, document) -> str:
        names = []
        node = document
        while node is not None and node is not self.student:
            names.append(node.__name__)
            node = node.__parent__
        return "/".join(reversed(names))

    def _resolve(self, at: str):
        return resolve(self.student, at)


def _named(value, people: dict):
    """``value`` with the sending district's logins written as the people's names (a
    login there means nothing here, or someone else)."""
    if not people:
        return value
    if isinstance(value, str):
        return people.get(value, value)
    if isinstance(value, dict):
        return {key: _named(inner, people) for key, inner in value.items()}
    if isinstance(value, tuple):
        return tuple(_named(inner, people) for inner in value)
    if isinstance(value, list):
        return [_named(inner, people) for inner in value]
    return value


def _free_name(folder, name: str) -> str:
    name = "".join(c if c.isalnum() or c in "-." else "-" for c in name).strip("-.") or "item"
    return name if name not in folder else new_name(folder, name)


def _is_blob(value) -> bool:
    from ZODB.blob import Blob

    return isinstance(value, Blob)


def _entry(value) -> dict:
    """A log entry as the log keeps it: a dict with its "date" (a "$kind" tag dropped)."""
    entry = {k: v for k, v in value.items() if k != "$kind"} if isinstance(value, dict) else {}
    entry["date"] = as_date(entry.get("date")) or datetime.date.min
    return entry


__all__ = ["ImportResult", "MatchNeedsConfirmation", "import_backpack", "import_file",
           "match_student", "same_name_and_birth", "sender_student_id"]
