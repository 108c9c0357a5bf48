"""Each private whoosh name search relies on is there in the installed whoosh, and the
start-up check says plainly what is missing when one is not (a whoosh upgrade: read
search/whoosh_compat.py, run this file)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import whoosh
from whoosh.codec import whoosh3

from profilerepo.search import whoosh_compat
from profilerepo.search.whoosh_compat import PRIVATE_NAMES, WhooshMismatch

SRC = Path(whoosh_compat.__file__).parents[1]


@pytest.mark.parametrize("private", PRIVATE_NAMES, ids=lambda p: f"{p.owner}.{p.name}")
def test_each_private_name_is_in_the_installed_whoosh(private):
    assert private not in whoosh_compat.missing_names()


def test_the_installed_whoosh_passes_the_start_up_check():
    whoosh_compat.check()
    whoosh_compat.install()
    whoosh_compat.install()  # (twice is once)
    assert whoosh3.W3PerDocReader.has_column.__module__ == whoosh_compat.__name__


def test_another_whoosh_version_is_refused_naming_both(monkeypatch):
    monkeypatch.setattr(whoosh, "__version__", (2, 8, 0))
    with pytest.raises(WhooshMismatch, match=r"2\.7\.5, not the installed 2\.8\.0"):
        whoosh_compat.check()


def test_a_missing_private_name_is_named(monkeypatch):
    monkeypatch.delattr(whoosh3.W3LeafMatcher, "_next_block")
    with pytest.raises(WhooshMismatch, match=r"W3LeafMatcher\._next_block \(moves on"):
        whoosh_compat.check()


def test_no_private_whoosh_name_is_used_outside_the_compatibility_module():
    """(In search/ and in every module that imports whoosh; an object's own
    ``self._count`` is not whoosh's.)"""
    names = "|".join(sorted({re.escape(p.name) for p in PRIVATE_NAMES} - {"has_column"}))
    used = re.compile(
        rf"(?<!self)\.(?:{names})\b|\b(?:{names})\(|[\"'](?:{names})[\"']|has_column")
    speaking = [path for path in SRC.rglob("*.py") if path.name != "whoosh_compat.py"
                and ("whoosh" in path.read_text() or path.parent.name == "search")]
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}" for path in speaking
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if used.search(line)]
    assert "search/index.py" in {str(p.relative_to(SRC)) for p in speaking}
    assert found == []


def test_importing_search_patches_nothing():
    """(The patch is applied at start-up, by includeme or the indexer, not at import.)"""
    code = ("import profilerepo.search.index, profilerepo.search.query, "
            "profilerepo.search.indexer, profilerepo.search.rebuild\n"
            "from whoosh.codec.whoosh3 import W3PerDocReader as R\n"
            "assert R.has_column.__module__.startswith('whoosh'), R.has_column.__module__\n")
    subprocess.run([sys.executable, "-c", code], check=True)
