"""Full-text search that only ever shows what the searcher may see.

``queue`` (no whoosh) records what changed, in the changing transaction;
``index`` keeps the index on disk; ``whoosh_compat`` holds every use of
whoosh's private names and its one patch (``install()``, at start-up);
``documents`` says what is indexed for each document (each kind of document
declares its ``indexed_fields`` and ``tag_fields``); ``indexer`` drains the
queue into the index in batches; ``query`` answers a user's search (plain
values: who searches, the words, the facets chosen, the page), matched by
``matching`` and decided against the database at query time for what is queued.
"""


def includeme(config) -> None:
    """The index (``profilerepo.search_index``, a folder; by default a private temporary
    one) and, unless ``profilerepo.indexer = off`` (several servers: run
    ``profilerepo-indexer`` once instead), an indexer thread started with the app."""
    import tempfile

    from profilerepo.search.index import SearchIndex
    from profilerepo.search.patterns import Slots
    from profilerepo.search.whoosh_compat import install

    install()  # (fails here, naming what is missing, if whoosh is not the one tested)
    settings = config.get_settings()
    folder = settings.get("profilerepo.search_index") or tempfile.mkdtemp(
        prefix="profilerepo-search-")
    config.registry.search_index = SearchIndex(folder)
    config.registry.search_slots = Slots()
    mode = settings.get("profilerepo.indexer", "thread")
    if mode not in ("thread", "off"):
        from pyramid.exceptions import ConfigurationError

        raise ConfigurationError(f"profilerepo.indexer must be thread or off, not {mode!r}")
    config.registry.indexer_mode = mode
    config.include("profilerepo.search.subscribers")  # the queue follows content events


def start_indexer(registry, db, root_key: str):
    """Start the in-process indexer (if configured); returns it, or None."""
    if registry.indexer_mode != "thread":
        return None
    from profilerepo.search.indexer import Indexer

    registry.indexer = Indexer(db, registry.workflows, registry.search_index, root_key)
    registry.indexer.start()
    return registry.indexer
