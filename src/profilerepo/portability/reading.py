"""Opening a backpack and checking everything in it before anything is written: the
signed manifest, the digest of its table of contents, every entry's digest and size, the
CLR and the badges in it. A file that fails any check is refused, naming the problem.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, BinaryIO

MANIFEST = "backpack.json"
CONTENTS = "contents.json"
CLR = "clr.json"
FORMAT = "profilerepo-backpack/1"
BACKPACK_TYPE = "ProfileRepoBackpack"
STUDENT_PREFIX = "urn:profilerepo:student:"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a backpack may hold at most: a bigger one is refused before it is unpacked
    (a small file that unpacks to gigabytes must not fill the disk or the memory)."""

    entries: int = 20_000
    entry_bytes: int = 200 * 1024 * 1024      # one file
    total_bytes: int = 2 * 1024 * 1024 * 1024  # everything, unpacked
    json_bytes: int = 20 * 1024 * 1024         # one JSON entry (read into memory)
    ratio: int = 200                           # unpacked / packed, for entries over 1 MB


LIMITS = Limits()


class BackpackRefused(ValueError):
    """The backpack cannot be imported; the message says why, in plain words."""


@dataclass
class VerifiedBackpack:
    """A backpack whose signatures and digests all checked out. Its files are read from
    the ZIP again when imported, and checked again as they are read."""

    source: str
    manifest: dict
    contents: dict
    documents: dict[str, dict]          # zip path -> the document's JSON
    clr: dict | None
    digest: str                         # sha256 of contents.json: this backpack's identity
    issuer_id: str
    issuer_name: str
    signed: datetime.datetime | None
    sizes: dict[str, tuple[str, int]] = field(default_factory=dict)  # path -> (sha, size)
    # each badge document's credential checked here: entry -> (verified, why not)
    badges: dict[str, tuple[bool, str]] = field(default_factory=dict)
    _zip: zipfile.ZipFile | None = None

    @property
    def student(self) -> dict:
        return self.contents.get("student") or {}

    @property
    def withheld(self) -> bool:
        return bool(self.contents.get("withheld"))

    @property
    def file_count(self) -> int:
        return sum(1 for path in self.sizes if path.startswith("files/"))

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.sizes.values())

    def read_file(self, path: str) -> bytes:
        """The bytes of the entry ``path``, checked again against its digest."""
        out = io.BytesIO()
        self.copy_file(path, out)
        return out.getvalue()

    def copy_file(self, path: str, out: IO[bytes]) -> int:
        """Copy the entry ``path`` into ``out``, checking its digest and size as it goes
        (the file could have changed on disk since it was verified)."""
        if path not in self.sizes or self._zip is None:
            raise BackpackRefused(f"{path} is not in the backpack")
        sha, size = self.sizes[path]
        digest, copied = hashlib.sha256(), 0
        with _open_entry(self._zip, path) as stream:
            for chunk in iter(lambda: stream.read(_CHUNK), b""):
                digest.update(chunk)
                copied += len(chunk)
                if copied > size:
                    break
                out.write(chunk)
        if copied != size or digest.hexdigest() != sha:
            raise BackpackRefused(f"{path} was changed after it was signed")
        return copied

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None


KeyFor = Callable[[str], object]


def verify_backpack_file(source: str | os.PathLike | BinaryIO, trust, *,
                         contexts=None, limits: Limits = LIMITS,
                         today: datetime.date | None = None,
                         progress: Callable[[int, int, str], None] | None = None,
                         require_trusted: bool = True) -> VerifiedBackpack:
    """Check every signature and digest of the backpack at ``source`` (a path or a
    seekable binary stream) against ``trust`` (the trusted issuers: ``is_trusted(id)`` and
    ``key_for(verification method)``, or just a ``key_for`` callable); return what it
    holds, or raise ``BackpackRefused``. Nothing is written anywhere. ``progress(done,
    total, entry)`` is told of each entry whose digest was checked. Without
    ``require_trusted`` (the verifier anyone runs) a signer off the trusted list is checked
    with the key given for it too; an import always requires a trusted one."""
    archive = _open_zip(source)
    try:
        return _verify(archive, _name_of(source), trust, contexts, limits, today, progress,
                       require_trusted)
    except BackpackRefused:
        archive.close()
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        archive.close()  # (a damaged entry found while reading it)
        raise BackpackRefused(f"The file is damaged: {_plain(error)}.") from None


