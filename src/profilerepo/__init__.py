"""ProfileRepo: learner profiles, success plans and records that follow every student.

``main`` builds the WSGI application from the .ini settings.
"""
from __future__ import annotations


def main(global_config: dict, **settings) -> object:
    """The WSGI application for a paste-style .ini (``[app:main]``)."""
    from pyramid.config import Configurator  # here, so the domain packages load without it

    from profilerepo.app import SCRIPT
    from profilerepo.serving import collect_garbage_less_often, raise_open_file_limit

    raise_open_file_limit()
    collect_garbage_less_often()
    config = Configurator(settings=settings)
    config.registry.in_script = bool(global_config.get(SCRIPT))  # (see app.start)
    config.include("profilerepo.app")
    return config.make_wsgi_app()
