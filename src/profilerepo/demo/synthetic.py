"""A deterministic synthetic school district, as plain data, for demos and load tests.

``District(students=N, seed=S, today=D)`` builds schools, staff and contributors at once and
rebuilds any Student from (seed, index) alone, so a loader can stream 10,000+ Students in
little memory. Standard library only; another module turns these specs into database objects.
The records are in ``specs``; a Student's transcript, plan, narratives and portfolio are each
made in a module of that name, from the StudentMaker here that holds what they share.
"""
from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from profilerepo import clock
from profilerepo.demo import names, phrases, plan_phrases
from profilerepo.demo.names import CORE, ELECTIVES
from profilerepo.demo.narratives import make_narratives
from profilerepo.demo.plans import make_plan
from profilerepo.demo.portfolio import make_portfolio
from profilerepo.demo.progress import INTERVALS
from profilerepo.demo.school_calendar import (
    GRADES,
    LEVEL_GRADES,
    age_band,
    nth_weekday,
    school_day,
    school_year,
)
from profilerepo.demo.specs import (
    AssessmentRecord,
    AttendanceRecord,
    ContributorSpec,
    CourseRecord,
    DataPointSpec,
    GoalSpec,
    GuardianSpec,
    NarrativeSpec,
    PlanSpec,
    PortfolioSpec,
    ProfileSpec,
    SchoolSpec,
    StaffSpec,
    StudentSpec,
    SupportSpec,
    TranscriptSpec,
)
from profilerepo.demo.transcript import MAX_COURSE_ROWS, make_transcript

__all__ = [
    "CORE", "ELECTIVES", "FAMILY_BLOCK", "GRADES", "INTERVALS", "LEVEL_GRADES",
    "MAX_COURSE_ROWS", "AssessmentRecord", "AttendanceRecord", "ContributorSpec", "CourseRecord",
    "DataPointSpec", "District", "GoalSpec", "GuardianSpec", "NarrativeSpec", "PlanSpec",
    "PortfolioSpec", "ProfileSpec", "SchoolSpec", "StaffSpec", "StudentSpec", "SupportSpec",
    "TranscriptSpec", "school_year",
]

FAMILY_BLOCK = 8  # families never straddle a block, so siblings are found without a scan
_SUBJECT_REPEAT = CORE + CORE + ELECTIVES  # extra teachers go mostly to the core subjects
_PRONOUNS = {
    "she": ("she", "her", "her", "herself", "s", "es", "ies", "is", "has", "does"),
    "he": ("he", "him", "his", "himself", "s", "es", "ies", "is", "has", "does"),
    "they": ("they", "them", "their", "themself", "", "", "y", "are", "have", "do"),
}


@dataclass(frozen=True, slots=True)
class _Family:
    """Children at consecutive indexes who share a family name, guardians and schools."""
    first: int
    family_name: str
    grades: tuple[int, ...]
    neighborhood: int
    guardians: tuple[GuardianSpec, ...]


