"""The portfolio: personal-best work and badges, files kept as ZODB blobs.

A file is accepted only when its bytes are one of the accepted kinds
(whatever the browser claimed) and it is within the size limit.
"""
from __future__ import annotations

from typing import BinaryIO

import colander
import deform.widget
from ZODB.blob import Blob

from profilerepo.content import fields
from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
from profilerepo.security.roles import InSection

ACCEPTED = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/gif": "GIF image",
    "text/plain": "plain text",
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_CHUNK = 64 * 1024


class UploadRefused(ValueError):
    """An uploaded file is too big or not an accepted kind."""


def sniff(head: bytes) -> str | None:
    """The content type the first bytes of a file show, or None if not accepted."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a cut multi-byte character at the end is fine
                return None
        return "text/plain"
    return None


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def store_file(stream: BinaryIO, max_bytes: int) -> tuple[Blob, str, int]:
    """Copy ``stream`` into a new blob, checking kind and size as it goes."""
    content_type = check_upload(stream, max_bytes) if hasattr(stream, "seek") else None
    head = stream.read(_CHUNK)
    content_type = content_type or sniff(head)
    if content_type is None:
        kinds = ", ".join(ACCEPTED.values())
        raise UploadRefused(f"This kind of file is not accepted. Upload one of: {kinds}.")
    blob = Blob()
    size = 0
    with blob.open("w") as out:
        chunk = head
        while chunk:
            size += len(chunk)
            if size > max_bytes:
                raise UploadRefused(
                    f"The file is larger than the limit of {human_size(max_bytes)}."
                )
            out.write(chunk)
            chunk = stream.read(_CHUNK)
    if size == 0:
        raise UploadRefused("The file is empty.")
    return blob, content_type, size


class MemoryTempStore(dict):
    """Holds an upload for one request (the web layer passes a store that lasts)."""

    def preview_url(self, uid: str) -> None:
        return None


@colander.deferred
def _file_widget(node, kw):
    return deform.widget.FileUploadWidget(kw.get("upload_store") or MemoryTempStore())


def check_upload(stream: BinaryIO, max_bytes: int) -> str:
    """The kind of an uploaded file, or ``UploadRefused``; the stream is rewound."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    head = stream.read(_CHUNK)
    stream.seek(0)
    if size == 0:
        raise UploadRefused("The file is empty.")
    if size > max_bytes:
        raise UploadRefused(
            f"The file is {human_size(size)}; the limit is {human_size(max_bytes)}."
        )
    content_type = sniff(head)
    if content_type is None:
        kinds = ", ".join(ACCEPTED.values())
        raise UploadRefused(f"This kind of file is not accepted. Upload one of: {kinds}.")
    return content_type


@colander.deferred
def _upload_validator(node, kw):
    max_bytes = kw.get("max_upload_bytes", DEFAULT_MAX_BYTES)

    def validate(node, value):
        if not value or value.get("fp") is None:
            return
        try:
            check_upload(value["fp"], max_bytes)
        except UploadRefused as refused:
            raise colander.Invalid(node, str(refused)) from None

    return validate


def _file_node(required: bool) -> colander.SchemaNode:
    return colander.SchemaNode(
        deform.FileData(),
        title="File",
        description="A PDF, image or plain-text file",
        widget=_file_widget,
        validator=_upload_validator,
        missing=colander.required if required else None,
    )


class PortfolioItemSchema(colander.MappingSchema):
    title = fields.text("Title", required=True, max_length=200)
    kind = fields.choice("Kind", [("work", "Work I am proud of"), ("badge", "Badge")])
    description = fields.text("What it is", rows=3, max_length=2000)
    reflection = fields.text("Reflection", rows=4, max_length=4000,
                             description="In the student's words: what this shows")
    upload = _file_node(required=True)


class PortfolioItemEditSchema(PortfolioItemSchema):
    upload = _file_node(required=False)


class PortfolioItem(Document):
    """A piece of work (or a badge) with its file and the student's reflection."""

    type_title = "Portfolio item"
    section = "portfolio"
    workflow_chain = ("sharing",)
    schema = PortfolioItemSchema
    edit_schema = PortfolioItemEditSchema
    # (the "chosen_" fields: a teacher chose it for the student's next teacher, with a
    # note; ``badges.next_teacher`` sets them, and they travel with the item's fields,
    # the chooser's name too: at a new school their login names nobody)
    fields = ("title", "kind", "description", "reflection", "filename", "content_type", "size",
              "file", "chosen_for_next", "chosen_note", "chosen_by", "chosen_by_name",
              "chosen_at")
    indexed_fields = ("title", "kind", "description", "reflection", "filename", "content_type",
                      "chosen_note")
    unsearched_fields = ("chosen_by", "chosen_by_name")
    tag_fields = ("kind",)
    title = kind = description = reflection = filename = content_type = ""
    size = 0
    file: Blob | None = None
    chosen_for_next = False
    chosen_note = chosen_by = chosen_by_name = ""
    chosen_at = None

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Portfolio(InSection, Folder):
    section = "portfolio"
    title = "Portfolio"
    item_type = PortfolioItem
