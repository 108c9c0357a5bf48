"""A real server (waitress on a free port) and a real browser (headless Chromium)."""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from waitress.server import create_server

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1200,900",
)


@pytest.fixture
def server(world):
    """The world's application served over HTTP on 127.0.0.1."""
    httpd = create_server(world.wsgi, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.effective_port}"
    httpd.close()
    thread.join(5)


@pytest.fixture
def browser(tmp_path):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("CI"):
            pytest.fail("Chromium and ChromeDriver are missing; scripts/test installs them")
        pytest.skip("no Chromium/ChromeDriver here (scripts/test installs them as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_page_load_timeout(30)
    yield session
    session.quit()
