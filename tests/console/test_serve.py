"""scripts/serve's server: it says the address it really serves on, takes its port from
PORT, and a second start says ProfileRepo is already running instead of a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from profilerepo.app import database
from profilerepo.console.serve import server_settings
from tests.conftest import file_uri, make_app
from tests.test_serving import free_port


@pytest.fixture
def ini(tmp_path):
    wsgi = make_app(file_uri(tmp_path), tmp_path)
    database(wsgi.registry).close()
    path = tmp_path / "site.ini"
    path.write_text("[app:main]\nuse = egg:profilerepo\n"
                    f"zodbconn.uri = {file_uri(tmp_path)}\n"
                    f"profilerepo.search_index = {tmp_path / 'search'}\n"
                    "profilerepo.secret = test\n\n"
                    "[server:main]\nuse = egg:waitress#main\nlisten = 127.0.0.1:6543\n"
                    "asyncore_use_poll = true\n")
    return path


def serve(ini, port: int, *more: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "profilerepo.console.serve", str(ini),
                             *more], env={**os.environ, "PORT": str(port)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_port_comes_from_port_and_a_bad_one_is_named(ini, monkeypatch):
    monkeypatch.setenv("PORT", "8081")
    assert server_settings(str(ini))["listen"] == "127.0.0.1:8081"
    monkeypatch.setenv("PORT", "80a")
    with pytest.raises(SystemExit, match="PORT must be a port number"):
        server_settings(str(ini))
    monkeypatch.delenv("PORT")
    assert server_settings(str(ini))["listen"] == "127.0.0.1:6543"


def test_it_says_where_it_serves_and_a_second_start_says_it_is_running(ini):
    port = free_port()
    first = serve(ini, port)
    try:
        line = first.stdout.readline()
        assert line.strip() == f"Serving ProfileRepo on http://127.0.0.1:{port}/ (Ctrl-C to stop)"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as page:
                    assert page.status == 200
                break
            except OSError:
                assert time.monotonic() < deadline, first.stderr.read()
                time.sleep(0.2)
        for more in (("--check",), ()):
            second = serve(ini, port, *more)
            out, err = second.communicate(timeout=60)
            assert second.returncode == 1
            assert "ProfileRepo is already running on this database" in err
            assert "Traceback" not in err + out
        elsewhere = serve(ini, free_port(), "--check")  # (same database, another port)
        assert elsewhere.wait(timeout=60) == 1
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_a_port_taken_by_another_program_is_said_so(ini):
    import socket

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        check = serve(ini, port, "--check")
        out, err = check.communicate(timeout=60)
    assert check.returncode == 1
    assert f"Something is already running on http://127.0.0.1:{port}/" in err
    assert "PORT=6544 scripts/serve" in err


def test_the_served_district_signs_as_the_address_it_serves_on(ini):
    """scripts/serve gives the app its address (unless the .ini names one), so what the
    demo district signs names a did:web its DID document is really served at."""
    port = free_port()
    shown = subprocess.run([sys.executable, "-m", "profilerepo.console.serve", str(ini),
                            "--address"], env={**os.environ, "PORT": str(port)},
                           capture_output=True, text=True, timeout=60)
    assert shown.stdout.strip() == f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "profilerepo.console.serve", str(ini)],
        env={**os.environ, "PORT": str(port), "PROFILEREPO_SITE_URL": shown.stdout.strip()},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        server.stdout.readline()
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/.well-known/did.json",
                                            timeout=5) as answer:
                    document = json.loads(answer.read())
                break
            except OSError:
                assert time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.2)
        assert document["id"] == f"did:web:127.0.0.1%3A{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
