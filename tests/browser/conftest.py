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


def serve(wsgi):
    """Serve ``wsgi`` over HTTP on 127.0.0.1 until the generator is closed."""
    httpd = create_server(wsgi, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.effective_port}"
    finally:
        httpd.close()
        thread.join(5)


def open_chromium(folder):
    """Headless Chromium driven through ChromeDriver (skips, or fails on CI, without it)."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        if os.environ.get("CI"):
            pytest.fail("Chromium and ChromeDriver are missing; scripts/test installs them")
        pytest.skip("no Chromium/ChromeDriver here (scripts/test installs them as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={folder / 'chromium'}"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_page_load_timeout(30)
    return session


@pytest.fixture
def server(world):
    """The world's application served over HTTP on 127.0.0.1."""
    yield from serve(world.wsgi)


@pytest.fixture
def browser(tmp_path):
    session = open_chromium(tmp_path)
    yield session
    session.quit()
