"""The demo district, read through HTTP as its counselors read it: a realistic mix of
goals on track, at risk and without enough data yet."""
from __future__ import annotations

import transaction
from bs4 import BeautifulSoup

from profilerepo.app import ROOT_KEY, database
from profilerepo.console import demo
from tests.conftest import login
from tests.console.test_scripts import app_for, close, ini  # noqa: F401 (the fixture)


def counselors(app) -> list[str]:
    manager = transaction.TransactionManager()
    conn = database(app.app.registry).open(manager)
    try:
        users = conn.root()[ROOT_KEY]["principals"].users
        return sorted(u.login for u in users.values() if u.assignments.get("counselor"))
    finally:
        manager.abort()
        conn.close()


def test_the_demo_district_shows_goals_in_every_status(ini, tmp_path, capsys):  # noqa: F811
    demo.main([str(ini), "--students", "120"])
    capsys.readouterr()
    app = app_for(tmp_path)
    try:
        mix = {"at risk": 0, "on track": 0, "not enough data": 0}
        for counselor in counselors(app):
            app.reset()
            assert login(app, counselor, demo.DEMO_PASSWORD).status_int == 303
            address = "/"
            while address:  # every page of the caseload
                soup = BeautifulSoup(app.get(address).text, "html.parser")
                for row in soup.select("table.caseload tbody tr"):
                    cells = [c.get_text(" ", strip=True) for c in row.select("td")]
                    mix["at risk"] += int(cells[0].split()[0])
                    mix["on track"] += int(cells[1])
                    mix["not enough data"] += int(cells[2])
                following = soup.select_one("nav.pager a[rel=next]")
                address = following["href"] if following else ""
    finally:
        close(app)
    total = sum(mix.values())
    assert total > 100
    # the demo draws about 55% on track, 25% at risk, 20% new goals
    assert 0.40 < mix["on track"] / total < 0.70, mix
    assert 0.12 < mix["at risk"] / total < 0.38, mix
    assert 0.08 < mix["not enough data"] / total < 0.32, mix
