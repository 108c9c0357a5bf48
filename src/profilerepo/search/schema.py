"""What the index keeps for each document, as whoosh fields, and which of them a search
asks: the words (``TEXT_FIELDS``) and the facets counted (``FACET_FIELDS``)."""
from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StemmingAnalyzer

SCHEMA = fields.Schema(
    path=fields.ID(stored=True, unique=True),
    type=fields.ID(stored=True, sortable=True),
    title=fields.TEXT(stored=True, analyzer=StemmingAnalyzer(), field_boost=2.0),
    body=fields.TEXT(analyzer=StemmingAnalyzer()),
    student=fields.ID(stored=True),
    student_name=fields.TEXT(stored=True),
    school=fields.ID(stored=True, sortable=True),
    grade=fields.ID(stored=True, sortable=True),
    state=fields.ID(stored=True, sortable=True),
    tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
    modified=fields.DATETIME(stored=True, sortable=True),
    creator=fields.ID(stored=True),
    viewers=fields.KEYWORD(stored=True),  # principals who may view it now
    signature=fields.ID(stored=True),  # what was indexed, to find stale entries
)

FACET_FIELDS = ("type", "state", "school", "grade")
TEXT_FIELDS = ("title", "body", "student_name", "tags")  # what a query's words search
