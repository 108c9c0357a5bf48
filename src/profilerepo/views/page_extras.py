"""What a document's page shows beyond the document, per content type: each type's view
module registers its own (``@page_extras(Goal)``), so the shared document page
(``views/documents.py``) needs to import none of them."""
from __future__ import annotations

from collections.abc import Callable

import venusian

Extras = Callable[..., dict]  # (request, document) -> what the page adds


class page_extras:  # noqa: N801 (a decorator, named like pyramid's view_config)
    """Register the decorated ``extras(request, document) -> dict`` for documents of
    ``content_type`` (and its subclasses), when ``config.scan`` finds it."""

    def __init__(self, content_type: type) -> None:
        self.content_type = content_type

    def __call__(self, extras: Extras) -> Extras:
        def register(scanner, name, wrapped) -> None:
            registry = scanner.config.registry
            registry.__dict__.setdefault("page_extras", {})[self.content_type] = wrapped

        venusian.attach(extras, register, category="pyramid")
        return extras


def extras_for(request, document) -> dict:
    """What the page of ``document`` adds, from the extras registered for its type."""
    registered = request.registry.__dict__.get("page_extras", {})
    for content_type in type(document).__mro__:
        extras = registered.get(content_type)
        if extras is not None:
            return extras(request, document)
    return {}
