"""A trusted address that does not answer is not asked again at once: a backpack whose
five badges name one status list waits for it once, not five times."""
from __future__ import annotations

import pytest

from profilerepo.credentials.trust import FetchFailed, TrustedIssuer, TrustedIssuers


def test_a_failed_fetch_is_remembered_briefly():
    asked = []

    def fetch(url):
        asked.append(url)
        raise FetchFailed(f"{url} could not be fetched (no answer)")

    trust = TrustedIssuers([TrustedIssuer("did:web:records.riverbend.example")], fetch=fetch)
    url = "https://records.riverbend.example/credentials/status/0001"
    for _ in range(5):
        with pytest.raises(FetchFailed, match="no answer"):
            trust.fetch_trusted(url)
    assert asked == [url]
