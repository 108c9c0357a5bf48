"""Web views: thin functions that read the request, call the domain, render."""
from __future__ import annotations

import threading
from pathlib import Path

from pyramid.config import Configurator
from pyramid.events import BeforeRender

PROJECT = Path(__file__).resolve().parents[3]
TEMPLATES = PROJECT / "templates"
STATIC = PROJECT / "static"
# name of a static view -> the folder it serves, never marked no-store (views/headers.py)
STATIC_VIEWS = {"static": str(STATIC), "static-deform": "deform:static"}


def template(name: str) -> str:
    """The renderer path of a page template in the top-level ``templates/``."""
    return str(TEMPLATES / name)


def page_renderer(info):
    """Our page templates, each looked up once: pyramid looks a view's template up again
    on every page, and pyramid_chameleon then checks that the file exists, a system call
    after which the thread waits its turn again among all the busy ones."""
    from pyramid_chameleon.interfaces import ITemplateRenderer
    from pyramid_chameleon.zpt import renderer_factory

    if info.name.startswith(str(TEMPLATES)):
        found = info.registry.queryUtility(ITemplateRenderer, name=info.name)
        if found is not None:
            return found
    return renderer_factory(info)


def compile_templates_one_at_a_time() -> None:
    """Chameleon compiles a template on its first use with the ``ast`` module, whose
    conversion state in Python 3.11 is global: threads compiling at once (a server's
    first requests, eight people opening one form) fail at random with "SystemError:
    AST constructor recursion depth mismatch" (CPython gh-106905), a 500. One compile
    at a time, then; each template is compiled once per process."""
    from chameleon.template import BaseTemplate

    if getattr(BaseTemplate._cook, "one_at_a_time", False):
        return
    cook, lock = BaseTemplate._cook, threading.Lock()

    def _cook(self, body, name, builtins):
        with lock:
            return cook(self, body, name, builtins)

    _cook.one_at_a_time = True
    BaseTemplate._cook = _cook


def _add_layout(event: BeforeRender) -> None:
    from profilerepo.views.layout import Layout

    request = event.get("request")
    if request is not None and "layout" not in event:
        event["layout"] = Layout(request, event.get("context"))


def _use_our_form_templates() -> None:
    """Deform renders with our templates first (accessible lists), then its own."""
    import deform
    from deform.template import ZPTRendererFactory

    deform_templates = Path(deform.__file__).parent / "templates"
    deform.Form.set_default_renderer(
        ZPTRendererFactory([str(TEMPLATES / "deform"), str(deform_templates)])
    )


def includeme(config: Configurator) -> None:
    compile_templates_one_at_a_time()
    _use_our_form_templates()
    for name, folder in STATIC_VIEWS.items():
        config.add_static_view(name, folder, cache_max_age=3600)
    config.add_subscriber(_add_layout, BeforeRender)
    config.include("profilerepo.views.address")
    config.scan("profilerepo.views")
