"""The plan domain stands on its own: it imports nothing from the pages."""
from __future__ import annotations

import subprocess
import sys

# Imports every module of the package (as found on disk, so a new one is checked too),
# then names the view modules that came with them.
CODE = """
import importlib, pkgutil, sys
import profilerepo.plans as plans
for module in pkgutil.iter_modules(plans.__path__):
    importlib.import_module(f"profilerepo.plans.{module.name}")
print(sorted(m for m in sys.modules if m.startswith("profilerepo.views")))
"""


def test_the_plan_domain_imports_nothing_from_the_views():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
