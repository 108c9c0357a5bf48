"""profilerepo-init: create the database and a first (district) administrator."""
from __future__ import annotations

import getpass
import os

from profilerepo.console import fail, parser, site_from_config
from profilerepo.principals import PrincipalError
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS


def main(argv: list[str] | None = None) -> None:
    p = parser("Create the database (if new) and a first district administrator. "
               "The password is asked for, or read from PROFILEREPO_PASSWORD.")
    p.add_argument("--admin", default="admin", help="the administrator's login")
    p.add_argument("--name", default="District Administrator")
    args = p.parse_args(argv)
    with site_from_config(args.config) as (site, manager):
        principals = site["principals"]
        if principals.get_user(args.admin) is not None:
            print(f"The database exists and {args.admin} is already a user; nothing to do.")
            return
        password = os.environ.get("PROFILEREPO_PASSWORD") or getpass.getpass(
            f"Password for {args.admin}: ")
        try:
            principals.add_user(args.admin, args.name, "staff", password=password,
                                groups=(DISTRICT_ADMINISTRATORS,))
        except PrincipalError as error:
            fail(str(error))
        manager.commit()
    print(f"Database ready; {args.admin} can log in as district administrator.")
