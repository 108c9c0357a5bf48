"""The district clock: "today" and "now" in the district's time zone, for every rule that
turns on the date (ages, "not after today", overdue goals, a plan's period, pages).

The zone is the registry's ``timezone`` (``profilerepo.timezone``, set at start-up). Code
with a request passes ``request.registry``; domain code without one gets the current
registry's, and UTC when no application is configured (a script, a test).
"""
from __future__ import annotations

import datetime

from pyramid.threadlocal import get_current_registry

UTC = datetime.UTC


def district_zone(registry: object | None = None) -> datetime.tzinfo:
    """The district's time zone: ``registry``'s (else the current registry's), else UTC."""
    if registry is None:
        registry = get_current_registry()
    return getattr(registry, "timezone", None) or UTC


def now(registry: object | None = None, *,
        zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """This moment on the district's clock (in ``zone`` when one is given)."""
    return datetime.datetime.now(zone or district_zone(registry))


def today(registry: object | None = None, *,
          zone: datetime.tzinfo | None = None) -> datetime.date:
    """The district's calendar day now: a birthday or a deadline turns at its midnight,
    not the server's (``zone``, when given, is the district's zone already looked up)."""
    return now(registry, zone=zone).date()


def day_of(moment: datetime.datetime, registry: object | None = None) -> datetime.date:
    """The district's calendar day of a stored (UTC) moment: what "on 3 December" means."""
    return moment.astimezone(district_zone(registry)).date()
