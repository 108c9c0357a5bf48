"""scripts/bench runs end to end on a small district and reports every figure the issues
ask for (its timings are read by people, not asserted here)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "scripts" / "bench.py"
KEYS = {"create_ratio", "student_page_p95_ms", "dashboard_p95_ms", "peak_rss_mb",
        "transitions_per_s", "open_cycle_s", "soak_segments_max", "soak_open_files_max",
        "soak_search_p95_ms", "same_object_500_rate", "student_page_logged_p95_ms",
        "access_log_conflict_rate", "access_log_page_p95_ms", "visible_after_revoke",
        "clr_sign_p95_ms", "clr_export_1000_s", "backpack_import_p95_ms"}


def test_the_bench_runs_on_a_small_district_and_reports_every_figure(tmp_path):
    out = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, str(BENCH), "--students", "30", "--requests", "5",
                           "--saves", "40", "--json", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert KEYS <= set(figures)
    assert figures["open_cycle_items"] == 30  # every demo plan is in force: all reviewed
    assert figures["soak_failed_requests"] == 0
    assert sum(figures["same_object_statuses"].values()) == 80
    assert figures["visible_after_revoke"] == 0 and figures["visible_before_revoke"] > 0
