"""Each kind of document says which of its fields the index keeps: every field that holds
words is found by its words, and the values of its tag fields are its tags."""
from __future__ import annotations

import pytest
import transaction

from profilerepo.app import ROOT_KEY, database
from profilerepo.console import demo
from profilerepo.content.document import Document
from profilerepo.search.documents import all_documents, fields_of
from tests.conftest import file_uri
from tests.console.test_scripts import app_for, close


def words_of(value) -> list[str]:
    """The words a field's value holds, a line each (a row's on one line)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [", ".join(v for v in row.values() if isinstance(v, str) and v)
                if isinstance(row, dict) else row for row in value
                if isinstance(row, (dict, str))]
    return []


def kinds() -> list[type]:
    found, left = [], [Document]
    while left:
        kind = left.pop()
        left.extend(kind.__subclasses__())
        if kind is not Document:
            found.append(kind)
    return found


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.__name__)
def test_every_kind_of_document_declares_what_the_index_keeps(kind):
    assert "indexed_fields" in vars(kind) or any(
        "indexed_fields" in vars(base) for base in kind.__mro__[1:-1] if base is not Document)
    in_order = [name for name in kind.fields if name in kind.indexed_fields]
    assert list(kind.indexed_fields) == in_order  # (the words in the order of the fields)
    assert set(kind.tag_fields) <= set(kind.fields)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A small demo district: every kind of document, filled in as people fill them."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "site.ini"
    path.write_text("[app:main]\nuse = egg:profilerepo\n"
                    f"zodbconn.uri = {file_uri(folder)}\nprofilerepo.secret = test\n")
    demo.main([str(path), "--students", "12"])
    app = app_for(folder)
    manager = transaction.TransactionManager()
    conn = database(app.app.registry).open(manager)
    yield conn.root()[ROOT_KEY], app.app.registry.workflows
    manager.abort()
    conn.close()
    close(app)


def test_the_fields_a_document_leaves_out_of_the_index_hold_no_words(demo_site):
    """(So its indexed words are those of all its fields, in their order.)"""
    site, engine = demo_site
    seen = set()
    for document in all_documents(site):
        if getattr(document, "is_student", False):
            continue
        seen.add(type(document).__name__)
        for name in document.fields:
            if name not in document.indexed_fields + document.unsearched_fields:
                assert words_of(getattr(document, name, None)) == [], (document, name)
        entry = fields_of(engine, document)
        tags = [getattr(document, name, "") for name in ("area", "kind", "course", "term")]
        assert entry["tags"] == ",".join(t.replace(",", " ") for t in tags
                                         if isinstance(t, str) and t)
    # (the demo writes no progress reports: theirs are all their fields, see above)
    assert seen >= {"Narrative", "Plan", "Goal", "Profile", "Transcript", "PortfolioItem"}
