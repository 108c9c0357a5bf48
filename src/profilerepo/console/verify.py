"""profilerepo-verify FILE: check a backpack, or an OB 3.0 / CLR 2.0 credential (JSON with an
embedded proof, or a VC-JWT), offline. Exit 0 and a one-line summary when it is valid, 1 and
the reason when not, 2 when the command itself is wrong. Never a traceback.
"""
from __future__ import annotations

import argparse
import configparser
import contextlib
import json
import logging
import sys
from pathlib import Path

from profilerepo.credentials import default_key_folder, issuer_from_settings
from profilerepo.credentials.trust import TrustedIssuers
from profilerepo.credentials.verify import verify_file

APP_SECTION = "app:main"


def settings_from_ini(path: str) -> dict:
    """The application's settings from an .ini, read as text: the verifier needs no
    database, so it opens none (it may run beside a live server, or on a laptop)."""
    parser = configparser.ConfigParser(defaults={"here": str(Path(path).resolve().parent)})
    if not parser.read(path, encoding="utf-8"):
        raise OSError(f"the settings file {path} could not be read")
    if not parser.has_section(APP_SECTION):
        raise ValueError(f"the settings file {path} has no [{APP_SECTION}] section")
    return dict(parser.items(APP_SECTION))


def trust_from(settings: dict | None, keys_file: str | None) -> TrustedIssuers:
    """The trusted issuers the settings name (with this district as an issuer when they
    name its signing keys' folder), and the DID documents of ``keys_file``."""
    issuer = None
    folder = (settings or {}).get("profilerepo.signing_keys")
    if settings and not folder and settings.get("zodbconn.uri", "").startswith("file:"):
        folder = default_key_folder(settings)  # (where the application keeps them)
    if folder and any(Path(folder).glob("key-*.pem")):  # (a verifier never makes keys)
        issuer = issuer_from_settings({**settings, "profilerepo.signing_keys": folder})
    contexts = None
    if issuer is None and settings and settings.get("profilerepo.credential_files"):
        from profilerepo.credentials.contexts import ContextLibrary

        contexts = ContextLibrary(settings["profilerepo.credential_files"])
    trust = TrustedIssuers.from_settings(settings or {}, issuer, contexts=contexts)
    if keys_file:
        trust.add_documents_file(keys_file)
    return trust


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="profilerepo-verify",
        description="Check a backpack or an Open Badges 3.0 / CLR 2.0 credential offline.")
    p.add_argument("file", help="the backpack (.zip), credential (.json) or VC-JWT (.jwt)")
    p.add_argument("--trusted-only", action="store_true",
                   help="also refuse a credential whose issuer is not on the trusted list")
    p.add_argument("--config", metavar="INI",
                   help="read the trusted issuers and credential files from this .ini")
    p.add_argument("--keys", metavar="FILE",
                   help="a JSON file of DID documents (one, or a list) to take keys from")
    args = p.parse_args(argv)
    if not Path(args.file).is_file():
        _usage(f"there is no file {args.file}")
    try:
        settings = settings_from_ini(args.config) if args.config else None
        trust = trust_from(settings, args.keys)
    except (OSError, ValueError, configparser.Error) as error:
        _usage(_plain(error))
    except Exception as error:  # (a broken key folder, say: still no traceback)
        _usage(f"the settings could not be used: {_plain(error)}")
    with _quiet_logs():
        verdict = verify_file(args.file, trust, trusted_only=args.trusted_only)
    print(verdict.summary())
    raise SystemExit(0 if verdict.valid else 1)


@contextlib.contextmanager
def _quiet_logs():
    """A verifier bug says "unexpected problem" in the verdict: its log record must not
    reach the terminal as a traceback (Python's last-resort handler would print it)."""
    logger = logging.getLogger("profilerepo")
    saved = logger.propagate
    handler = logging.NullHandler()
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved


def _plain(error: BaseException) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"the keys file is not valid JSON (line {error.lineno})"
    return str(error) or type(error).__name__


def _usage(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


if __name__ == "__main__":
    main()
