"""profilerepo-adduser: add a user who can log in."""
from __future__ import annotations

import getpass
import os

from profilerepo.console import fail, parser, site_from_config
from profilerepo.principals import KINDS, PrincipalError
from profilerepo.security.principals import (
    DISTRICT_ADMINISTRATORS,
    school_administrators,
    school_staff,
)


def main(argv: list[str] | None = None) -> None:
    p = parser("Add a user. The password is asked for, or read from PROFILEREPO_PASSWORD.")
    p.add_argument("login")
    p.add_argument("name", help="the person's full name")
    p.add_argument("--kind", choices=KINDS, default="staff")
    p.add_argument("--email", default="")
    p.add_argument("--district-admin", action="store_true",
                   help="administrator of every school")
    p.add_argument("--school-admin", metavar="SCHOOL_ID", action="append", default=[],
                   help="administrator of this school (may repeat)")
    p.add_argument("--school", metavar="SCHOOL_ID", action="append", default=[],
                   help="on the staff of this school, so they may teach or counsel its "
                        "students (may repeat)")
    args = p.parse_args(argv)
    password = os.environ.get("PROFILEREPO_PASSWORD") or getpass.getpass("Password: ")
    groups = [school_administrators(s) for s in args.school_admin]
    groups += [school_staff(s) for s in {*args.school, *args.school_admin}]
    if args.district_admin:
        groups.append(DISTRICT_ADMINISTRATORS)
    with site_from_config(args.config) as (site, manager):
        unknown = [s for s in {*args.school, *args.school_admin} if s not in site["schools"]]
        if unknown:
            fail(f"no school with id {', '.join(unknown)}")
        try:
            site["principals"].add_user(args.login, args.name, args.kind, password=password,
                                        email=args.email, groups=tuple(groups))
        except PrincipalError as error:
            fail(str(error))
        manager.commit()
    print(f"Added {args.login}.")
