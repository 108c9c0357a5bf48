"""Writing the index: one batch in one commit (its old entries deleted, the new added,
segments merged as ``merging`` says), in this process or a writer process of its own."""
from __future__ import annotations

import threading
from pathlib import Path

from profilerepo.search.index import SearchIndex
from profilerepo.search.merging import merge_tiers, needs_merging
from profilerepo.search.segments import SegmentCache
from profilerepo.search.whoosh_compat import install, table_of_contents


def write_batch(search_index: SearchIndex, paths: list[str], entries: list[dict],
                merge: bool = True) -> None:
    """One batch in one commit: the paths' old entries deleted in one query, ``entries``
    added, and (unless ``merge`` is false) segments merged as ``merging`` says, so
    that their number stays bounded whatever the rate of commits."""
    writer = search_index.writer()
    try:
        _delete_paths(writer, paths, search_index.segments)
        for entry in entries:
            writer.add_document(**entry)
    except BaseException:
        writer.cancel()
        raise
    if merge:
        writer.commit(mergetype=merge_tiers)
    else:
        writer.commit(merge=False)


def tidy(search_index: SearchIndex) -> bool:
    """Merge segments if ``merging`` says they are too many (an index left fragmented
    by an older version, say), in a commit of its own; returns whether it merged."""
    if not needs_merging(table_of_contents(search_index.ix).segments):
        return False
    writer = search_index.writer()
    writer.commit(mergetype=merge_tiers)
    return True


def _delete_paths(writer, paths: list[str], cache: SegmentCache) -> None:
    """Delete the live entries of ``paths``, asking only the segments that hold them.
    (whoosh's delete_by_query looks every path up in every segment's term table: 0.8 s
    for a batch of 2,000 new documents over 28 segments.)"""
    wanted = {path.encode("utf-8") for path in paths}
    searcher = writer.searcher()
    try:
        live = set()
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue
            live.add(reader.segment().segment_id())
            for path in cache.path_set(reader) & wanted:
                for number in reader.postings("path", path).all_ids():
                    if not reader.is_deleted(number):
                        writer.delete_document(offset + number)
        cache.forget_path_sets(live)
    finally:
        searcher.close()


class IndexingFailed(RuntimeError):
    """The writer process could not index a batch (the message says why)."""


class WriterProcess:
    """whoosh's writing in a child process of its own.

    whoosh is pure Python: in the server, its indexing would take turns under one GIL
    with the threads answering requests, and under a steady search load the indexer
    thread would get few turns. In a child process it has a core to itself; the server
    only reads the queue, works out each document's fields and waits (without the GIL)
    for the child's answer.
    """

    def __init__(self, folder: str | Path) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # (no fork of a threaded server)
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_write_forever, args=(str(folder), child),
                                       name="profilerepo index writer", daemon=True)
        self.process.start()
        child.close()
        self.lock = threading.Lock()

    def write(self, paths: list[str], entries: list[dict], merge: bool) -> None:
        with self.lock:
            self.send(paths, entries, merge)
            self.wait()

    def send(self, paths: list[str], entries: list[dict], merge: bool) -> None:
        """Hand a batch over and return at once; ``wait()`` for its answer before the
        next one. (The caller holds ``lock`` across the two, or is the only caller.)"""
        self.connection.send((paths, entries, merge))

    def tidy(self) -> None:
        """Merge segments if there are too many (``tidy``), and wait for it."""
        with self.lock:
            self.connection.send("tidy")
            self.wait()

    def wait(self) -> None:
        """Block until the batch sent last is committed (or raise why it was not)."""
        problem = self.connection.recv()
        if problem:
            raise IndexingFailed(problem)

    def close(self) -> None:
        with self.lock:
            try:
                self.connection.send(None)
            except OSError:
                pass
            self.process.join(timeout=30)
            if self.process.is_alive():
                self.process.terminate()
            self.connection.close()


def _write_forever(folder: str, connection) -> None:
    install()  # (a process of its own: the server's patch is not in it)
    index = SearchIndex(folder)
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        try:
            if message == "tidy":
                tidy(index)
            else:
                write_batch(index, *message)
        except Exception as error:
            connection.send(f"{type(error).__name__}: {error}")
        else:
            connection.send("")
