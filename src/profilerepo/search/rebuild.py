"""Rebuilding the index from the database, and checking it against the database.

``check`` compares every document's signature (what would be indexed for it
now) with the index's; ``repair`` fixes exactly what ``check`` found.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field

from whoosh.query import Or, Term

from profilerepo.search.documents import all_documents, fields_of
from profilerepo.search.index import REBUILDING, SearchIndex
from profilerepo.search.queue import queue_of
from profilerepo.search.whoosh_compat import install
from profilerepo.workflow.index import path_of

BATCH = 1000


@dataclass
class Report:
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    extra: list[str] = field(default_factory=list)    # in the index, not in the database
    stale: list[str] = field(default_factory=list)    # indexed as it was, not as it is

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def rebuild(site, engine, search_index, progress=None, procs: int = 1) -> int:
    """Index every document afresh, in a folder beside the index, and put it in the
    index's place once complete: a rebuild stopped part-way leaves the old index as it
    was. Queue entries older than the rebuild are dropped. Returns the number of
    documents indexed. (Run with no server using the index.)"""
    install()  # (run from a command, without the app)
    started = time.time()
    beside = search_index.folder.with_name(search_index.folder.name + REBUILDING)
    if beside.exists():  # (what a rebuild stopped part-way left)
        shutil.rmtree(beside)
    fresh = SearchIndex(beside)
    writer = fresh.writer(procs=procs)
    count = 0
    try:
        for document in all_documents(site, progress):
            writer.add_document(**fields_of(engine, document))
            count += 1
    except BaseException:
        writer.cancel()
        fresh.close()
        shutil.rmtree(beside, ignore_errors=True)
        raise
    writer.commit()
    fresh.close()
    search_index.replace_with(beside)
    queue = queue_of(site)
    if queue is not None:
        queue.done([(p, s) for p, s in queue.items() if s < started])
    return count


def signatures(site, engine, progress=None) -> dict[str, str]:
    return {path_of(document): fields_of(engine, document)["signature"]
            for document in all_documents(site, progress)}


def check(site, engine, search_index, progress=None) -> Report:
    """What the index lacks, holds in excess, or holds out of date."""
    wanted = signatures(site, engine, progress)
    held = {f["path"]: f.get("signature", "")
            for f in search_index.searcher().all_stored_fields()}
    return Report(missing=sorted(wanted.keys() - held.keys()),
                  extra=sorted(held.keys() - wanted.keys()),
                  stale=sorted(p for p in wanted.keys() & held.keys() if wanted[p] != held[p]))


def repair(site, engine, search_index, report: Report) -> int:
    """Fix exactly what ``report`` lists; returns how many entries changed."""
    from profilerepo.workflow.index import resolve

    gone, add = report.extra + report.stale, report.missing + report.stale
    writer = search_index.writer()
    try:
        for start in range(0, len(gone), BATCH):
            writer.delete_by_query(Or([Term("path", p) for p in gone[start:start + BATCH]]))
        for path in add:
            document = resolve(site, path)
            if document is not None:
                writer.add_document(**fields_of(engine, document))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return len(set(gone) | set(add))
