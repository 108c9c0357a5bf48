"""When segments are merged: a bounded number of segments whatever the write rate.

Every indexer commit writes a segment, and a steady trickle of saves writes one
every quarter of a second. whoosh's own policy (``MERGE_SMALL``) merges at most
five small segments at a time, so asked every tenth commit it fell behind, and a
busy afternoon left a server with a hundred segments (a thousand open files). Here
segments are grouped in tiers of size (each ``FACTOR`` times the one below) and a
tier's segments are merged into one as soon as it holds ``FACTOR`` of them, so a
document is rewritten about once per tier (a few times in its life) and each tier
holds fewer than ``FACTOR`` segments. Segments of ``LARGE`` documents or more (a
catch-up batch writes them) are left alone until half their documents are deleted,
or unless there are more than ``MOST_SEGMENTS`` in all, when the smallest are
merged too.
"""
from __future__ import annotations

from math import log

FACTOR = 4
SMALLEST_TIER = 100  # documents: every segment smaller than this is in the lowest tier
LARGE = 20_000  # documents: a segment this big is not merged by tier
MOST_SEGMENTS = 20  # a hard ceiling, large segments included


def tier(size: int) -> int:
    """The size tier of a segment of ``size`` live documents (0: the smallest)."""
    if size < SMALLEST_TIER:
        return 0
    return int(log(size / SMALLEST_TIER, FACTOR) + 1e-9) + 1


def is_large(live: int, written: int) -> bool:
    """A segment of ``written`` documents (``live`` of them not deleted) left alone by the
    tiers: one a catch-up batch wrote, until more than half of it is deleted. (Its live
    count is not enough: saves delete a document here and there from every big segment,
    and four big segments just under the size would be rewritten together, holding up
    the indexer for minutes.)"""
    return written >= LARGE and 2 * live >= written


def to_merge(sizes: list[int], written: list[int] | None = None) -> set[int]:
    """Which of the segments of these sizes (live documents; ``written``: all documents,
    deleted ones too, if they differ) to merge into one."""
    written = written or sizes
    tiers: dict[int, list[int]] = {}
    for at, size in enumerate(sizes):
        if not is_large(size, written[at]):
            tiers.setdefault(tier(size), []).append(at)
    chosen = {at for members in tiers.values() if len(members) >= FACTOR
              for at in members}
    chosen |= {at for at, size in enumerate(sizes) if size == 0}  # (all deleted)
    left = sorted((size, at) for at, size in enumerate(sizes) if at not in chosen)
    # (the commit's own new segment counts too; merged ones go into it)
    while left and len(left) + 1 > MOST_SEGMENTS:
        chosen.add(left.pop(0)[1])
        if len(chosen) == 1:  # (one alone is no merge: take the next smallest with it)
            chosen.add(left.pop(0)[1])
    return chosen if len(chosen) > 1 or any(sizes[at] == 0 for at in chosen) else set()


def _sizes(segments) -> tuple[list[int], list[int]]:
    return ([segment.doc_count() for segment in segments],
            [segment.doc_count_all() for segment in segments])


def needs_merging(segments) -> bool:
    """Whether these whoosh segments are due a merge."""
    return bool(to_merge(*_sizes(segments)))


def merge_tiers(writer, segments) -> list:
    """A whoosh merge policy (``writer.commit(mergetype=merge_tiers)``): the segments
    ``to_merge`` chooses are read into the writer's new segment; returns the others."""
    from whoosh.reading import SegmentReader

    chosen = to_merge(*_sizes(segments))
    for at in sorted(chosen):
        reader = SegmentReader(writer.storage, writer.schema, segments[at])
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [segment for at, segment in enumerate(segments) if at not in chosen]
