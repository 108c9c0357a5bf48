"""What ``scripts/serve`` runs: the application under waitress, at the address the .ini
names (or the port in ``PORT``), saying plainly where it serves, or that ProfileRepo is
already running there.

``--check`` only says whether it could start (exit status 1, with the reason, if not):
``scripts/serve`` asks before it loads the demo district, so a second start never meets
the database's lock half-way through.
"""
from __future__ import annotations

import configparser
import errno
import os
import socket
import sys

from pyramid.paster import get_app, get_appsettings, setup_logging

from profilerepo.console import parser


def server_settings(config_uri: str) -> dict[str, str]:
    """The ``[server:main]`` settings of the .ini, with ``listen`` from ``PORT`` if set."""
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(config_uri)
    settings = dict(ini["server:main"]) if ini.has_section("server:main") else {}
    settings.pop("use", None)
    host, _, port = settings.get("listen", "127.0.0.1:6543").rpartition(":")
    port = os.environ.get("PORT") or port
    if not port.isdecimal() or not 0 < int(port) < 65536:
        raise SystemExit(f"PORT must be a port number from 1 to 65535, not {port!r}")
    settings["listen"] = f"{host or '127.0.0.1'}:{port}"
    return settings


def address(settings: dict[str, str]) -> str:
    host, _, port = settings["listen"].rpartition(":")
    return f"http://{host}:{port}/"


def why_not(config_uri: str, settings: dict[str, str]) -> str | None:
    """Why a server could not start here now (None: it can)."""
    where = address(settings)
    uri = get_appsettings(config_uri).get("zodbconn.uri", "")
    if uri.startswith("file://"):
        import zc.lockfile

        data_fs = uri[len("file://"):].split("?", 1)[0]
        if os.path.exists(data_fs):
            try:
                zc.lockfile.LockFile(data_fs + ".lock").close()
            except zc.lockfile.LockError:
                return (f"ProfileRepo is already running on this database ({data_fs}); "
                        f"it is usually at {where}. Stop it first, or open that address.")
    host, _, port = settings["listen"].rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), int(port)))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (f"Something is already running on {where}: ProfileRepo, or another "
                        "program. Stop it, or choose another port: PORT=6544 scripts/serve")
            return f"Cannot serve on {where}: {error.strerror}"
    return None


def main(argv: list[str] | None = None) -> None:
    p = parser("Serve ProfileRepo with waitress at the address the .ini names.")
    p.add_argument("--check", action="store_true",
                   help="only say whether it could start here now (exit status 1 if not)")
    p.add_argument("--address", action="store_true",
                   help="only print the address it would serve on")
    args = p.parse_args(argv)
    settings = server_settings(args.config)
    if args.address:
        print(address(settings).rstrip("/"))
        return
    problem = why_not(args.config, settings)
    if problem:
        print(problem, file=sys.stderr)
        raise SystemExit(1)
    if args.check:
        return
    import waitress

    setup_logging(args.config)
    app = get_app(args.config)
    print(f"Serving ProfileRepo on {address(settings)} (Ctrl-C to stop)", flush=True)
    waitress.serve(app, **settings)


if __name__ == "__main__":
    main()
