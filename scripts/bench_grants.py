"""The grants figures (issue 16): a tutor is granted one student's record, finds its
documents, and the family revokes the grant; how many of them the tutor's first search
after the revoke's commit still shows, over 100 revokes (target 0: nothing to reindex,
search asks with the searcher's live grants). Through the WSGI app, with the indexer
thread running as in a server."""
from __future__ import annotations

import datetime
import re
import time

import transaction

from profilerepo import clock
from profilerepo.app import ROOT_KEY, database
from profilerepo.database import site_connection
from profilerepo.family.grants import GRANTABLE, READ, make_grant, revoke_grant
from profilerepo.search.indexer import Indexer

REVOKES = 100
TUTOR = "bench-tutor"
COUNT = re.compile(r'<p role="status" class="count">(\d+) result')
WORD = "progress"  # (in every plan, report and most narratives of the synthetic district)


def _shown(app, student_id: str) -> int:
    """How many documents of ``student_id`` the tutor's search shows."""
    page = app.get("/search", {"q": WORD, "student": student_id})
    found = COUNT.search(page.text)
    return int(found.group(1)) if found else 0


def grant_figures(wsgi, logged_in, password: str, student_ids: list[str],
                  revokes: int = REVOKES) -> dict:
    registry = wsgi.registry
    db = database(registry)
    with site_connection(db, root_key=ROOT_KEY) as opened:
        principals = opened.site["principals"]
        if principals.get_user(TUTOR) is None:
            principals.add_user(TUTOR, "Bench Tutor", "contributor", password=password)
    app = logged_in(wsgi, TUTOR)
    indexer = Indexer(db, registry.workflows, registry.search_index, ROOT_KEY)
    indexer.start()
    indexer.caught_up.wait(600)
    before = after = 0
    revoke_ms: list[float] = []
    try:
        for student_id in student_ids[:revokes]:
            manager = transaction.TransactionManager()
            conn = db.open(manager)
            site = conn.root()[ROOT_KEY]
            student = site["students"][student_id]
            today = clock.today(registry)
            made = make_grant(site, student, TUTOR, GRANTABLE, READ, "Benchmark", today,
                              today + datetime.timedelta(days=30), by="bench")
            manager.commit()
            before += _shown(app, student_id)
            started = time.perf_counter()
            revoke_grant(student, made.id, by="bench")
            manager.commit()
            conn.close()
            after += _shown(app, student_id)
            revoke_ms.append((time.perf_counter() - started) * 1000)
    finally:
        indexer.stop()
    revoke_ms.sort()
    return {"visible_after_revoke": after,
            "visible_before_revoke": before,  # (a check that the grants opened something)
            "revoke_and_search_p95_ms": round(
                revoke_ms[min(len(revoke_ms) - 1, int(0.95 * len(revoke_ms)))], 1)
            if revoke_ms else None}
