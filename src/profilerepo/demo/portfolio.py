"""Portfolio pieces and badges of a synthetic Student, each with the real bytes of its file."""
from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import TYPE_CHECKING

from profilerepo.demo import files, portfolio_phrases
from profilerepo.demo.school_calendar import GRADES, school_day
from profilerepo.demo.specs import PortfolioSpec

if TYPE_CHECKING:
    from profilerepo.demo.synthetic import StudentMaker


def make_portfolio(student: StudentMaker) -> tuple[PortfolioSpec, ...]:
    """One to three pieces of the Student's best work, now and then a badge."""
    rng, found, titles = student.rng, [], set()
    makers = (_writing, _chart, _pattern, _essay)
    for _ in range(rng.choices((1, 2, 3), (40, 40, 20))[0]):
        badge = rng.random() < 0.15
        maker = _badge if badge else rng.choices(makers, (45, 20, 15, 20))[0]
        title, description, content_type, data = maker(student)
        if title in titles:  # a second copy of a piece is not a second piece
            continue
        titles.add(title)
        stem, extension = files.file_stem(title), files.EXTENSIONS[content_type]
        filename = f"{stem}.{extension}"
        if any(item.filename == filename for item in found):
            filename = f"{stem}-{len(titles)}.{extension}"
        reflections = portfolio_phrases.REFLECTIONS["older" if student.grade >= 6
                                                    else student.band]
        found.append(PortfolioSpec(
            title=title, description=description, reflection=rng.choice(reflections),
            filename=filename, content_type=content_type, data=data,
            added_by=_adder(student, badge),
            date=_work_date(student),
            kind="badge" if badge else "work"))
    return tuple(found)


def _work_date(student: StudentMaker) -> date:
    """A school day this year, or for some pieces last spring."""
    rng, start = student.rng, student.district.year_start
    if student.grade and rng.random() < 0.25:
        return school_day(date(start.year, 3, 1) + timedelta(rng.randrange(80)))
    return school_day(start + timedelta(rng.randrange((student.today - start).days + 1)))


def _adder(student: StudentMaker, badge: bool) -> str:
    """Tutors award badges when the family granted one; otherwise the Student or a teacher."""
    if badge:
        return student.contributors[0] if student.contributors else student.teacher_logins[0]
    return student.login or student.teacher_logins[0]


def _byline(student: StudentMaker) -> str:
    name = student.preferred or student.given
    return f"{name} {student.family_name}, grade {GRADES[student.grade]}"


def _writing(student: StudentMaker) -> tuple[str, str, str, bytes]:
    """A poem, an opinion paragraph or a lab summary, in plain UTF-8 text."""
    rng, name = student.rng, student.preferred or student.given
    topic = rng.choice(portfolio_phrases.POEM_TOPICS)
    if student.band == "early":
        lines = rng.sample(portfolio_phrases.POEM_LINES_YOUNG, 3)
        title, body = f"My poem: {topic}", "\n".join(lines)
        description = f"A short poem {name} dictated and illustrated in class."
    elif rng.random() < 0.45:
        lines = rng.sample(portfolio_phrases.POEM_LINES, rng.randint(4, 6))
        lines[-1] = lines[-1].rstrip(",") + "."
        title, body = f"Poem: {topic}", "\n".join(lines)
        description = f"A free-verse poem about {topic.lower()}, drafted and revised twice."
    elif rng.random() < 0.5:
        title, body = _opinion(student)
        description = "An opinion paragraph with a claim, two reasons and a conclusion."
    else:
        title, body = _lab(student)
        description = "A lab summary from a class investigation, with real measurements."
    text = f"{title}\n{_byline(student)}\n\n{body}\n"
    return title, description, "text/plain", text.encode("utf-8")


def _opinion(student: StudentMaker) -> tuple[str, str]:
    claim, reason, other = student.rng.choice(portfolio_phrases.OPINIONS)
    closing = student.rng.choice(portfolio_phrases.OPINION_CLOSINGS)
    lower = reason[0].lower() + reason[1:]
    return (f"Opinion: {claim.rstrip('.')}",
            f"{claim} First, {lower} Second, {other[0].lower() + other[1:]} {closing}")


def _lab(student: StudentMaker) -> tuple[str, str]:
    rng = student.rng
    question, levels, unit, direction = rng.choice(portfolio_phrases.LABS)
    start = rng.randint(20, 60)
    results = [max(1, start + direction * 12 * k + rng.randint(-3, 3)) for k in range(3)]
    most = "most" if results[-1] > results[0] else "fewest"
    return (f"Lab summary: {question}", "\n".join((
        f"Question: {question}",
        f"What I changed: {', '.join(levels)}",
        f"Results ({unit}): " + "; ".join(
            f"{level} {value}" for level, value in zip(levels, results, strict=True)),
        f"What I learned: the {levels[-1]} trial had the {most} {unit}. "
        "Next time I would repeat each trial three times to be sure.")))


def _chart(student: StudentMaker) -> tuple[str, str, str, bytes]:
    rng = student.rng
    topic = rng.choice(portfolio_phrases.CHART_TOPICS)
    values = [rng.randint(2, 20) for _ in range(rng.randint(4, 6))]
    image = files.bar_chart(values, rng.choice(files.PALETTE))
    return (f"Bar graph: {topic[0].upper() + topic[1:]}",
            f"A bar graph showing {topic}, drawn from data collected in class.",
            "image/png", image)


def _pattern(student: StudentMaker) -> tuple[str, str, str, bytes]:
    rng = student.rng
    first, second = rng.sample(files.PALETTE, 2)
    image = files.pattern(first, second, rng.choice((4, 8)), rng.random() < 0.7)
    return (rng.choice(portfolio_phrases.PATTERN_TITLES),
            "A repeating pattern planned on graph paper, then drawn pixel by pixel.",
            "image/png", image)


def _essay(student: StudentMaker) -> tuple[str, str, str, bytes]:
    if student.grade < 3:
        return _chart(student)
    title, body = _opinion(student) if student.rng.random() < 0.6 else _lab(student)
    lines = [_byline(student), ""]
    for paragraph in body.split("\n"):
        lines += textwrap.wrap(paragraph, 80)
    return (title, "A final draft, formatted and printed to PDF.", "application/pdf",
            files.pdf(title, lines))


def _badge(student: StudentMaker) -> tuple[str, str, str, bytes]:
    rng = student.rng
    title, description = rng.choice([badge[:2] for badge in portfolio_phrases.BADGES
                                     if badge[2] <= student.grade <= badge[3]])
    if rng.random() < 0.5:
        first, second = rng.sample(files.PALETTE, 2)
        return title, description, "image/png", files.rings(first, second, rng.choice((3, 4)))
    lines = [f"Awarded to {student.preferred or student.given} {student.family_name}", "",
             description]
    return title, description, "application/pdf", files.pdf(f"Badge: {title}", lines)
