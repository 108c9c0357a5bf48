"""axe-core, the accessibility checker, run inside the page the browser shows.

scripts/test installs a pinned axe-core from the npm registry into .venv/axe when it is
missing; Debian's node-axe-core serves as well. The script is injected through WebDriver,
which the page's Content-Security-Policy does not govern."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[2]
PLACES = (ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js",
          Path("/usr/share/nodejs/axe-core/axe.min.js"))
RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(function (results) {
  done(results.violations.map(function (v) {
    return {rule: v.id, impact: v.impact, help: v.help,
            where: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};
  }));
}, function (error) { done([{rule: 'axe-error', impact: 'critical', help: String(error),
                             where: []}]); });
"""


@functools.cache
def axe_source() -> str:
    found = next((place for place in PLACES if place.exists()), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing; scripts/test installs it")
        pytest.skip("no axe-core here (scripts/test installs it)")
    return found.read_text(encoding="utf-8")


def violations(browser: WebDriver) -> list[str]:
    """What axe-core finds wrong with the page now shown, every rule and impact, one line
    each: rule (impact): help, at the first elements concerned."""
    if not browser.execute_script("return !!window.axe"):
        browser.execute_script(axe_source())
    browser.set_script_timeout(30)
    found = browser.execute_async_script(RUN)
    return [f"{v['rule']} ({v['impact']}): {v['help']}, at {'; '.join(v['where'])}"
            for v in found]
