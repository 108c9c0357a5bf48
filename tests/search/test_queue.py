"""The index queue is not a conflict hot spot: saves of different students' documents,
and the indexer removing what it indexed, all commit side by side."""
from __future__ import annotations

import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from profilerepo.search.queue import IndexQueue


def connections(tmp_path, count: int):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    setup = transaction.TransactionManager()
    conn = db.open(setup)
    conn.root()["queue"] = IndexQueue()
    conn.root()["queue"].add("students/s1/profile")
    setup.commit()
    conn.close()
    opened = []
    for _ in range(count):
        manager = transaction.TransactionManager()
        conn = db.open(manager)
        manager.begin()
        opened.append((manager, conn.root()["queue"]))
    return db, opened


def test_saves_of_different_students_and_the_indexer_commit_side_by_side(tmp_path):
    db, [(m1, q1), (m2, q2), (m3, q3)] = connections(tmp_path, 3)
    indexed = q3.batch(10)
    q1.add("students/s2/plan")            # a counselor saves s2's plan
    q2.add("students/sa9f3/narratives/narrative-1")  # a teacher, another student
    q3.done(indexed)                      # the indexer removes what it indexed
    for manager in (m1, m2, m3):
        manager.commit()                  # none of them conflicts
    check = transaction.TransactionManager()
    conn = db.open(check)
    assert sorted(conn.root()["queue"].paths()) == [
        "students/s2/plan", "students/sa9f3/narratives/narrative-1"]
    assert len(conn.root()["queue"]) == 2
    conn.close()
    db.close()


def test_an_entry_queued_again_while_being_indexed_stays_queued(tmp_path):
    db, [(m1, q1), (m2, q2)] = connections(tmp_path, 2)
    indexed = q2.batch(10)
    m1.commit()
    m1.begin()
    q1.add("students/s1/profile")  # saved again after the indexer read it
    m1.commit()
    m2.abort()  # the indexer's first try lost; it reads again
    m2.begin()
    q2.done(indexed)  # the stamp changed: the entry is kept for the next batch
    m2.commit()
    conn = db.open(transaction.TransactionManager())
    assert list(conn.root()["queue"].paths()) == ["students/s1/profile"]
    conn.close()
    db.close()


def test_an_emptied_queue_lists_nothing_and_lists_what_is_queued_again(tmp_path):
    db, [(manager, queue)] = connections(tmp_path, 1)
    queue.done(queue.batch(10))
    manager.commit()
    assert queue.paths() == [] and len(queue) == 0  # (the markers are never listed)
    queue.add("students/s1/plan")
    assert queue.paths() == ["students/s1/plan"]
    queue.done(queue.batch(10))
    assert queue.paths() == []
    manager.abort()
    db.close()


# --- Content events reach the queue (no application: the domain's own subscribers) ---------

def small_site():
    """A site with one student, ``s1``, built with no application, and its queue."""
    import datetime

    from profilerepo.content.site import School
    from profilerepo.content.student import new_student
    from profilerepo.site_setup import create_site

    site = create_site()
    site["schools"].add("north", School("North Middle School", "middle", ("6", "7", "8")))
    new_student(site, {"given_name": "Maya", "family_name": "Lopez", "grade": "7",
                       "school": "north", "birth_date": datetime.date(2013, 3, 4)},
                "setup", student_id="s1")
    site.search_queue = IndexQueue()  # (what building it queued is not what is tested)
    return site


def test_a_moved_plan_is_queued_where_it_was_and_where_it_is_now():
    from profilerepo.content.events import current, domain_registry
    from profilerepo.plans.goals import Goal
    from profilerepo.plans.plan import PastPlans
    from profilerepo.workflow.index import state_index

    with current(domain_registry()):
        site = small_site()
        student = site["students"]["s1"]
        student["plan"].goals.add("goal-1", Goal({"title": "Reads"}, by="cora"))
        student.add("past-plans", PastPlans())
        site.search_queue = IndexQueue()
        student.move("plan", student["past-plans"], "2025-2026")
    assert sorted(site.search_queue.paths()) == [
        "students/s1/past-plans/2025-2026", "students/s1/past-plans/2025-2026/goals/goal-1",
        "students/s1/plan", "students/s1/plan/goals/goal-1"]
    states = state_index(site)
    assert states.state("plan-lifecycle", "students/s1/plan") is None
    assert states.state("plan-lifecycle", "students/s1/past-plans/2025-2026") == "draft"
    assert states.state("goal-lifecycle", "students/s1/past-plans/2025-2026/goals/goal-1") \
        == "proposed", "started as it was added, and moved with its plan"


def test_a_role_given_queues_the_student_and_every_document_of_theirs():
    from profilerepo.principals import hash_password
    from profilerepo.security.local_roles import grant

    site = small_site()
    site["principals"].add_user("cora", "Cora Example", "staff",
                                password_hash=hash_password("a long password here"))
    grant(site, site["students"]["s1"], "cora", "counselor")
    assert sorted(site.search_queue.paths()) == [
        "students/s1", "students/s1/plan", "students/s1/profile", "students/s1/transcript"]

