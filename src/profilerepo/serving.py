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
