"""Two districts for the portability tests: North Valley sends, South Lake receives and
trusts North Valley's keys (as fetched from its DID document); Maya's full record as North
Valley sends it."""
from __future__ import annotations

import pytest
import transaction

from tests.portability.backpacks import district, exported, trusting
from tests.portability.test_export import build_full_record


@pytest.fixture
def sender(tmp_path):
    return district(tmp_path / "north-keys", "https://north.example", "North Valley District")


@pytest.fixture
def receiver(tmp_path):
    return district(tmp_path / "south-keys", "https://south.example", "South Lake District")


@pytest.fixture
def trust(sender, receiver):
    return trusting(receiver, sender)


@pytest.fixture
def backpack(world, sender) -> bytes:
    """Maya's full record as North Valley sends it. (The receiving district here is the
    same database: Maya, s1, is its sender's copy; an import makes a new student.)"""
    build_full_record(world.site())
    transaction.commit()
    data = exported(world.site()["students"]["s1"], sender)
    transaction.abort()
    return data
