"""The conftest school, plus what badges need: the site's address set (so the district's
DID and status lists have addresses), a piece of Maya's work shared with her family, a
tutor granted to contribute to her portfolio, and one whose grant has ended."""
from __future__ import annotations

import datetime
import io

import pytest
import transaction

from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.credentials import issuer_from_settings
from profilerepo.family.grants import CONTRIBUTE, make_grant
from profilerepo.principals import hash_password
from tests.conftest import ENGINE, PASSWORD, login

SITE_URL = "http://localhost"  # (WebTest's host: links in credentials point here)
PORTFOLIO = "/students/s1/portfolio/"
WORK = PORTFOLIO + "item-1/"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
       b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def school(world, monkeypatch):
    """``world``, its site at SITE_URL, Maya's essay (a PNG) shared with her family,
    Tina (contributes to the portfolio) and Ted (contributed until 2021)."""
    registry = world.wsgi.registry
    monkeypatch.setitem(registry.settings, "profilerepo.site_url", SITE_URL)
    monkeypatch.setattr(registry, "credential_issuer", issuer_from_settings(registry.settings),
                        raising=False)
    if hasattr(registry, "credential_trust"):
        monkeypatch.delattr(registry, "credential_trust")
    site = world.site()
    s1 = site["students"]["s1"]
    blob, kind, size = store_file(io.BytesIO(PNG), 10_000)
    s1["portfolio"].add("item-1", PortfolioItem(
        {"title": "My persuasive essay", "kind": "work", "description": "Why recess matters",
         "filename": "essay.png", "content_type": kind, "size": size, "file": blob},
        by="sam"))
    ENGINE.perform(s1["portfolio"]["item-1"], "share_with_family", actor="cora",
                   roles={"counselor"})
    principals = site["principals"]
    hashed = hash_password(PASSWORD)
    for name, title in (("tina", "Tina Tutor"), ("ted", "Ted Former")):
        principals.add_user(name, title, "contributor", password_hash=hashed)
    make_grant(site, s1, "tina", ["portfolio"], CONTRIBUTE, "Writing tutor",
               datetime.date(2020, 1, 1), datetime.date(2099, 12, 31), by="gina")
    make_grant(site, s1, "ted", ["portfolio"], CONTRIBUTE, "Summer tutor",
               datetime.date(2020, 6, 1), datetime.date(2021, 8, 31), by="gina",
               now=datetime.datetime(2020, 6, 1, 12, tzinfo=datetime.UTC))
    transaction.commit()
    world.close()
    return world


BADGE = {"name": "Persuasive writer", "description": "Writes an argument that convinces",
         "criteria": "An essay with a claim, three reasons and evidence for each",
         "alignment_code": "CCSS.ELA-LITERACY.W.4.1",
         "alignment_framework": "Common Core State Standards"}


def award(app, login_name: str | None = None, status: int | str = 303, **changes):
    """Award Maya the badge (``BADGE`` with ``changes``) through its form, as the person
    logged in (``login_name`` logs them in first)."""
    if login_name:
        login(app, login_name)
    page = app.get(PORTFOLIO + "award-badge")
    form = page.forms["document-form"]
    for name, value in {**BADGE, "evidence": "item-1", **changes}.items():
        # (deform names a date's input "date", and a file's "upload", inside the field)
        form[{"valid_until": "date", "image_upload": "upload"}.get(name, name)] = value
    return form.submit("save", status=status)

