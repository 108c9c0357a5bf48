"""Files chosen on a form that is shown again (another field was wrong) are kept,
so the person does not have to choose them again.

This is deform's "tmpstore": on disk, one folder per session, swept after an hour.
"""
from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path

MAX_AGE_SECONDS = 3600
_UID = re.compile(r"^[A-Za-z0-9]{1,40}$")


class PendingUploads:
    """A dict-like store of uploads for one session, as deform's widget expects."""

    def __init__(self, root: Path, namespace: str) -> None:
        self.root = root
        self.folder = root / namespace
        self._loaded: dict[str, dict] = {}

    def _paths(self, uid: str) -> tuple[Path, Path]:
        return self.folder / f"{uid}.json", self.folder / f"{uid}.data"

    def __setitem__(self, uid: str, data: dict) -> None:
        if not _UID.match(uid):
            return
        self._sweep()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.folder.mkdir(mode=0o700, exist_ok=True)
        meta_path, data_path = self._paths(uid)
        fp = data.get("fp")
        if fp is not None:
            fp.seek(0)
            with open(data_path, "wb") as out:
                shutil.copyfileobj(fp, out)
            fp.seek(0)
        meta = {k: data.get(k) for k in ("uid", "filename", "mimetype", "size")}
        meta_path.write_text(json.dumps(meta))
        self._loaded[uid] = data

    def get(self, uid: str, default=None):
        if uid in self._loaded:
            return self._loaded[uid]
        if not isinstance(uid, str) or not _UID.match(uid):
            return default
        meta_path, data_path = self._paths(uid)
        if not meta_path.exists() or not data_path.exists():
            return default
        data = json.loads(meta_path.read_text())
        data["fp"] = open(data_path, "rb")  # noqa: SIM115 - handed to the form, closed by GC
        data["preview_url"] = None
        self._loaded[uid] = data
        return data

    def __getitem__(self, uid: str) -> dict:
        found = self.get(uid)
        if found is None:
            raise KeyError(uid)
        return found

    def __contains__(self, uid: object) -> bool:
        return isinstance(uid, str) and self.get(uid) is not None

    def preview_url(self, uid: str) -> None:
        return None

    def discard(self, uid: str | None) -> None:
        """Forget an upload once it is saved in the database."""
        self._loaded.pop(uid, None)
        if isinstance(uid, str) and _UID.match(uid):
            for path in self._paths(uid):
                path.unlink(missing_ok=True)

    def _sweep(self) -> None:
        """Remove what was left behind more than an hour ago, by anyone."""
        if not self.root.exists():
            return
        cutoff = time.time() - MAX_AGE_SECONDS
        for path in self.root.glob("*/*"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except FileNotFoundError:
                pass


def pending_uploads(request) -> PendingUploads:
    """This session's store of pending uploads."""
    namespace = request.session.get("uploads")
    if namespace is None:
        namespace = request.session["uploads"] = secrets.token_hex(12)
    return PendingUploads(Path(request.registry.upload_dir), namespace)
