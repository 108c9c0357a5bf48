"""scripts/bench reports the backpack export's figures (issue 17): its timing under the
target's key, and the size of the file (the timings are read by people, not asserted)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"


def test_the_bench_exports_a_full_backpack_and_reports_it(tmp_path):
    out = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, str(BENCH), "--students", "20", "--requests", "5",
                           "--only", "backpack", "--json", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["backpack_export_p95_ms"] > 0
    assert figures["backpack_size_kb"] > 1
    assert figures["backpack_documents"] >= 5  # profile, transcript, plan, goals, narratives
    assert "backpack_export_p95_ms" in done.stdout and "target <= 300" in done.stdout
