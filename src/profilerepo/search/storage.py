"""The index's files on disk, readable by every thread of a server through one descriptor.

whoosh reads a segment by seeking a file and reading from it, so a reader used by two
threads at once would read from the other's position. Here each file keeps a
position of each thread's own and reads with ``os.pread``, which takes no shared
position: one searcher (one descriptor per segment file) serves every request thread,
and a server's open files no longer grow with its threads.
"""
from __future__ import annotations

import os
import threading
import time

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from profilerepo.search.whoosh_compat import file_path

READ_AHEAD = 8192  # bytes read at once for small sequential reads (as a buffered file does)
# A file up to this size is read whole when opened. A segment just written is a few small
# files that every search reads at once; read from memory, a search makes no system
# call for them, and each system call under load is a wait for the interpreter lock.
WHOLE = 256 * 1024
GRACE_SECONDS = 120.0


class SharedFile:
    """A read-only file whose position is each thread's own (``read``, ``seek`` and
    ``tell`` as a file's); small reads are served from a per-thread buffer."""

    def __init__(self, path: str) -> None:
        self.name = path
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        self._size = os.fstat(self._fd).st_size
        self._local = threading.local()
        self.closed = False
        self._whole = None
        if self._size <= WHOLE:  # (kept in memory: the descriptor is not needed again)
            self._whole = os.pread(self._fd, self._size, 0)
            os.close(self._fd)

    def _state(self):
        local = self._local
        if not hasattr(local, "position"):
            local.position, local.start, local.buffer = 0, 0, b""
        return local

    def read(self, size: int | None = -1) -> bytes:
        local = self._state()
        position = local.position
        if size is None or size < 0:
            size = max(0, self._size - position)
        if self._whole is not None:
            data = self._whole[position:position + size]
            local.position = position + len(data)
            return data
        offset = position - local.start
        if 0 <= offset and offset + size <= len(local.buffer):
            data = local.buffer[offset:offset + size]
        elif size < READ_AHEAD:
            local.start, local.buffer = position, os.pread(self._fd, READ_AHEAD, position)
            data = local.buffer[:size]
        else:
            data = os.pread(self._fd, size, position)
        local.position = position + len(data)
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        local = self._state()
        if whence == os.SEEK_CUR:
            offset += local.position
        elif whence == os.SEEK_END:
            offset += self._size
        local.position = offset
        return offset

    def tell(self) -> int:
        return self._state().position

    def readline(self) -> bytes:
        """Up to and including the next newline (``pickle.load`` asks for it)."""
        line = b""
        while True:
            chunk = self.read(READ_AHEAD - 1)
            found = chunk.find(b"\n")
            if found >= 0:
                self._state().position -= len(chunk) - found - 1
                return line + chunk[:found + 1]
            line += chunk
            if not chunk:
                return line

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if self._whole is None:
                os.close(self._fd)
            self._whole = None

    def __del__(self) -> None:  # (a reader two threads opened at once: the spare one)
        try:
            self.close()
        except OSError:
            pass


class PatientStorage(FileStorage):
    """The index folder: files opened for reading are ``SharedFile``s, and a merged-away
    segment's files are kept for a while before they are deleted.

    A searcher opens some of a segment's files only when first needed; a writer's merge
    deletes the old segments' files at once, so a searcher opened a moment earlier
    could find them gone. Two minutes is long enough for any search in flight; whoosh
    asks again to delete unused files at every commit, and a later one does it.
    """

    _doomed: dict[str, float] = {}
    _lock = threading.Lock()

    def open_file(self, name: str, **kwargs) -> StructFile:
        return StructFile(SharedFile(file_path(self, name)), name=name, **kwargs)

    def delete_file(self, name: str) -> None:
        key = f"{self.folder}/{name}"
        with self._lock:
            first = self._doomed.setdefault(key, time.monotonic())
            if time.monotonic() - first < GRACE_SECONDS:
                return
            self._doomed.pop(key, None)
        super().delete_file(name)
