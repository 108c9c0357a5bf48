"""profilerepo-indexer: keep the search index up to date from the queue, in its own
process (for several servers sharing one database: set profilerepo.indexer = off in
their .ini and run this once). Stops on Ctrl-C or SIGTERM."""
from __future__ import annotations

import logging
import signal

from profilerepo.console import application, parser, search_setup
from profilerepo.database import ROOT_KEY, database
from profilerepo.search.indexer import Indexer

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> None:
    args = parser("Index queued changes for search until stopped.").parse_args(argv)
    with application(args.config) as registry:
        engine, index = search_setup(args.config, registry)
        indexer = Indexer(database(registry), engine, index, ROOT_KEY,
                          writer_process=False, read_ahead=False)  # (its own process)
        signal.signal(signal.SIGTERM, lambda *_: indexer._stop.set())
        log.info("indexing queued changes into %s", index.folder)
        try:
            indexer.run()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
