"""What a backpack holds, in the family's words: counts and titles per part (transcript
terms and credits, plans with their goals, narratives, portfolio work and badges, the
family's own words), read from the same selection the export writes.
"""
from __future__ import annotations

import dataclasses

from profilerepo.family.words import entries as family_entries
from profilerepo.family_requests.statements import statements_of
from profilerepo.portability.export import title_of
from profilerepo.portability.selection import Selection


@dataclasses.dataclass
class Part:
    """One part of the backpack as the summary page lists it."""

    heading: str
    lines: list[str]
    empty: str = ""  # what to say when it holds nothing


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def _credits(courses) -> str:
    total = sum(c.get("credits") or 0 for c in courses)
    return f"{total:g} credit{'' if total == 1 else 's'}"


def transcript_lines(transcript) -> list[str]:
    """A line per term (courses and credits), then assessments and attendance."""
    lines = [f"{term}: {_plural(len(courses), 'course')}, {_credits(courses)}"
             for term, courses in transcript.terms()]
    if transcript.assessments:
        lines.append(_plural(len(transcript.assessments), "assessment result"))
    if transcript.attendance:
        lines.append("Attendance for the year")
    return lines or ["No courses recorded yet"]


def summarize(selection: Selection) -> list[Part]:
    """The parts of the backpack of ``selection``, in the order a family reads them."""
    by_path = dict(selection.documents)
    kinds: dict[str, list] = {}
    for path, document in selection.documents:
        kinds.setdefault(type(document).__name__, []).append((path, document))
    parts = []
    profile = by_path.get("profile")
    parts.append(Part("Learner profile", ["Strengths, interests and how they learn best"]
                      if profile is not None else [], "Not included"))
    transcript = by_path.get("transcript")
    parts.append(Part("Transcript", transcript_lines(transcript) if transcript else [],
                      "Not included"))
    plans = []
    for path, plan in kinds.get("Plan", []):
        goals = [g for p, g in kinds.get("Goal", []) if p.startswith(f"{path}/goals/")]
        label = "current" if path == "plan" else "past"
        titles = "; ".join(g.title.rstrip(" .;") for g in goals)  # (titles end in ".")
        plans.append(f"{title_of(plan)} ({label}): {_plural(len(goals), 'goal')}"
                     + (f" — {titles}" if titles else ""))
    parts.append(Part("Success plans", plans, "None"))
    parts.append(Part("Progress reports", [title_of(r) for _, r in
                                           kinds.get("ProgressReport", [])], "None shared"))
    parts.append(Part("Narrative feedback", [
        f"{n.title} ({n.course}, {n.term})" for _, n in kinds.get("Narrative", [])],
        "None shared"))
    portfolio = [(p, d) for p, d in selection.documents if p.startswith("portfolio/")]
    work = [title_of(d) for _, d in portfolio if getattr(d, "kind", "") != "badge"]
    badges = [title_of(d) for _, d in portfolio if getattr(d, "kind", "") == "badge"]
    parts.append(Part("Portfolio", work, "No pieces"))
    parts.append(Part("Badges", badges, "No badges"))
    parts.append(Part("Your words", family_words_lines(selection), "None written"))
    known = {"Plan", "Goal", "ProgressReport", "Narrative", "Transcript", "Profile"}
    others = [title_of(d) for p, d in selection.documents
              if type(d).__name__ not in known and not p.startswith("portfolio/")]
    if others:
        parts.append(Part("Other documents", others))
    return parts


def family_words_lines(selection: Selection) -> list[str]:
    """How many comments, observations and statements the family wrote that go along."""
    comments = observations = statements = 0
    for _, document in selection.documents:
        for _, word in family_entries(document):
            if word.observed is not None:
                observations += 1
            else:
                comments += 1
        statements += len(statements_of(document))
    lines = []
    if comments:
        lines.append(_plural(comments, "comment") + " on the transcript")
    if observations:
        lines.append(_plural(observations, "observation") + " on goals")
    if statements:
        lines.append(_plural(statements, "statement") + " of disagreement")
    return lines
