"""Tests of the plan domain (profilerepo.plans): decision rules, chart, reports, class moves."""
