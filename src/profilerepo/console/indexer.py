"""profilerepo-indexer: keep the search index up to date from the queue, in its own
process (for several servers sharing one database: set profilerepo.indexer = off in
their .ini and run this once). Stops on Ctrl-C or SIGTERM."""
from __future__ import annotations

import logging
import signal

from profilerepo.app import ROOT_KEY, ensure_site
from profilerepo.console import open_database, parser, search_setup
from profilerepo.search.indexer import Indexer

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> None:
    from pyramid.paster import get_appsettings, setup_logging

    args = parser("Index queued changes for search until stopped.").parse_args(argv)
    setup_logging(args.config)
    db = open_database(get_appsettings(args.config)["zodbconn.uri"])
    try:
        ensure_site(db)
        engine, index = search_setup(args.config)
        indexer = Indexer(db, engine, index, ROOT_KEY, writer_process=False,  # (its own)
                          read_ahead=False)
        signal.signal(signal.SIGTERM, lambda *_: indexer._stop.set())
        log.info("indexing queued changes into %s", index.folder)
        try:
            indexer.run()
        except KeyboardInterrupt:
            pass
    finally:
        db.close()


if __name__ == "__main__":
    main()
