"""A new site, and the one every start makes sure of: the database holds a site with
the top-level folders a site of this version has."""
from __future__ import annotations

from ZODB.DB import DB

from profilerepo.content.cycles import Cycles, cycles_of
from profilerepo.content.site import Schools, Site, Students
from profilerepo.database import ROOT_KEY, site_connection
from profilerepo.evolution import mark_current
from profilerepo.principals import Principals
from profilerepo.search.queue import IndexQueue


def create_site() -> Site:
    """A new, empty site with its top-level folders."""
    site = Site()
    site.add("students", Students())
    site.add("schools", Schools())
    site.add("principals", Principals())
    site.add("cycles", Cycles())
    site.search_queue = IndexQueue()
    mark_current(site)  # a new site has nothing to evolve
    return site


def ensure_site(db: DB, registry=None) -> None:
    """Create the empty site on first start."""
    with site_connection(db, registry) as opened:
        if ROOT_KEY not in opened.root:
            opened.root[ROOT_KEY] = create_site()
        cycles_of(opened.site)  # (sites from before review cycles lack the folder)
