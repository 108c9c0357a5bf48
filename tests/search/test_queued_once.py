"""A document changed since it was indexed is found once, whichever way the search is
matched: the database answers for it, and the index's entry for it is set aside."""
from __future__ import annotations

import pytest

from tests.conftest import login, take
from tests.search.test_search import drain, key, queued, search, write_narrative


@pytest.mark.parametrize("text", ["quillwort", '"tide pool"', "tid*"])
def test_a_queued_document_is_counted_and_listed_once(world, text):
    wsgi, app = world.wsgi, world.app
    drain(wsgi)
    login(app, "theo")
    url = write_narrative(app, "Maya kept a quillwort beside the tide pool.")
    drain(wsgi)
    take(app, url, "submit")  # (queued again: the database decides for it now)
    assert key(url) in queued(wsgi)
    page = search(app, text)
    assert page.total == 1 and page.hits == [url]
    assert [f.count for f in page.facets["type"]] == [1]
