"""Teachers' narrative feedback: what a teacher saw, in words."""
from __future__ import annotations

import colander

from profilerepo.content import fields
from profilerepo.content.document import Document
from profilerepo.content.folder import Folder
from profilerepo.security.roles import InSection


class NarrativeSchema(colander.MappingSchema):
    title = fields.text("Title", required=True, max_length=200)
    term = fields.text("Term", required=True, max_length=40)
    course = fields.text("Course or subject", required=True, max_length=120)
    body = fields.text("Feedback", required=True, rows=12, max_length=20000,
                       description="Lead with strengths; then growth areas and next steps")


class Narrative(Document):
    """One narrative by one teacher; its author is its creator. Who may see it follows
    its state in the narrative-review workflow (families only once it is shared)."""

    type_title = "Narrative"
    workflow_chain = ("narrative-review",)
    section = "narratives"
    schema = NarrativeSchema
    fields = ("title", "term", "course", "body")
    indexed_fields = fields
    tag_fields = ("course", "term")
    title = term = course = body = ""


class Narratives(InSection, Folder):
    section = "narratives"
    title = "Narrative feedback"
    item_type = Narrative
