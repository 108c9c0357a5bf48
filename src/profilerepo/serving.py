"""What a serving process needs of its system, checked as it starts."""
from __future__ import annotations

from pyramid.exceptions import ConfigurationError

LEAST_OPEN_FILES = 1024  # a server's database, index segments, connections and uploads


def raise_open_file_limit(least: int = LEAST_OPEN_FILES) -> int:
    """Raise this process's limit on open files to what the system allows (its hard
    limit), and stop start-up, saying what to do, if that is below ``least``.
    Returns the limit now in force."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    if soft != resource.RLIM_INFINITY and soft < least:
        raise ConfigurationError(
            f"ProfileRepo needs to keep at least {least} files open at once, and this "
            f"system allows {soft}. Raise the limit (for example `ulimit -n 4096` in the "
            "shell that starts the server, or LimitNOFILE= in its systemd unit) and "
            "start it again.")
    return soft


# Python's collector checks its oldest generation after 10 collections of the middle one
# (when a quarter more objects have survived since). With a server's object cache of a
# few hundred thousand objects, each such check stops every thread for 100-400 ms: in
# the soak (2,000 saves while six people search) 31 of them, which alone put the
# searches' p95 past 100 ms. One in 100 keeps garbage cycles a little longer instead.
OLDEST_GENERATION_EVERY = 100


def collect_garbage_less_often(every: int = OLDEST_GENERATION_EVERY) -> tuple[int, ...]:
    """Have the collector check its oldest generation after ``every`` collections of
    the middle one (not 10); returns the thresholds now in force."""
    import gc

    young, middle, oldest = gc.get_threshold()
    gc.set_threshold(young, middle, max(oldest, every))
    return gc.get_threshold()
