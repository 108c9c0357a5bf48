"""The base of every section document: versioned fields, a schema and a section ACL."""
from __future__ import annotations

import colander
from persistent import Persistent

from profilerepo.content.lineage import student_of
from profilerepo.content.versions import Versioned
from profilerepo.security.roles import InSection


class Document(InSection, Versioned, Persistent):
    """A versioned document in a student's folder.

    Subclasses name their ``section`` (which decides who may view and edit
    it), their ``fields`` and a colander ``schema`` class for their forms.
    """

    __name__: str | None = None
    __parent__ = None
    type_title = "Document"
    section = "student"
    schema: type[colander.Schema] = colander.MappingSchema
    # The workflows this kind of document follows (see profilerepo.workflow); their
    # states decide the permissions they manage, the section table the rest.
    workflow_chain: tuple[str, ...] = ()
    workflow_history: tuple = ()
    searchable = True  # kept in the full-text index (profilerepo.search)
    # What the index keeps of it: the fields whose words (a row's words too) it is found
    # by, and the fields whose values are its tags (say, a goal's area).
    indexed_fields: tuple[str, ...] = ()
    # Fields holding text that is not words anyone searches by (logins, identifiers, a
    # signed credential's JSON, an image): left out of the index on purpose.
    unsearched_fields: tuple[str, ...] = ()
    tag_fields: tuple[str, ...] = ()

    def __init__(self, values: dict, by: str, when=None) -> None:
        self.record(values, by, when)

    @property
    def title(self) -> str:
        return self.type_title

    @property
    def student(self):
        """The student whose folder holds this document."""
        return student_of(self)