class District:
    """Schools, staff and contributors of a synthetic district; Students made on demand.

    Everything follows from (students, seed, today): pass ``today`` for repeatable output,
    since data points, attendance and the plan's school year are all dated relative to it.
    """

    def __init__(self, students: int, seed: int = 2026, today: date | None = None) -> None:
        if students < 0:
            raise ValueError(f"students must be zero or more, not {students}")
        self.size = students
        self.seed = seed
        self.today = today or clock.today()
        self.year_start, self.year_end = school_year(self.today)
        self._taken: dict[str, int] = {}
        self._family_cache: _Family | None = None
        self._level_counts = _school_counts(students)
        self.schools = self._make_schools()
        self.staff = self._make_staff()
        self.contributors = self._make_contributors()
        self._index_people()

    def __len__(self) -> int:
        return self.size

    def students(self) -> Iterator[StudentSpec]:
        """Every Student in index order, one at a time; the whole list never exists."""
        for index in range(self.size):
            yield self.student(index)

    def student(self, index: int) -> StudentSpec:
        """The Student at ``index``, rebuilt from (seed, index) alone."""
        if not 0 <= index < self.size:
            raise IndexError(f"no student {index}: the district has {self.size}")
        return StudentMaker(self, self._family_of(index), index).build()

    def rng(self, *parts: object) -> random.Random:
        """A random source seeded from the district seed and ``parts`` (stable across runs)."""
        return random.Random("/".join(map(str, (self.seed, *parts))))

    def contributor_kind(self, login: str) -> str:
        """What the contributor with ``login`` does: tutor, mentor, therapist and so on."""
        return self._contributor_kind[login]

    def _make_schools(self) -> tuple[SchoolSpec, ...]:
        pools = {"elementary": (names.SCHOOL_PLACES, "Elementary"),
                 "middle": (names.MIDDLE_NAMES + names.SCHOOL_PLACES, "Middle School"),
                 "high": (names.HIGH_NAMES + names.SCHOOL_PLACES, "High School")}
        rng, schools = self.rng("schools"), []
        for level, count in self._level_counts.items():
            grades = tuple(GRADES[grade] for grade in LEVEL_GRADES[level])
            for name in names.school_names(rng, *pools[level], count):
                schools.append(SchoolSpec(f"sch-{len(schools) + 1:02d}", name, level, grades))
        return tuple(schools)

    def _enrollment(self, school: SchoolSpec) -> float:
        """Expected Students at a school: its share of grades, split among its level's schools."""
        return self.size * len(school.grades) / 13 / self._level_counts[school.level]

    def _make_staff(self) -> tuple[StaffSpec, ...]:
        rng = self.rng("staff")
        staff = [self._staff(rng, "administrator", None, None) for _ in range(2)]
        for school in self.schools:
            expected = self._enrollment(school)
            staff.append(self._staff(rng, "administrator", school.id, None))
            staff += [self._staff(rng, "counselor", school.id, None)
                      for _ in range(max(1, ceil(expected / 250)))]
            staff += [self._staff(rng, "teacher", school.id, subject)
                      for subject in _teacher_subjects(rng, school, expected)]
        return tuple(staff)

    def _staff(self, rng: random.Random, role: str, school_id: str | None,
               subject: str | None) -> StaffSpec:
        given, family = names.person(rng)
        return StaffSpec(self._claim(names.slug(given)[0] + names.slug(family)), given, family,
                         role, school_id, subject)

    def _make_contributors(self) -> tuple[ContributorSpec, ...]:
        rng, kinds = self.rng("contributors"), names.CONTRIBUTOR_KINDS
        people = []
        for number in range(self.size // 40 + 3):
            given, family = names.person(rng)
            people.append(ContributorSpec(self._claim(names.slug(given)[0] + names.slug(family)),
                                          given, family, kinds[number % len(kinds)]))
        return tuple(people)

    def _claim(self, base: str) -> str:
        """A unique staff or contributor login: the base, else the base with 2, 3, ..."""
        count = self._taken.get(base, 0) + 1
        self._taken[base] = count
        return base if count == 1 else f"{base}{count}"

    def _index_people(self) -> None:
        self._schools_by_level: dict[str, list[SchoolSpec]] = {
            level: [] for level in LEVEL_GRADES}
        for school in self.schools:
            self._schools_by_level[school.level].append(school)
        self._counselors: dict[str, list[str]] = {}
        self._teachers: dict[tuple[str, str], list[str]] = {}  # (school id, subject) -> logins
        for person in self.staff:
            if person.role == "counselor":
                self._counselors.setdefault(person.school_id, []).append(person.login)
            elif person.role == "teacher":
                self._teachers.setdefault((person.school_id, person.subject), []).append(
                    person.login)
        self._contributor_kind = {person.login: person.kind for person in self.contributors}
        self._contributor_logins = tuple(self._contributor_kind)

    def _family_of(self, index: int) -> _Family:
        """The family holding ``index``; a block's layout depends only on (seed, block)."""
        block = index // FAMILY_BLOCK
        rng, first = self.rng("block", block), block * FAMILY_BLOCK
        while True:
            size = min(rng.choices((1, 2, 3), (72, 20, 8))[0], (block + 1) * FAMILY_BLOCK - first)
            if index < first + size:
                break
            first += size
        cached = self._family_cache
        if cached is None or cached.first != first:
            cached = self._family_cache = self._make_family(first, size)
        return cached

    def _make_family(self, first: int, size: int) -> _Family:
        rng = self.rng("family", first)
        family_name = rng.choice(names.FAMILY_NAMES)
        grades = [rng.randrange(13)]
        while len(grades) < size:
            step = rng.choice((1, 2, 2, 3, 3, 4, 5))
            grade = grades[-1] + (step if rng.random() < 0.5 else -step)
            if 0 <= grade <= 12 and grade not in grades:
                grades.append(grade)
        return _Family(first, family_name, tuple(grades), rng.randrange(1 << 30),
                       names.guardians(rng, first, family_name))


def _school_counts(students: int) -> dict[str, int]:
    """About one school per 500 Students, at least one per level, most of them elementary."""
    total = max(3, students // 500)
    high, middle = max(1, round(total * 0.2)), max(1, round(total * 0.25))
    return {"elementary": max(1, total - high - middle), "middle": middle, "high": high}


def _teacher_subjects(rng: random.Random, school: SchoolSpec, expected: float) -> list[str]:
    """Homeroom grades plus two specialists at elementary; subjects at middle and high."""
    if school.level == "elementary":
        per_grade = max(1, ceil(expected / len(school.grades) / 25))
        homerooms = [f"Grade {grade}" for grade in school.grades for _ in range(per_grade)]
        return homerooms + ["Art", rng.choice(("Music", "Physical Education"))]
    first = CORE + ELECTIVES
    count = max(6, ceil(expected / 30))
    return [first[k] if k < len(first) else _SUBJECT_REPEAT[(k - len(first)) % 13]
            for k in range(count)]


class StudentMaker:
    """Builds one StudentSpec; holds what its parts share: names, pronouns, ability, classes."""

    def __init__(self, district: District, family: _Family, index: int) -> None:
        self.district, self.family, self.index = district, family, index
        self.today = district.today
        self.rng = rng = district.rng("student", index)
        self.grade = family.grades[index - family.first]
        self.band = age_band(self.grade)
        self.ability, self.momentum = rng.gauss(0, 1), rng.gauss(0, 1)
        self.pronoun = rng.choices(("she", "he", "they"), (47, 47, 6))[0]
        self.given = names.given_name(rng, self.pronoun)
        self.family_name = (family.family_name if rng.random() < 0.92
                            else rng.choice(names.FAMILY_NAMES))
        self.preferred = self._preferred()
        self.ctx = self._context(self.preferred or self.given)
        level = next(name for name, grades in LEVEL_GRADES.items() if self.grade in grades)
        schools = district._schools_by_level[level]
        self.school = schools[family.neighborhood % len(schools)]
        self.entry = self._entry_date()
        self.program = self._program()
        self.chronic = rng.random() < 0.12
        self.classes = self._classes()
        self.teacher_logins = tuple(dict.fromkeys(login for login, _, _ in self.classes))
        self.counselor = rng.choice(district._counselors[self.school.id])
        self.contributors = tuple(rng.sample(district._contributor_logins,
                                             rng.choices((0, 1, 2), (68, 24, 8))[0]))
        self.login = (f"{names.slug(self.given)}.{names.slug(self.family_name)}{index}"
                      if self.grade >= 3 else None)

    def build(self) -> StudentSpec:
        """The StudentSpec; its parts draw from the Student's random source in a fixed order."""
        return StudentSpec(
            index=self.index, id=f"stu-{self.index:06d}", given_name=self.given,
            family_name=self.family_name, preferred_name=self.preferred,
            birth_date=self._birth_date(), grade=GRADES[self.grade], school_id=self.school.id,
            entry_date=self.entry, login=self.login, guardians=self.family.guardians,
            counselor_login=self.counselor, teacher_logins=self.teacher_logins,
            contributor_logins=self.contributors, transcript=make_transcript(self),
            profile=self._profile(), plan=make_plan(self), narratives=make_narratives(self),
            portfolio=make_portfolio(self))

    def fill(self, template: str, **extra: str) -> str:
        """A phrase with the Student's name and pronouns (and any ``extra`` words) filled in."""
        return template.format_map({**self.ctx, **extra} if extra else self.ctx)

    def staff_for(self, role: str) -> str:
        """The login behind a role in the phrases: reading, math, counselor or any teacher."""
        if role == "reading":
            return self.reading
        if role == "math":
            return self.math
        return self.counselor if role == "counselor" else self.rng.choice(self.teacher_logins)

    def _some(self, pool: Sequence[str], most: int) -> str:
        chosen = self.rng.sample(pool, self.rng.randint(1, most))
        return " ".join(self.fill(text) for text in chosen)

    def _preferred(self) -> str | None:
        """Some Students go by a nickname or another name (a middle name, say)."""
        if self.rng.random() >= 0.13:
            return None
        other = names.NICKNAMES.get(self.given) or names.given_name(self.rng, self.pronoun)
        return other if other != self.given else None

    def _context(self, name: str) -> dict[str, str]:
        sub, obj, pos, refl, s, es, ies, is_, has, does = _PRONOUNS[self.pronoun]
        return {"name": name, "sub": sub, "Sub": sub.capitalize(), "obj": obj, "pos": pos,
                "Pos": pos.capitalize(), "refl": refl, "s": s, "es": es, "ies": ies, "is": is_,
                "has": has, "does": does}

    def _birth_date(self) -> date:
        """A birthday in the cohort: five by September 1 of the kindergarten year."""
        year = self.district.year_start.year - self.grade
        low, high = date(year - 6, 9, 2), date(year - 5, 9, 1)
        return low + timedelta(self.rng.randrange((high - low).days + 1))

    def _entry_date(self) -> date:
        """First day at this school level, or a later transfer date for some Students."""
        first_grade = LEVEL_GRADES[self.school.level].start
        start = nth_weekday(self.district.year_start.year - (self.grade - first_grade), 8, 0, 4)
        if self.rng.random() < 0.15:
            later = start + timedelta(self.rng.randrange(max(1, (self.today - start).days)))
            start = max(start, school_day(later))
        return min(start, self.today)

    def _program(self) -> tuple[str, str, str]:
        """(key, transcript sentence, accommodations) of the Student's special program."""
        rng, programs = self.rng, plan_phrases.PROGRAMS
        key, _, sentence, details, accommodations = rng.choices(
            programs, [program[1] for program in programs])[0]
        since = rng.randint(0, self.grade)
        text = sentence.format(detail=rng.choice(details),
                               since="kindergarten" if since == 0 else f"grade {since}")
        return key, text, rng.choice(accommodations)

    def _classes(self) -> list[tuple[str, str, str]]:
        """(teacher login, course, subject) for this term; sets the reading and math teacher."""
        district, rng, school = self.district, self.rng, self.school
        teachers = district._teachers
        if school.level == "elementary":
            homeroom = rng.choice(teachers[(school.id, f"Grade {GRADES[self.grade]}")])
            inquiry = "Science" if rng.random() < 0.5 else "Social Studies"
            classes = [(homeroom, course, course)
                       for course in ("Reading", "Writing", "Mathematics", inquiry)]
            if rng.random() < 0.5:
                subject = rng.choice([subject for subject in ("Art", "Music", "Physical Education")
                                      if (school.id, subject) in teachers])
                classes.append((rng.choice(teachers[(school.id, subject)]), subject, subject))
            self.reading = self.math = homeroom
            return classes
        electives = [subject for subject in ELECTIVES if (school.id, subject) in teachers]
        subjects = CORE + tuple(rng.sample(electives, rng.choice((0, 1, 1, 2))))
        classes = []
        for subject in subjects:
            login = rng.choice(teachers[(school.id, subject)])
            classes.append((login, names.course_name(subject, self.grade, login), subject))
        self.reading, self.math = classes[0][0], classes[1][0]
        return classes

    def _profile(self) -> ProfileSpec:
        """The learner profile: strengths first, then interests, motivations and needs."""
        rng, fill, band = self.rng, self.fill, self.band
        t1, t2, t3 = rng.sample(phrases.TRAITS, 3)
        strengths = (fill(rng.choice(phrases.STRENGTH_FRAMES), t1=t1, t2=t2, t3=t3) + " "
                     + fill(rng.choice(phrases.STRENGTHS[band])))
        first, second = rng.sample(phrases.INTERESTS[band], 2)
        needs = self._some(phrases.NEEDS, 2)
        if self.program[0] in phrases.PROGRAM_NEEDS:
            needs = fill(phrases.PROGRAM_NEEDS[self.program[0]]) + " " + needs
        return ProfileSpec(
            strengths=strengths,
            interests=fill(rng.choice(phrases.INTEREST_FRAMES), a=first, b=second),
            motivations=self._some(phrases.MOTIVATIONS, 2), needs=needs,
            preferences=self._some(phrases.PREFERENCES, 2),
            learns_best=self._some(phrases.LEARNS_BEST, 2),
            my_goals=" ".join(rng.sample(phrases.MY_GOALS[band], rng.choice((1, 1, 2)))),
            # (a source of its own: the other draws, and so earlier demos, stay as they were)
            my_dream=self.district.rng("dream", self.index).choice(phrases.MY_DREAMS[band]))
