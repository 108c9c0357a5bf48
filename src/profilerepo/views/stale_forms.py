"""Edit forms know the version they started from, so a form opened before a colleague's
save cannot silently undo it: the save is held and the person is shown what changed."""
from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest

from profilerepo.content.document import changed_by_others_since
from profilerepo.content.versions import Versioned
from profilerepo.views.display import display_rows, person, plain

BASE_VERSION = "base_version"  # the hidden field: the version the form was opened at


def starting_version_node(document: Versioned) -> colander.SchemaNode:
    """The hidden field that carries the version an edit form was opened at."""
    return colander.SchemaNode(colander.String(), name=BASE_VERSION,
                               widget=deform.widget.HiddenWidget(),
                               default=str(document.version_number), missing="")


def starting_version(values: dict, document: Versioned) -> int:
    """The version the posted form started from (taken out of ``values``); a form that
    does not say, or names a version the document never had, is refused: saving it
    blind could undo someone's save."""
    posted = values.pop(BASE_VERSION, "")
    if posted.isdecimal() and len(posted) < 12 and 1 <= int(posted) <= document.version_number:
        return int(posted)
    raise HTTPBadRequest(
        "This form did not say which version it started from, so saving it could undo "
        "someone else's changes. Nothing was saved: open the form again and make your "
        "changes there.")


def _text(row: dict) -> str:
    if "text" in row:
        return row["text"]
    headers, rows = row["table"]["headers"], row["table"]["rows"]
    return "; ".join(", ".join(f"{h}: {c}" for h, c in zip(headers, cells, strict=True))
                     for cells in rows) or "—"


def _changes(request, schema: colander.Schema, document: Versioned, values: dict,
             moved: set[str]) -> list[dict]:
    """Each field of ``moved`` (saved since the form was opened), by its title on the
    form, whose saved value differs from the one in the posted form; both values in
    plain words. (A field only this person changed is theirs to save, not a conflict.)"""
    shown = schema.clone()
    for node in list(shown.children):
        if node.name not in moved:
            del shown[node.name]
    theirs = document.field_values()
    yours = {**theirs, **values}
    upload = values.get("upload")
    if isinstance(upload, dict) and upload.get("filename"):
        yours["filename"] = upload["filename"]
    if "filename" not in moved:  # (the file row: only when they replaced the file)
        theirs, yours = ({k: v for k, v in d.items() if k != "filename"}
                         for d in (theirs, yours))
    mine = {row["title"]: _text(row) for row in display_rows(request.site, shown, yours)}
    return [{"title": row["title"], "theirs": _text(row), "yours": mine[row["title"]]}
            for row in display_rows(request.site, shown, theirs)
            if _text(row) != mine.get(row["title"])]


def conflict(request, form: deform.Form, document: Versioned, base: int,
             values: dict) -> dict | None:
    """What the stale-form page shows, when someone else saved a field of this form after
    version ``base`` and the posted values differ from theirs; None when saving is safe."""
    names = [node.name for node in form.schema.children if node.name in document.fields]
    newer = changed_by_others_since(document, base, names, request.user.login)
    if newer is None:
        return None
    opened_at = document.version(base).values
    saved = document.field_values()
    moved = {name for name in names if opened_at.get(name) != saved.get(name)}
    changes = _changes(request, form.schema, document, values, moved)
    if not changes:  # they saved what this form says: nothing of theirs would be undone
        return None
    return {"changes": changes, "message": (
        f"Someone else saved this since you opened it: {person(request.site, newer.by)}, "
        f"{plain(newer.when, request.registry.timezone)}. Their changes are shown below; "
        "check them, then save again to keep yours.")}