def _name_of(source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", "") or "upload"


def _open_zip(source) -> zipfile.ZipFile:
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as probe:
                head = probe.read(4)
        else:
            source.seek(0)
            head = source.read(4)
            source.seek(0)
        return zipfile.ZipFile(source)
    except FileNotFoundError:
        raise BackpackRefused(f"There is no file {_name_of(source)}.") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        if head.startswith(b"PK"):
            raise BackpackRefused("The file is cut short (not a complete ZIP).") from None
        raise BackpackRefused("This is not a backpack file (not a ZIP file).") from None


def _verify(archive: zipfile.ZipFile, source: str, trust, contexts, limits: Limits,
            today, progress, require_trusted: bool = True) -> VerifiedBackpack:
    infos = _checked_infos(archive, limits)
    if MANIFEST not in infos:
        raise BackpackRefused("The file is not signed: it has no backpack.json.")
    if CONTENTS not in infos:
        raise BackpackRefused("The file has no contents.json (its table of contents).")
    manifest = _json_entry(archive, infos[MANIFEST], limits)
    issuer_id, issuer_name = _check_manifest(manifest, trust, contexts, require_trusted)
    raw_contents = _read_small(archive, infos[CONTENTS], limits)
    digest = hashlib.sha256(raw_contents).hexdigest()
    subject = manifest.get("credentialSubject") or {}
    if subject.get("contentsDigest") != digest:
        raise BackpackRefused("contents.json was changed after it was signed.")
    contents = _parse_json(raw_contents, CONTENTS)
    if not isinstance(contents, dict) or contents.get("format") != FORMAT:
        raise BackpackRefused("contents.json is not a backpack's table of contents "
                              f"(its format is not {FORMAT}).")
    if (contents.get("issuer") or {}).get("id") != issuer_id:
        raise BackpackRefused("contents.json names another issuer than the signature.")
    sizes = _check_entries(archive, infos, contents, progress)
    documents = {}
    for path in sorted(sizes):
        if path.startswith("documents/"):
            document = _json_entry(archive, infos[path], limits)
            if not isinstance(document, dict):
                raise BackpackRefused(f"{path} is not a document.")
            _check_values(path, document, sizes)
            documents[path] = document
    clr, checked = None, []
    if CLR in sizes:
        clr = _json_entry(archive, infos[CLR], limits)
        checked = _check_clr(clr, trust, issuer_id, today)
    badges = {path: _check_badge(path, document, trust, today, checked)
              for path, document in documents.items() if document.get("kind") == "Badge"}
    return VerifiedBackpack(
        source=source, manifest=manifest, contents=contents, documents=documents, clr=clr,
        digest=digest, issuer_id=issuer_id, issuer_name=issuer_name,
        signed=_signed_at(manifest), sizes=sizes, badges=badges, _zip=archive)


def _checked_infos(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """The entries by name, refusing too many, too big, packed too tightly, doubled or
    named outside the backpack's folders."""
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise BackpackRefused(f"The file holds {len(infos)} entries; a backpack holds at "
                              f"most {limits.entries}.")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if info.is_dir():
            continue
        parts = PurePosixPath(name).parts
        if name.startswith("/") or "\\" in name or ".." in parts or not parts:
            raise BackpackRefused(f"The file holds an entry with an unsafe name: {name!r}.")
        if name in found:
            raise BackpackRefused(f"The file holds {name} twice.")
        if info.file_size > limits.entry_bytes:
            raise BackpackRefused(f"{name} is too large ({info.file_size} bytes; the limit "
                                  f"is {limits.entry_bytes}).")
        if (info.file_size > 1024 * 1024
                and info.file_size > limits.ratio * max(info.compress_size, 1)):
            raise BackpackRefused(f"{name} unpacks to far more than it takes packed "
                                  "(a ZIP bomb?).")
        total += info.file_size
        if total > limits.total_bytes:
            raise BackpackRefused(f"The file unpacks to more than {limits.total_bytes} "
                                  "bytes, the limit for a backpack.")
        found[name] = info
    return found


def _open_entry(archive: zipfile.ZipFile, name: str):
    try:
        return archive.open(name)
    except KeyError:
        raise BackpackRefused(f"{name} is missing from the file.") from None


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    if info.file_size > limits.json_bytes:
        raise BackpackRefused(f"{info.filename} is too large to be read "
                              f"({info.file_size} bytes).")
    with archive.open(info) as stream:
        data = stream.read(limits.json_bytes + 1)
    if len(data) > limits.json_bytes:
        raise BackpackRefused(f"{info.filename} is larger than its entry says.")
    return data


def _parse_json(data: bytes, name: str):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BackpackRefused(f"{name} is not valid JSON ({_plain(error)}).") from None


def _json_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits):
    return _parse_json(_read_small(archive, info, limits), info.filename)


def _check_manifest(manifest, trust, contexts, require_trusted: bool = True
                    ) -> tuple[str, str]:
    """The signer's id and name, once the manifest's proof verified with the key of a
    trusted issuer."""
    if not isinstance(manifest, dict) or BACKPACK_TYPE not in _types(manifest):
        raise BackpackRefused("backpack.json is not a backpack's signed manifest.")
    proof = manifest.get("proof")
    if not proof:
        raise BackpackRefused("The file is not signed: backpack.json has no proof.")
    if not isinstance(proof, dict):
        raise BackpackRefused("backpack.json's proof is not one signature.")
    issuer = manifest.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    issuer_name = (issuer.get("name") if isinstance(issuer, dict) else "") or issuer_id
    if not isinstance(issuer_id, str) or not issuer_id:
        raise BackpackRefused("backpack.json names no issuer.")
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or method.split("#", 1)[0] != issuer_id:
        raise BackpackRefused(f"backpack.json is signed with a key ({method}) that does not "
                              f"belong to its issuer {issuer_id}.")
    is_trusted = getattr(trust, "is_trusted", None)
    if require_trusted and is_trusted is not None and not is_trusted(issuer_id):
        raise BackpackRefused(f"The file is signed by {issuer_id}, which is not a trusted "
                              "district.")
    key_for: KeyFor = getattr(trust, "key_for", trust)
    try:
        key = key_for(method)
    except LookupError as error:  # (credentials.trust.KeyNotFound says which key, why)
        raise BackpackRefused(f"The signature of {issuer_id} cannot be checked: "
                              f"{_plain(error)}.") from None
    if key is None:
        raise BackpackRefused(f"The file is signed by {issuer_id}, which is not a trusted "
                              f"district (no trusted key {method}).")
    from profilerepo.credentials.proofs import ProofError, verify

    try:
        verify(manifest, key, contexts if contexts is not None else _contexts_of(trust))
    except ProofError as error:
        raise BackpackRefused(f"backpack.json was changed after it was signed, or not "
                              f"signed by {issuer_id} ({_plain(error)}).") from None
    except Exception as error:  # noqa: BLE001 (pyld raises its own kinds: refuse, never 500)
        raise BackpackRefused(f"backpack.json cannot be checked: {_plain(error)}.") from None
    return issuer_id, issuer_name


def _contexts_of(trust):
    contexts = getattr(trust, "contexts", None) or getattr(
        getattr(trust, "issuer", None), "contexts", None)
    if contexts is None:
        raise BackpackRefused("No JSON-LD contexts to check the signature with.")
    return contexts


def _types(document: dict) -> list:
    kind = document.get("type")
    return kind if isinstance(kind, list) else [kind]


def _check_entries(archive: zipfile.ZipFile, infos: dict, contents: dict,
                   progress) -> dict[str, tuple[str, int]]:
    """Every entry the table of contents lists is there with its digest and size, and
    the ZIP holds nothing it does not list."""
    listed = contents.get("entries")
    if not isinstance(listed, list):
        raise BackpackRefused("contents.json lists no entries.")
    sizes: dict[str, tuple[str, int]] = {}
    for item in listed:
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise BackpackRefused("contents.json has an entry without a path.")
        path, sha, size = item["path"], item.get("sha256"), item.get("size")
        if not isinstance(sha, str) or not isinstance(size, int) or size < 0:
            raise BackpackRefused(f"contents.json lists {path} without its digest or size.")
        if path in (MANIFEST, CONTENTS) or path in sizes:
            raise BackpackRefused(f"contents.json lists {path} twice.")
        if path not in infos:
            raise BackpackRefused(f"{path} is missing from the file.")
        sizes[path] = (sha.lower(), size)
    extra = sorted(set(infos) - set(sizes) - {MANIFEST, CONTENTS})
    if extra:
        raise BackpackRefused(f"The file holds {extra[0]}, which its signed contents do not "
                              "list.")
    for done, (path, (sha, size)) in enumerate(sizes.items(), 1):
        info = infos[path]
        if info.file_size != size:
            raise BackpackRefused(f"{path} was changed after it was signed (its size "
                                  "differs).")
        if path.startswith("files/") and path != f"files/{sha}":
            raise BackpackRefused(f"{path} is not named by its digest.")
        if _digest_of(archive, info) != sha:
            raise BackpackRefused(f"{path} was changed after it was signed.")
        if progress is not None:
            progress(done, len(sizes), path)
    return sizes


def _digest_of(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest, read = hashlib.sha256(), 0
    with archive.open(info) as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            read += len(chunk)
            if read > info.file_size:
                raise BackpackRefused(f"{info.filename} is larger than its entry says.")
            digest.update(chunk)
    return digest.hexdigest()


def _check_values(path: str, document: dict, sizes: dict) -> None:
    """The document has every part a document has, each of its values is of a known type,
    and the files it refers to are in the backpack."""
    from profilerepo.portability.format import DocumentRecord, FormatError, decode_value

    try:
        record = DocumentRecord.from_json(document)
        for key, value in record.values.items():
            try:
                decode_value(value)
            except FormatError as error:
                raise FormatError(f"the field {key} holds an {_plain(error)}") from None
        decode_value([record.logs, record.links, record.family_words, record.statements,
                      record.statement])
    except FormatError as error:
        raise BackpackRefused(f"{path}: {_plain(error)}.") from None
    for ref in _file_refs(document):
        if ref not in sizes:
            raise BackpackRefused(f"{path} refers to {ref}, which is not in the file.")


def _file_refs(value) -> Iterator[str]:
    """Every "files/<sha>" a document's JSON refers to."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "$file" and isinstance(inner, str):
                yield inner
            else:
                yield from _file_refs(inner)
        files = value.get("files")
        if isinstance(files, dict):
            yield from (ref for ref in files.values() if isinstance(ref, str))
    elif isinstance(value, list):
        for inner in value:
            yield from _file_refs(inner)


def _parsed_or_none(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _check_clr(clr, trust, issuer_id: str, today) -> list:
    """The CLR verifies, signed by the backpack's own issuer, with each credential in it
    (returned: the badges among them, checked)."""
    from profilerepo.credentials.verify import verify_credential  # (it imports this module)

    if not isinstance(clr, dict):
        raise BackpackRefused("clr.json is not a credential.")
    # (the verifier checks each credential inside the CLR too: a badge that fails is named)
    verdict = verify_credential(clr, trust, today=today)
    if not verdict.valid:
        inner = re.match(r"embedded credential (\d+) \([^)]*\): (.*)", verdict.reason)
        if inner:  # (name the badge, in words: "… was revoked by its issuer")
            credentials = (clr.get("credentialSubject") or {}).get("verifiableCredential")
            named = credentials[int(inner.group(1)) - 1] if isinstance(
                credentials, list) and len(credentials) >= int(inner.group(1)) else {}
            name = named.get("name") if isinstance(named, dict) else None
            raise BackpackRefused(f"The badge “{name or 'without a name'}” in clr.json "
                                  f"{_badge_reason(inner.group(2))}; the file cannot be "
                                  "imported while it claims it.")
        raise BackpackRefused(f"clr.json does not verify: {verdict.reason}")
    if verdict.issuer_id != issuer_id:
        raise BackpackRefused(f"clr.json is signed by {verdict.issuer_id}, not by the "
                              f"district that signed the backpack ({issuer_id}).")
    inner = (clr.get("credentialSubject") or {}).get("verifiableCredential")
    return [c for c in inner if isinstance(c, dict) and c.get("proof")] if isinstance(
        inner, list) else []


def _check_badge(path: str, document: dict, trust, today,
                 checked: list) -> tuple[bool, str]:
    """A badge in the backpack is checked as its own issuer signed it: changed, expired or
    revoked refuses the whole file, naming the badge; an issuer whose keys cannot be had
    here (no trusted address) leaves it "not verified here", with the reason."""
    from profilerepo.credentials.verify import verify_credential  # (it imports this module)

    values = document.get("values") if isinstance(document.get("values"), dict) else {}
    text, name = values.get("credential"), values.get("name") or document.get("title")
    if not isinstance(text, str) or not text.strip():
        raise BackpackRefused(f"{path} is a badge without its credential.")
    if _parsed_or_none(text) in checked:
        return True, ""  # (the very credential the CLR holds, checked with it just now)
    verdict = verify_credential(text, trust, today=today)
    if verdict.valid:
        return True, ""
    if verdict.reason.startswith("key:"):
        return False, verdict.reason
    raise BackpackRefused(f"The badge “{name or 'without a name'}” ({path}) "
                          f"{_badge_reason(verdict.reason)}; the file cannot be imported "
                          "while it claims it.")


def _badge_reason(reason: str) -> str:
    """The verifier's reason about a badge as the end of a sentence naming it."""
    if reason.startswith("dates: expired on"):
        return "expired on " + reason.removeprefix("dates: expired on ").split(" (")[0]
    if reason.startswith("status: revoked"):
        return "was revoked by its issuer"
    if reason.startswith("status: suspended"):
        return "is suspended by its issuer"
    return f"does not verify ({reason})"


def _signed_at(manifest: dict) -> datetime.datetime | None:
    for when in ((manifest.get("proof") or {}).get("created"), manifest.get("validFrom")):
        if isinstance(when, str):
            try:
                return datetime.datetime.fromisoformat(when.replace("Z", "+00:00"))
            except ValueError:
                continue
    return None


def _plain(error: BaseException) -> str:
    """An error's own words, without the traceback or the class name."""
    text = str(error.args[0]) if getattr(error, "args", None) else str(error)
    return text.rstrip(".") or "no details"
