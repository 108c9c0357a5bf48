"""The index's files as every thread of a server reads them: each thread at a place of its
own in one shared file, and small files from memory with no descriptor kept."""
from __future__ import annotations

import os
import threading

import pytest

from profilerepo.search import storage
from profilerepo.search.storage import SharedFile

CONTENT = bytes(range(256)) * 4096  # 1 MB, each byte telling its place


@pytest.fixture(params=["on a descriptor", "in memory"])
def shared(request, tmp_path, monkeypatch):
    path = tmp_path / "segment.pst"
    path.write_bytes(CONTENT)
    monkeypatch.setattr(storage, "WHOLE", len(CONTENT) if request.param == "in memory" else 0)
    opened = SharedFile(str(path))
    yield opened
    opened.close()


def test_threads_reading_one_file_each_read_from_their_own_place(shared):
    errors = []
    start = threading.Barrier(4)

    def read(offset: int) -> None:
        start.wait(timeout=10)
        for step in range(2000):
            at = (offset + step * 4099) % (len(CONTENT) - 16)
            shared.seek(at)
            if shared.read(3) != CONTENT[at:at + 3] or shared.tell() != at + 3:
                errors.append((offset, at))
                return
            if shared.read(5) != CONTENT[at + 3:at + 8]:  # (on from where it stopped)
                errors.append((offset, at))
                return

    threads = [threading.Thread(target=read, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def test_seeking_from_the_end_and_reading_past_it(shared):
    shared.seek(-10, os.SEEK_END)
    assert shared.read(100) == CONTENT[-10:]
    assert shared.read(1) == b""
    shared.seek(5)
    shared.seek(7, os.SEEK_CUR)
    assert shared.read(4) == CONTENT[12:16]


def test_a_line_is_read_up_to_its_newline(tmp_path):
    path = tmp_path / "toc"
    path.write_bytes(b"first line\nsecond\n")
    opened = SharedFile(str(path))
    assert opened.readline() == b"first line\n"
    assert opened.readline() == b"second\n"
    assert opened.readline() == b""
    opened.close()


def test_a_small_file_is_read_whole_and_keeps_no_descriptor(tmp_path):
    path = tmp_path / "small.trm"
    path.write_bytes(b"x" * 1000)
    before = len(os.listdir("/proc/self/fd"))
    opened = SharedFile(str(path))
    assert len(os.listdir("/proc/self/fd")) == before
    assert opened.read(4) == b"xxxx"
    opened.close()
