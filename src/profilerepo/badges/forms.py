"""The forms of badges and of choosing work for the next teacher: award, receive, revoke,
choose. Each bad field says what to fix, in plain words."""
from __future__ import annotations

import base64
import re

import colander
import deform.widget

from profilerepo.badges.credential import ccss_url
from profilerepo.badges.receiving import MAX_CREDENTIAL_BYTES
from profilerepo.content import fields
from profilerepo.content.portfolio import MemoryTempStore, sniff

MAX_IMAGE_BYTES = 256 * 1024  # (kept inside the credential, so it stays small)
IMAGE_KINDS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF"}


@colander.deferred
def _file_widget(node, kw):
    return deform.widget.FileUploadWidget(kw.get("upload_store") or MemoryTempStore())


def _select(key: str):
    @colander.deferred
    def widget(node, kw):
        return deform.widget.SelectWidget(values=[("", "- choose -"), *kw.get(key, ())])
    return widget


def _one_of(key: str):
    @colander.deferred
    def validator(node, kw):
        return fields.one_of(value for value, _ in kw.get(key, ()))
    return validator


def read_upload(value, limit: int) -> bytes | None:
    """The bytes of an uploaded file (None when none was chosen), at most ``limit``."""
    if not value or value.get("fp") is None:
        return None
    stream = value["fp"]
    stream.seek(0)
    data = stream.read(limit + 1)
    stream.seek(0)
    return data


def image_data_uri(data: bytes) -> str:
    """A small image as a data: URI, kept inside the credential (it travels with it)."""
    kind = sniff(data[:16])
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def _check_image(node, value) -> None:
    data = read_upload(value, MAX_IMAGE_BYTES)
    if data is None:
        return
    if len(data) > MAX_IMAGE_BYTES:
        raise colander.Invalid(node, "The image is larger than 256 KB; choose a smaller one.")
    if sniff(data[:16]) not in IMAGE_KINDS:
        raise colander.Invalid(node, "The image must be a PNG, JPEG or GIF file.")


# A standard's code: letters and digits joined by dots, dashes, colons or slashes
# (CCSS.ELA-LITERACY.W.4.1, MS-PS1-1, TEKS:110.5(b)(1) without the brackets).
_CODE = re.compile(r"^[A-Za-z0-9]+(?:[.\-_:/][A-Za-z0-9]+)*$")


def _award_checks(form: colander.SchemaNode, value: dict) -> None:
    error = colander.Invalid(form)
    code, url = value.get("alignment_code", "").strip(), value.get("alignment_url", "")
    if code and not _CODE.match(code):
        error["alignment_code"] = ("This is not a standard's code: give it as the framework "
                                   "writes it, letters and numbers joined by dots or dashes, "
                                   "such as CCSS.ELA-LITERACY.W.4.1")
    elif code and not (url or ccss_url(code)):
        error["alignment_url"] = ("Give a link to the standard (it is filled in for Common "
                                  "Core codes such as CCSS.ELA-LITERACY.W.4.1)")
    if url and not url.startswith(("https://", "http://")):
        error["alignment_url"] = "Give the link as a web address starting with https://"
    if (url or value.get("alignment_framework")) and not code:
        error["alignment_code"] = "Give the standard's code, or leave the standard blank"
    if value.get("image_item") and read_upload(value.get("image_upload"), 1):
        error["image_upload"] = "Choose one image: from the portfolio, or a new one"
    today = form.bindings.get("today") if form.bindings else None
    until = value.get("valid_until")
    if until and today and until < today:
        error["valid_until"] = "That day is already past: the badge would not be valid"
    if error.children:
        raise error


class AwardSchema(colander.MappingSchema):
    """An Achievement and the work that shows it was earned."""

    name = fields.text("Badge name", required=True, max_length=200,
                       description="For example: Persuasive writer")
    description = fields.text("What it recognizes", required=True, rows=3, max_length=2000)
    criteria = fields.text("How it is earned", required=True, rows=3, max_length=4000,
                           description="What the student did to earn it")
    evidence = colander.SchemaNode(
        colander.String(), title="Evidence",
        description="The piece of portfolio work that shows it",
        widget=_select("evidence_choices"), validator=_one_of("evidence_choices"))
    alignment_code = fields.text(
        "Standard's code (optional)", max_length=200,
        description="For example CCSS.ELA-LITERACY.W.4.1")
    alignment_framework = fields.text(
        "Framework (optional)", max_length=200,
        description="For example: Common Core State Standards")
    alignment_url = fields.text(
        "Link to the standard (optional)", max_length=500,
        description="Filled in for Common Core codes")
    image_item = colander.SchemaNode(
        colander.String(), title="Image from the portfolio (optional)", missing="",
        widget=_select("image_choices"), validator=_one_of("image_choices"))
    image_upload = colander.SchemaNode(
        deform.FileData(), title="Or upload an image (optional)",
        description="A PNG, JPEG or GIF of at most 256 KB", widget=_file_widget,
        validator=_check_image, missing=None)
    valid_until = fields.date("Valid until (optional)", required=False,
                              description="Leave blank for a badge that does not expire")

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_award_checks, **kw)


def _one_credential(form: colander.SchemaNode, value: dict) -> None:
    uploaded = read_upload(value.get("upload"), MAX_CREDENTIAL_BYTES) is not None
    pasted = bool(value.get("pasted", "").strip())
    if uploaded == pasted:
        error = colander.Invalid(form)
        error["upload"] = ("Choose the badge's file, or paste the badge's code below"
                           if not uploaded else "Choose a file or paste a code, not both")
        raise error


class ReceiveSchema(colander.MappingSchema):
    """A badge from elsewhere: its file (JSON), or its code (a VC-JWT) pasted."""

    upload = colander.SchemaNode(
        deform.FileData(), title="The badge's file",
        description="The file the school, club or course sent with the badge (it often "
                    "ends in .json)",
        widget=_file_widget, missing=None)
    pasted = fields.text("Or paste the badge's code", rows=4,
                         max_length=MAX_CREDENTIAL_BYTES,
                         description="Some issuers give a badge as a long code instead of "
                                     "a file: three parts separated by dots")

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_one_credential, **kw)


class RevokeSchema(colander.MappingSchema):
    reason = fields.text("Why is it revoked?", required=True, rows=3, max_length=1000,
                         description="Kept with the badge; the family sees it")


class RemoveSchema(colander.MappingSchema):
    """Removing a badge from elsewhere asks nothing but the confirmation (the button)."""


class ChooseSchema(colander.MappingSchema):
    note = fields.text("Note for the next teacher", required=True, rows=4, max_length=1000,
                       description="What this piece shows about the student, and why it "
                                   "matters for next year")
