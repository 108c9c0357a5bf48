"""Teachers' narrative feedback for a synthetic Student: strengths, growth, then next steps."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from profilerepo.demo import narrative_phrases
from profilerepo.demo.school_calendar import nth_weekday, school_day, term_label
from profilerepo.demo.specs import NarrativeSpec

if TYPE_CHECKING:
    from profilerepo.demo.synthetic import StudentMaker


def make_narratives(student: StudentMaker) -> tuple[NarrativeSpec, ...]:
    """One to four narratives this term, each by the teacher of the course."""
    rng, today, year_start = student.rng, student.today, student.district.year_start
    spring = nth_weekday(year_start.year + 1, 1, 0, 3)
    season, start = ("Spring", spring) if today >= spring else ("Fall", year_start)
    count = min(len(student.classes), rng.choices((1, 2, 3, 4), (25, 35, 25, 15))[0])
    found = []
    for login, course, subject in rng.sample(student.classes, count):
        words = {"course": course, "season": season.lower(), "Season": season}
        back = rng.randint(0, max(0, min(45, (today - start).days - 10)))
        found.append(NarrativeSpec(
            title=rng.choice(narrative_phrases.NARRATIVE_TITLES).format_map(words),
            term=term_label(year_start.year, season), course=course, author_login=login,
            date=school_day(today - timedelta(back)),
            body=_body(student, subject, words)))
    return tuple(found)


def _body(student: StudentMaker, subject: str, words: dict[str, str]) -> str:
    """Strengths first, then growth framed as the next skill, then next steps."""
    rng, young = student.rng, student.grade <= 5
    pool = narrative_phrases.SUBJECTS[narrative_phrases.SUBJECT_GROUP[subject]]

    def pick(name: str) -> Sequence[str]:
        return pool.get(f"{name}_young", pool[name]) if young else pool[name]

    growth_pool = list(pick("growth"))
    if student.grade >= 3:
        growth_pool += narrative_phrases.GENERIC_GROWTH
    context = {**student.ctx, **words, "work": rng.choice(pick("work")),
               "adj": rng.choice(narrative_phrases.OPENER_ADJECTIVES)}
    praise = [rng.choice(narrative_phrases.OPENERS),
              *rng.sample(pick("strengths"), rng.randint(1, 2)),
              rng.choice(narrative_phrases.WORK_PRAISE)]
    if rng.random() < 0.6:
        praise.append(rng.choice(narrative_phrases.HABITS))
    growth = [frame.replace("{g}", item) for frame, item in zip(
        rng.sample(narrative_phrases.GROWTH_FRAMES, 2), rng.sample(growth_pool, rng.randint(1, 2)),
        strict=False)]
    next_pool = pick("next")
    steps = [frame.replace("{n}", item) for frame, item in zip(
        rng.sample(narrative_phrases.NEXT_FRAMES, 2),
        rng.sample(next_pool, min(len(next_pool), rng.randint(1, 2))), strict=False)]
    closing = [rng.choice(narrative_phrases.CLOSINGS)]
    if rng.random() < 0.5:
        closing.insert(0, rng.choice(narrative_phrases.HOME))
    layout = rng.choice(([praise, growth + steps], [praise, growth, steps],
                         [praise, growth, steps + closing[-1:]],
                         [praise, growth, steps, closing]))
    return "\n\n".join(" ".join(text.format_map(context) for text in paragraph)
                       for paragraph in layout)
