"""Edit forms know the version they started from, so a form opened before another save
(a colleague's, or the same person's in another tab) cannot silently undo it: the save is
held and the person is shown what changed."""
from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest

from profilerepo.content.versions import Version, Versioned
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
    plain words. (A field nobody saved meanwhile is the person's to change, not a
    conflict.)"""
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


def _changed_since(document: Versioned, base: int, names: list[str]) -> Version | None:
    """The newest version after ``base`` that changed one of the fields ``names``, whoever
    saved it: the same person's save from another tab is undone just as easily."""
    later = document.version(document.version_number)
    for number in range(document.version_number - 1, base - 1, -1):
        earlier = document.version(number)
        if later is not None and earlier is not None and any(
                later.values.get(n) != earlier.values.get(n) for n in names):
            return later
        later = earlier
    return None


def conflict(request, form: deform.Form, document: Versioned, base: int,
             values: dict) -> dict | None:
    """What the stale-form page shows, when a field of this form was saved after version
    ``base`` (by anyone, this person in another tab included) and the posted values
    differ from the saved ones; None when saving is safe."""
    names = [node.name for node in form.schema.children if node.name in document.fields]
    newer = _changed_since(document, base, names)
    if newer is None:
        return None
    opened_at = document.version(base).values
    saved = document.field_values()
    moved = {name for name in names if opened_at.get(name) != saved.get(name)}
    changes = _changes(request, form.schema, document, values, moved)
    if not changes:  # the form says what was saved: nothing would be undone
        return None
    when = plain(newer.when, request.registry.timezone)
    if newer.by == request.user.login:
        said = (f"You saved this again since you opened this form (in another tab or "
                f"window?), {when}. That save is shown below; check it, then save again "
                "to keep what this form says.")
    else:
        said = (f"Someone else saved this since you opened it: "
                f"{person(request.site, newer.by)}, {when}. Their changes are shown "
                "below; check them, then save again to keep yours.")
    return {"changes": changes, "message": said}
