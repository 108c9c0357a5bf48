"""The site's own address in links and redirects, never a request's Host header.

With ``profilerepo.site_url`` set, every request is taken as made to that address, so
pages, redirects and the Secure cookie flag follow it. Without it, a redirect to this
site names only the path, so a forged Host header never reaches a Location header.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationError
from pyramid.interfaces import IExecutionPolicy
from pyramid.router import default_execution_policy
from webob import Request

SETTING = "profilerepo.site_url"


def site_address(value: str | None) -> tuple[str, str] | None:
    """(scheme, host[:port]) from the setting, or None; anything else stops start-up."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    if (parts.scheme not in ("http", "https") or not parts.hostname
            or parts.path not in ("", "/") or parts.query or parts.fragment):
        raise ConfigurationError(
            f"{SETTING} = {value!r} is not a site address such as "
            "'https://records.example.org' (scheme and host only)")
    return parts.scheme, parts.netloc


def _at_site(environ: dict, scheme: str, netloc: str) -> None:
    host, _, port = netloc.partition(":")
    environ["wsgi.url_scheme"] = scheme
    environ["HTTP_HOST"] = netloc
    environ["SERVER_NAME"] = host
    environ["SERVER_PORT"] = port or ("443" if scheme == "https" else "80")


def _origin(url: str) -> str:
    """scheme://host:port of ``url``, the port always written out."""
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:  # a Host header with a port that is not a number
        port = parts.netloc
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def _path_only(headers: Iterable[tuple[str, str]], own: str) -> list[tuple[str, str]]:
    """Headers with a Location into this site (``own``: its origin, as the request named
    it) cut down to the path."""
    kept = []
    for name, value in headers:
        if name.lower() == "location":
            parts = urlsplit(value)
            if _origin(value) == own:
                value = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        kept.append((name, value))
    return kept


def at_site_address(policy: Callable, address: tuple[str, str] | None) -> Callable:
    """``policy`` (the execution policy: pyramid_retry's) run at the site's address."""

    def run_at_site_address(environ: dict, router):
        if address is not None:
            _at_site(environ, *address)
            return policy(environ, router)
        response = policy(environ, router)
        own = _origin(Request(environ).host_url)

        def respond(environ: dict, start_response):
            # WebOb makes a Location absolute as the response starts, from the Host header.
            def start(status, headers, exc_info=None):
                return start_response(status, _path_only(headers, own), exc_info)
            return response(environ, start)

        return respond

    return run_at_site_address


def includeme(config: Configurator) -> None:
    address = site_address(config.get_settings().get(SETTING))
    registry = config.registry

    def wrap_policy() -> None:
        policy = registry.queryUtility(IExecutionPolicy, default=default_execution_policy)
        registry.registerUtility(at_site_address(policy, address), IExecutionPolicy)

    # After pyramid_retry has set its policy (order 0), so this one wraps it.
    config.action(None, wrap_policy, order=1)
