"""Deform forms the same way everywhere: CSRF field, blank rows dropped, errors shown."""
from __future__ import annotations

import copy
from collections.abc import Callable

import colander
import deform
import peppercorn
from pyramid.csrf import get_csrf_token
from pyramid.httpexceptions import HTTPBadRequest

from profilerepo.content.versions import Versioned
from profilerepo.views import stale_forms


def build_form(request, schema: colander.Schema, *, button: str,
               edits: Versioned | None = None, **bind) -> deform.Form:
    """A deform form for ``schema``, bound with ``bind``, carrying the CSRF token.

    A form that ``edits`` a versioned document also carries the version it was opened
    at, so ``form_page`` holds a save that would undo someone else's later one.
    """
    schema = schema.clone()
    schema.add(colander.SchemaNode(
        colander.String(), name="csrf_token", widget=deform.widget.HiddenWidget(),
        default=get_csrf_token(request), missing="",
    ))
    if edits is not None:
        schema.add(stale_forms.starting_version_node(edits))
    schema = schema.bind(request=request, site=request.site, **bind)
    form = deform.Form(schema, buttons=(deform.Button("save", button),),
                       formid="document-form", autocomplete="off")
    form.edits = edits
    return form


def _blank(value) -> bool:
    if isinstance(value, dict):
        return all(_blank(v) for k, v in value.items() if k not in ("__start__", "__end__"))
    if isinstance(value, list | tuple):
        return all(_blank(v) for v in value)
    return value in ("", None)


def _drop_blank_rows(node: colander.SchemaNode, pstruct):
    """Remove rows the person left empty (forms offer a spare blank row)."""
    if isinstance(node.typ, colander.Sequence) and isinstance(pstruct, list):
        row = node.children[0]
        return [_drop_blank_rows(row, item) for item in pstruct if not _blank(item)]
    if isinstance(node.typ, colander.Mapping) and isinstance(pstruct, dict):
        return {k: _drop_blank_rows(node[k], v) if k in node else v for k, v in pstruct.items()}
    return pstruct


def validate(request, form: deform.Form) -> dict:
    """The appstruct from the POST, or raise ``deform.ValidationFailure``."""
    if request.POST.get("__formid__") != form.formid:
        # Not our form (or cut short): saving it would blank every field it lacks.
        raise HTTPBadRequest("The form arrived incomplete; reload the page and try again.")
    try:
        pstruct = peppercorn.parse(request.POST.items())
    except ValueError:  # unbalanced __start__/__end__ markers: not a form we rendered
        raise HTTPBadRequest("The form arrived garbled; reload the page and try again.") \
            from None
    pstruct = _drop_blank_rows(form.schema, pstruct)
    appstruct = form.validate_pstruct(pstruct)
    appstruct.pop("csrf_token", None)
    return appstruct


def with_spare_rows(schema: colander.Schema, appstruct: dict) -> dict:
    """Add one blank row to every list, so a row can be added without JavaScript."""
    filled = dict(appstruct)
    for node in schema.children:
        if isinstance(node.typ, colander.Sequence):
            filled[node.name] = [*filled.get(node.name, ()), {}]
    return filled


def render(form: deform.Form, appstruct: dict | None = None) -> str:
    """The form's HTML, with a spare blank row in each list."""
    appstruct = with_spare_rows(form.schema, appstruct or {})
    return form.render(appstruct)


def resources(form: deform.Form) -> dict:
    """The deform CSS and JS files this form's widgets need."""
    return form.get_widget_resources()


def _leaf_fields(field, place: str = ""):
    """Every input field, with where it is when in a row of a list (each row as it was
    submitted): ("Course", "Courses and grades, row 2")."""
    rows = getattr(field, "sequence_fields", None)
    if rows is None:
        children = [] if isinstance(field.schema.typ, colander.Sequence) else field.children
        places = [place] * len(children)
    else:
        children = rows
        places = [f"{field.title}, row {number}" for number in range(1, len(rows) + 1)]
    for child, where in zip(children, places, strict=True):
        if child.children or getattr(child, "sequence_fields", None):
            yield from _leaf_fields(child, where)
        else:
            yield child, where


def describe_fields(form: deform.Form) -> None:
    """Tie each input to its help text and error, so a screen reader reads them out."""
    for field, _place in _leaf_fields(form):
        described = []
        if field.description:
            described.append(f"help-{field.oid}")
        attributes = dict(getattr(field.widget, "attributes", None) or {})
        if field.error is not None:
            described.append(f"error-{field.oid}")
            attributes["aria-invalid"] = "true"
        if described:
            attributes["aria-describedby"] = " ".join(described)
        if attributes:
            # A copy: a list's rows share one widget with the blank row added later, which
            # must not start out marked as wrong.
            field.widget = copy.copy(field.widget)
            field.widget.attributes = attributes


def _no_autofocus(field) -> None:
    """Leave focus to the page (it moves to the list of what to fix), not the first input."""
    field.autofocus = None
    for child in [*field.children, *(getattr(field, "sequence_fields", None) or ())]:
        _no_autofocus(child)


def failed(failure: deform.ValidationFailure) -> dict:
    """What a form page needs after a validation failure: the form as submitted (each
    bad field saying why), and the list of (title, message, field id) of what to fix."""
    form = failure.field
    describe_fields(form)
    _no_autofocus(form)
    problems = [(f"{field.title} ({place})" if place else field.title,
                 "; ".join(_plain(m) for m in field.error.messages()), field.oid)
                for field, place in _leaf_fields(form) if field.error is not None]
    if form.error is not None and form.error.msg:  # about the form as a whole: no one field
        message = "; ".join(_plain(m) for m in form.error.messages())
        problems.insert(0, (message, message, ""))
    return {"form": failure.render(), "problems": problems}


def _plain(message) -> str:
    """A validation message with its values filled in (colander's are templates:
    '"${val}" is not a number')."""
    interpolate = getattr(message, "interpolate", None)
    return interpolate() if interpolate is not None else str(message)


def form_page(request, form: deform.Form, *, heading: str, cancel_url: str,
              save: Callable[[dict], object], appstruct: dict | None = None):
    """The one way a form page works: GET shows it (filled with ``appstruct``); a POST
    that validates is handed to ``save`` (which returns the response); one that does
    not is shown again with status 400, a message by each bad field, nothing saved.

    An edit form (built with ``edits``) opened before someone else saved one of its
    fields is shown again with status 409: their changes listed, the person's entries
    kept, nothing saved; saved as it stands, it then starts from their version.
    """
    page = {"heading": heading, "resources": resources(form), "cancel_url": cancel_url,
            "stale": None}
    if request.method != "POST":
        return {**page, "form": render(form, appstruct), "problems": []}
    try:
        values = validate(request, form)
    except deform.ValidationFailure as failure:
        request.response.status = 400
        return {**page, **failed(failure)}
    document = getattr(form, "edits", None)
    if document is not None:
        base = stale_forms.starting_version(values, document)
        stale = stale_forms.conflict(request, form, document, base, values)
        if stale is not None:
            request.response.status = 409
            shown = {k: v for k, v in values.items() if v is not None}  # None: not chosen
            shown[stale_forms.BASE_VERSION] = str(document.version_number)
            return {**page, "form": render(form, shown), "problems": [], "stale": stale}
    return save(values)
