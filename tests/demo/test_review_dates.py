"""The demo's plan reviews fall through the year, as real annual reviews do: a counselor's
caseload shows a few due each month, not every plan due on the last day of school."""
from __future__ import annotations

from collections import Counter

from profilerepo.demo.loader import review_date


def test_plan_reviews_are_spread_over_the_plans_period(students, today):
    with_plans = [s for s in students if s.plan is not None][:500]
    dates = [review_date(s) for s in with_plans]
    assert all(s.plan.period_start < d <= s.plan.period_end
               for s, d in zip(with_plans, dates, strict=True))
    by_month = Counter((d.year, d.month) for d in dates)
    assert len(by_month) >= 6 and max(by_month.values()) < len(dates) / 3
    soon = [d for d in dates if 0 <= (d - today).days <= 30]
    assert soon and len(soon) < len(dates) / 4  # some due soon, most later
    assert [review_date(s) for s in with_plans] == dates  # (the same on every load)
