"""A deterministic synthetic school district, as plain data, for demos and load tests.

``District(students=N, seed=S, today=D)`` builds schools, staff and contributors at once and
rebuilds any Student from (seed, index) alone, so a loader can stream 10,000+ Students in
little memory. Standard library only; another module turns these specs into database objects.
"""
from __future__ import annotations

import random
import re
import struct
import textwrap
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from profilerepo.demo import phrases

GRADES = ("K",) + tuple(str(grade) for grade in range(1, 13))
LEVEL_GRADES = {"elementary": range(0, 6), "middle": range(6, 9), "high": range(9, 13)}
CORE = ("English", "Math", "Science", "Social Studies")
ELECTIVES = ("World Languages", "Art", "Physical Education", "Computer Science", "Music")
INTERVALS = {"weekly": 7, "every two weeks": 14, "every three weeks": 21, "monthly": 30}
FAMILY_BLOCK = 8  # families never straddle a block, so siblings are found without a scan
MAX_COURSE_ROWS = 12
_SUBJECT_REPEAT = CORE + CORE + ELECTIVES  # extra teachers go mostly to the core subjects
_TWO_GUARDIANS = ((("mother", "father"), 70), (("mother", "mother"), 4),
                  (("father", "father"), 3), (("mother", "grandmother"), 5),
                  (("grandmother", "grandfather"), 6), (("aunt", "uncle"), 4),
                  (("foster parent", "foster parent"), 4), (("father", "grandmother"), 4))
_ONE_GUARDIAN = (("mother", 55), ("father", 18), ("grandmother", 10), ("grandfather", 3),
                 ("aunt", 4), ("uncle", 3), ("legal guardian", 4), ("foster parent", 3))
_PRONOUNS = {
    "she": ("she", "her", "her", "herself", "s", "es", "ies", "is", "has", "does"),
    "he": ("he", "him", "his", "himself", "s", "es", "ies", "is", "has", "does"),
    "they": ("they", "them", "their", "themself", "", "", "y", "are", "have", "do"),
}
_LETTERS = ((3.85, "A"), (3.5, "A-"), (3.15, "B+"), (2.85, "B"), (2.5, "B-"), (2.15, "C+"),
            (1.85, "C"), (1.5, "C-"), (1.0, "D"))
_READING_NORMS = (142, 160, 175, 188, 198, 206, 211, 215, 218, 220, 222, 224, 225)
_MATH_NORMS = (140, 162, 176, 190, 202, 212, 218, 223, 227, 230, 232, 234, 236)


@dataclass(frozen=True, slots=True)
class SchoolSpec:
    """A school: stable id, name, level and the grades it serves."""
    id: str
    name: str
    level: str
    grades: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StaffSpec:
    """A staff member; school_id is None for district administrators."""
    login: str
    given_name: str
    family_name: str
    role: str
    school_id: str | None
    subject: str | None


@dataclass(frozen=True, slots=True)
class ContributorSpec:
    """A tutor, mentor, therapist or program lead a family may grant access to."""
    login: str
    given_name: str
    family_name: str
    kind: str


@dataclass(frozen=True, slots=True)
class GuardianSpec:
    """A parent or guardian; siblings share the same GuardianSpec."""
    login: str
    given_name: str
    family_name: str
    relationship: str
    email: str


@dataclass(frozen=True, slots=True)
class CourseRecord:
    """One course row of the official transcript."""
    term: str
    course: str
    grade: str
    credits: float


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """A test score with its growth percentile (1-99)."""
    name: str
    date: date
    score: int
    growth: int


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    """Attendance for the school year to date."""
    days_enrolled: int
    days_absent: int
    tardies: int


@dataclass(frozen=True, slots=True)
class TranscriptSpec:
    """The official record: courses by term, assessments, attendance, special programs."""
    courses: tuple[CourseRecord, ...]
    assessments: tuple[AssessmentRecord, ...]
    attendance: AttendanceRecord
    programs: str


@dataclass(frozen=True, slots=True)
class ProfileSpec:
    """The learner profile, strengths first; my_goals is in the Student's own voice."""
    strengths: str
    interests: str
    motivations: str
    needs: str
    preferences: str
    learns_best: str
    my_goals: str


@dataclass(frozen=True, slots=True)
class SupportSpec:
    """A support or service in the success plan."""
    kind: str
    provider: str
    setting: str
    frequency: str
    minutes: int
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class DataPointSpec:
    """One progress-monitoring measurement of a Goal."""
    date: date
    value: float
    recorded_by: str
    note: str


@dataclass(frozen=True, slots=True)
class GoalSpec:
    """A measurable goal; its first data point is the baseline measurement."""
    title: str
    area: str
    measure: str
    unit: str
    higher_is_better: bool
    baseline_value: float
    baseline_date: date
    target_value: float
    target_date: date
    schedule: str
    responsible: tuple[str, ...]
    standard_code: str | None
    data_points: tuple[DataPointSpec, ...]


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """The success plan for one school year."""
    period_start: date
    period_end: date
    team: tuple[str, ...]
    supports: tuple[SupportSpec, ...]
    accommodations: str
    goals: tuple[GoalSpec, ...]


@dataclass(frozen=True, slots=True)
class NarrativeSpec:
    """A teacher's narrative feedback: strengths, then growth, then next steps."""
    title: str
    term: str
    course: str
    author_login: str
    date: date
    body: str


@dataclass(frozen=True, slots=True)
class PortfolioSpec:
    """A portfolio piece or badge with the real bytes of its file."""
    title: str
    description: str
    reflection: str
    filename: str
    content_type: str
    data: bytes
    added_by: str
    date: date
    kind: str


@dataclass(frozen=True, slots=True)
class StudentSpec:
    """Everything about one Student, ready to load."""
    index: int
    id: str
    given_name: str
    family_name: str
    preferred_name: str | None
    birth_date: date
    grade: str
    school_id: str
    entry_date: date
    login: str | None
    guardians: tuple[GuardianSpec, ...]
    counselor_login: str
    teacher_logins: tuple[str, ...]
    contributor_logins: tuple[str, ...]
    transcript: TranscriptSpec
    profile: ProfileSpec
    plan: PlanSpec
    narratives: tuple[NarrativeSpec, ...]
    portfolio: tuple[PortfolioSpec, ...]


@dataclass(frozen=True, slots=True)
class _Family:
    """Children at consecutive indexes who share a family name, guardians and schools."""
    first: int
    family_name: str
    grades: tuple[int, ...]
    neighborhood: int
    guardians: tuple[GuardianSpec, ...]


def school_year(today: date) -> tuple[date, date]:
    """The school year holding ``today``: fourth Monday of August to second Friday of June."""
    start = _nth_weekday(today.year, 8, 0, 4)
    if today < start:
        start = _nth_weekday(today.year - 1, 8, 0, 4)
    return start, _nth_weekday(start.year + 1, 6, 4, 2)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))


def _school_day(day: date) -> date:
    """The day itself, or the Friday before when it falls on a weekend (never later)."""
    return day - timedelta(max(0, day.weekday() - 4))


def _school_days(start: date, end: date) -> int:
    """Weekdays from start to end inclusive, less about one holiday in twenty-five."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    extra = sum(1 for k in range(rest) if (start.weekday() + k) % 7 < 5)
    weekdays = weeks * 5 + extra
    return weekdays - weekdays // 25


def _slug(name: str) -> str:
    """The lowercase ASCII letters of a name, for logins."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if "a" <= ch <= "z") or "x"


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _grade_label(grade: int) -> str:
    """How the Common Core names a grade in standard codes: K, 1..8, 9-10, 11-12."""
    if grade >= 9:
        return "9-10" if grade <= 10 else "11-12"
    return GRADES[grade]


def _band(grade: int) -> str:
    return "early" if grade <= 2 else "upper" if grade <= 5 else "middle" if grade <= 8 else "high"


def _term(year: int, season: str) -> str:
    return f"{year}-{(year + 1) % 100:02d} {season}"


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
        self.today = today or date.today()
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
        return _StudentMaker(self, self._family_of(index), index).build()

    def rng(self, *parts: object) -> random.Random:
        """A random source seeded from the district seed and ``parts`` (stable across runs)."""
        return random.Random("/".join(map(str, (self.seed, *parts))))

    def _make_schools(self) -> tuple[SchoolSpec, ...]:
        pools = {"elementary": (phrases.SCHOOL_PLACES, "Elementary"),
                 "middle": (phrases.MIDDLE_NAMES + phrases.SCHOOL_PLACES, "Middle School"),
                 "high": (phrases.HIGH_NAMES + phrases.SCHOOL_PLACES, "High School")}
        rng, schools = self.rng("schools"), []
        for level, count in self._level_counts.items():
            grades = tuple(GRADES[grade] for grade in LEVEL_GRADES[level])
            for name in _school_names(rng, *pools[level], count):
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
        given, family = _person(rng)
        return StaffSpec(self._claim(_slug(given)[0] + _slug(family)), given, family, role,
                         school_id, subject)

    def _make_contributors(self) -> tuple[ContributorSpec, ...]:
        rng, kinds = self.rng("contributors"), phrases.CONTRIBUTOR_KINDS
        people = []
        for number in range(self.size // 40 + 3):
            given, family = _person(rng)
            people.append(ContributorSpec(self._claim(_slug(given)[0] + _slug(family)), given,
                                          family, kinds[number % len(kinds)]))
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
        family_name = rng.choice(phrases.FAMILY_NAMES)
        grades = [rng.randrange(13)]
        while len(grades) < size:
            step = rng.choice((1, 2, 2, 3, 3, 4, 5))
            grade = grades[-1] + (step if rng.random() < 0.5 else -step)
            if 0 <= grade <= 12 and grade not in grades:
                grades.append(grade)
        return _Family(first, family_name, tuple(grades), rng.randrange(1 << 30),
                       _guardians(rng, first, family_name))


def _school_counts(students: int) -> dict[str, int]:
    """About one school per 500 Students, at least one per level, most of them elementary."""
    total = max(3, students // 500)
    high, middle = max(1, round(total * 0.2)), max(1, round(total * 0.25))
    return {"elementary": max(1, total - high - middle), "middle": middle, "high": high}


def _school_names(rng: random.Random, pool: Sequence[str], suffix: str, count: int) -> list[str]:
    """Distinct school names; past the pool, prefixes and then numbers keep them unique."""
    places = rng.sample(pool, len(pool))
    names = [f"{place} {suffix}" for place in places]
    for prefix in ("North", "South", "East", "West", "New"):
        names += [f"{prefix} {place} {suffix}" for place in places]
    names = list(dict.fromkeys(names))
    while len(names) < count:
        names += [f"{name} {len(names) // len(places) + 1}" for name in names[:len(places)]]
    return names[:count]


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


def _given(rng: random.Random, pronoun: str) -> str:
    if pronoun == "they" or rng.random() < 0.12:
        return rng.choice(phrases.GIVEN_ANY)
    return rng.choice(phrases.GIVEN_SHE if pronoun == "she" else phrases.GIVEN_HE)


def _person(rng: random.Random) -> tuple[str, str]:
    pronoun = rng.choice(("she", "he", "she", "he", "they"))
    return _given(rng, pronoun), rng.choice(phrases.FAMILY_NAMES)


def _guardians(rng: random.Random, first: int, family_name: str) -> tuple[GuardianSpec, ...]:
    """One or two guardians; logins carry the family's first index, so they never collide."""
    if rng.random() < 0.62:
        pairs, weights = zip(*_TWO_GUARDIANS, strict=True)
        relations = rng.choices(pairs, weights)[0]
    else:
        singles, weights = zip(*_ONE_GUARDIAN, strict=True)
        relations = rng.choices(singles, weights)
    guardians: list[GuardianSpec] = []
    for relation in relations:
        woman = relation in ("mother", "grandmother", "aunt")
        man = relation in ("father", "grandfather", "uncle")
        given = _given(rng, "she" if woman else "he" if man else "they")
        kin = 0.85 if relation in ("mother", "father") else 0.0 if not (woman or man) else 0.55
        family = family_name if rng.random() < kin else rng.choice(phrases.FAMILY_NAMES)
        login = f"{_slug(given)}.{_slug(family)}.{first}"
        if any(guardian.login == login for guardian in guardians):
            login += "b"
        domain = rng.choice(("example.com", "example.net", "example.org"))
        guardians.append(GuardianSpec(login, given, family, relation, f"{login}@{domain}"))
    return tuple(guardians)


def _course(subject: str, grade: int, chooser: str) -> str:
    """The course name for a middle or high school subject; ``chooser`` picks the language."""
    name = phrases.COURSES[subject][grade - 6]
    if "{lang}" in name:
        languages = phrases.LANGUAGES
        name = name.format(lang=languages[zlib.crc32(chooser.encode()) % len(languages)])
    return name


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _progress_status(points: Sequence[tuple[date, float]], baseline_date: date,
                     baseline: float, target_date: date, target: float, higher: bool) -> str:
    """The decision rule: at risk when the last four points trail the aim line or the
    least-squares trend misses the target by its date; under three points is too few."""
    if len(points) < 3:
        return "not enough data"
    span, sign = (target_date - baseline_date).days, 1 if higher else -1
    last = points[-4:]
    behind = len(last) == 4 and all(
        sign * (value - baseline - (target - baseline) * (day - baseline_date).days / span) < 0
        for day, value in last)
    xs = [(day - baseline_date).days for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    misses = sign * (mean_y + slope * (span - mean_x) - target) < 0
    return "at risk" if behind or misses else "on track"


class _StudentMaker:
    """Builds one StudentSpec; holds what its parts share: names, pronouns, ability, classes."""

    def __init__(self, district: District, family: _Family, index: int) -> None:
        self.d, self.family, self.index, self.today = district, family, index, district.today
        self.rng = rng = district.rng("student", index)
        self.grade = family.grades[index - family.first]
        self.band = _band(self.grade)
        self.ability, self.momentum = rng.gauss(0, 1), rng.gauss(0, 1)
        self.pronoun = rng.choices(("she", "he", "they"), (47, 47, 6))[0]
        self.given = _given(rng, self.pronoun)
        self.family_name = (family.family_name if rng.random() < 0.92
                            else rng.choice(phrases.FAMILY_NAMES))
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
        self.login = (f"{_slug(self.given)}.{_slug(self.family_name)}{index}"
                      if self.grade >= 3 else None)

    def build(self) -> StudentSpec:
        return StudentSpec(
            index=self.index, id=f"stu-{self.index:06d}", given_name=self.given,
            family_name=self.family_name, preferred_name=self.preferred,
            birth_date=self._birth_date(), grade=GRADES[self.grade], school_id=self.school.id,
            entry_date=self.entry, login=self.login, guardians=self.family.guardians,
            counselor_login=self.counselor, teacher_logins=self.teacher_logins,
            contributor_logins=self.contributors, transcript=self._transcript(),
            profile=self._profile(), plan=self._plan(), narratives=self._narratives(),
            portfolio=self._portfolio())

    def _fill(self, template: str, **extra: str) -> str:
        return template.format_map({**self.ctx, **extra} if extra else self.ctx)

    def _some(self, pool: Sequence[str], most: int) -> str:
        chosen = self.rng.sample(pool, self.rng.randint(1, most))
        return " ".join(self._fill(text) for text in chosen)

    def _preferred(self) -> str | None:
        """Some Students go by a nickname or another name (a middle name, say)."""
        if self.rng.random() >= 0.13:
            return None
        other = phrases.NICKNAMES.get(self.given) or _given(self.rng, self.pronoun)
        return other if other != self.given else None

    def _context(self, name: str) -> dict[str, str]:
        sub, obj, pos, refl, s, es, ies, is_, has, does = _PRONOUNS[self.pronoun]
        return {"name": name, "sub": sub, "Sub": sub.capitalize(), "obj": obj, "pos": pos,
                "Pos": pos.capitalize(), "refl": refl, "s": s, "es": es, "ies": ies, "is": is_,
                "has": has, "does": does}

    def _birth_date(self) -> date:
        """A birthday in the cohort: five by September 1 of the kindergarten year."""
        year = self.d.year_start.year - self.grade
        low, high = date(year - 6, 9, 2), date(year - 5, 9, 1)
        return low + timedelta(self.rng.randrange((high - low).days + 1))

    def _entry_date(self) -> date:
        """First day at this school level, or a later transfer date for some Students."""
        first_grade = LEVEL_GRADES[self.school.level].start
        start = _nth_weekday(self.d.year_start.year - (self.grade - first_grade), 8, 0, 4)
        if self.rng.random() < 0.15:
            later = start + timedelta(self.rng.randrange(max(1, (self.today - start).days)))
            start = max(start, _school_day(later))
        return min(start, self.today)

    def _program(self) -> tuple[str, str, str]:
        """(key, transcript sentence, accommodations) of the Student's special program."""
        rng = self.rng
        key, _, sentence, details, accommodations = rng.choices(
            phrases.PROGRAMS, [program[1] for program in phrases.PROGRAMS])[0]
        since = rng.randint(0, self.grade)
        text = sentence.format(detail=rng.choice(details),
                               since="kindergarten" if since == 0 else f"grade {since}")
        return key, text, rng.choice(accommodations)

    def _classes(self) -> list[tuple[str, str, str]]:
        """(teacher login, course, subject) for this term; sets the reading and math teacher."""
        d, rng, school = self.d, self.rng, self.school
        if school.level == "elementary":
            homeroom = rng.choice(d._teachers[(school.id, f"Grade {GRADES[self.grade]}")])
            inquiry = "Science" if rng.random() < 0.5 else "Social Studies"
            classes = [(homeroom, course, course)
                       for course in ("Reading", "Writing", "Mathematics", inquiry)]
            if rng.random() < 0.5:
                subject = rng.choice([subject for subject in ("Art", "Music", "Physical Education")
                                      if (school.id, subject) in d._teachers])
                classes.append((rng.choice(d._teachers[(school.id, subject)]), subject, subject))
            self.reading = self.math = homeroom
            return classes
        electives = [subject for subject in ELECTIVES if (school.id, subject) in d._teachers]
        subjects = CORE + tuple(rng.sample(electives, rng.choice((0, 1, 1, 2))))
        classes = []
        for subject in subjects:
            login = rng.choice(d._teachers[(school.id, subject)])
            classes.append((login, _course(subject, self.grade, login), subject))
        self.reading, self.math = classes[0][0], classes[1][0]
        return classes

    def _staff_for(self, role: str) -> str:
        if role == "reading":
            return self.reading
        if role == "math":
            return self.math
        return self.counselor if role == "counselor" else self.rng.choice(self.teacher_logins)

    def _transcript(self) -> TranscriptSpec:
        return TranscriptSpec(self._courses(), self._assessments(), self._attendance(),
                              self.program[1])

    def _courses(self) -> tuple[CourseRecord, ...]:
        """The newest terms first until about twelve rows, returned oldest first."""
        rows: list[CourseRecord] = []
        for term, grade, courses in self._terms():
            if rows and len(rows) + len(courses) > MAX_COURSE_ROWS:
                break
            rows[:0] = [CourseRecord(term, course, self._mark(grade), credits)
                        for course, credits in courses]
        return tuple(rows)

    def _terms(self) -> Iterator[tuple[str, int, list[tuple[str, float]]]]:
        year = self.d.year_start.year
        seasons = ["Spring", "Fall"] if self.today >= _nth_weekday(year + 1, 1, 0, 3) else ["Fall"]
        for back in range(3):
            grade = self.grade - back
            if grade < 0:
                return
            for season in seasons:
                yield _term(year - back, season), grade, self._term_courses(grade, season, back)
            seasons = ["Spring", "Fall"]

    def _term_courses(self, grade: int, season: str, back: int) -> list[tuple[str, float]]:
        credits = 0.5 if grade >= 9 else 0.0
        if back == 0:
            return [(course, credits) for _, course, _ in self.classes]
        if grade <= 5:
            inquiry = "Science" if season == "Fall" else "Social Studies"
            return [(course, 0.0) for course in ("Reading", "Writing", "Mathematics", inquiry)]
        courses = [(_course(subject, grade, self.given), credits) for subject in CORE]
        if grade >= 9 and season == "Spring":  # a year-long elective, graded once
            subject = self.rng.choice(("Art", "Music", "Computer Science", "World Languages"))
            courses.append((_course(subject, grade, self.given), 1.0))
        return courses

    def _mark(self, grade: int) -> str:
        score = 2.9 + 0.55 * self.ability + self.rng.gauss(0, 0.45)
        if grade <= 5:
            return ("Exceeding" if score >= 3.5 else "Meeting" if score >= 2.5
                    else "Approaching" if score >= 1.7 else "Beginning")
        return next((letter for floor, letter in _LETTERS if score >= floor), "F")

    def _assessments(self) -> tuple[AssessmentRecord, ...]:
        """MAP this fall (or last spring before the fall window) and last spring's state tests."""
        rng, year, found = self.rng, self.d.year_start.year, []
        fall = _school_day(date(year, 9, rng.randint(12, 24)))
        window, grade = (fall, self.grade) if fall <= self.today else (
            _school_day(date(year, 5, rng.randint(6, 20))), self.grade - 1)
        if grade >= 0:
            found += [self._score("MAP Reading", window, _READING_NORMS[grade], 13, 4),
                      self._score("MAP Math", window, _MATH_NORMS[grade], 13, 4)]
        last, spring = self.grade - 1, _school_day(date(year, 4, rng.randint(14, 30)))
        if 3 <= last <= 8 or last == 10:
            scale = 2300 + 40 * min(last - 3, 6)
            found += [self._score("State ELA", spring, scale, 90, 25),
                      self._score("State Math", spring, scale + 10, 90, 25)]
        if last in (5, 8, 11):
            found.append(self._score("State Science", spring, 2400 + 30 * last, 80, 25))
        return tuple(found)

    def _score(self, name: str, day: date, center: float, per_ability: float,
               noise: float) -> AssessmentRecord:
        score = round(center + per_ability * self.ability + self.rng.gauss(0, noise))
        growth = round(_clamp(50 + 14 * self.momentum + self.rng.gauss(0, 16), 1, 99))
        return AssessmentRecord(name, day, score, growth)

    def _attendance(self) -> AttendanceRecord:
        rng = self.rng
        days = _school_days(max(self.entry, self.d.year_start), min(self.today, self.d.year_end))
        rate = rng.uniform(0.1, 0.22) if self.chronic else rng.random() ** 2 * 0.07
        return AttendanceRecord(days, round(days * rate), min(days, int(rng.expovariate(0.35))))

    def _profile(self) -> ProfileSpec:
        rng, fill, band = self.rng, self._fill, self.band
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
            my_goals=" ".join(rng.sample(phrases.MY_GOALS[band], rng.choice((1, 1, 2)))))

    def _plan(self) -> PlanSpec:
        guardians = (guardian.login for guardian in self.family.guardians)
        team = tuple(dict.fromkeys((self.counselor, *self.teacher_logins, *guardians)))
        return PlanSpec(self.d.year_start, self.d.year_end, team, self._supports(),
                        self.program[2], self._goals())

    def _supports(self) -> tuple[SupportSpec, ...]:
        """Program services, one support per granted contributor, sometimes one more."""
        rng, found = self.rng, []
        if self.program[0] in phrases.PROGRAM_SUPPORTS:
            kind, setting, provider, frequency, minutes = phrases.PROGRAM_SUPPORTS[self.program[0]]
            found.append(self._support(kind, setting, provider, frequency, minutes))
        for login in self.contributors:
            kind, setting, frequency, minutes = phrases.CONTRIBUTOR_SUPPORTS[
                self.d._contributor_kind[login]]
            found.append(self._support(kind, setting, login, frequency, minutes))
        if rng.random() < (0.2 if found else 0.6):
            kind, setting, role, frequency, minutes = rng.choice(phrases.SUPPORTS)
            provider = rng.choice(phrases.COMMUNITY) if role == "community" else self._staff_for(
                role)
            found.append(self._support(kind, setting, provider, frequency, minutes))
        return tuple(found)

    def _support(self, kind: str, setting: str, provider: str, frequency: str,
                 minutes: int) -> SupportSpec:
        start, end = self.d.year_start, self.d.year_end
        if kind.startswith("summer"):
            start = _nth_weekday(end.year, 6, 0, 3)
            end = start + timedelta(46)
        else:
            start = _school_day(start + timedelta(self.rng.randrange(45)))
        return SupportSpec(kind, provider, setting, frequency, minutes, start, end)

    def _goals(self) -> tuple[GoalSpec, ...]:
        kinds = [kind for kind in phrases.GOALS
                 if kind["grades"][0] <= self.grade <= kind["grades"][1]]
        weights = [self._goal_weight(kind) for kind in kinds]
        count = min(len(kinds), self.rng.choices((1, 2, 3), (45, 38, 17))[0])
        picked: list[int] = []
        while len(picked) < count:
            number = self.rng.choices(range(len(kinds)), weights)[0]
            if number not in picked:
                picked.append(number)
        return tuple(self._goal(kinds[number]) for number in picked)

    def _goal_weight(self, kind: dict) -> float:
        """Academic goals are commonest; attendance goals follow absences, language the program."""
        area, program = kind["area"], self.program[0]
        weight = 3.0 if area == "academic" else 1.0
        if area == "attendance":
            weight *= 8 if self.chronic else 0.4
        if program == "iep" and area in ("academic", "communication"):
            weight *= 2
        if program == "el" and area == "communication":
            weight *= 4
        return weight * 2 if area == "career" else weight

    def _goal(self, kind: dict) -> GoalSpec:
        """A goal whose data lands in a chosen status: about 55% on track, 25% at risk, 20% new."""
        rng = self.rng
        status = rng.choices(("on track", "at risk", "not enough data"), (55, 25, 20))[0]
        decimals = kind.get("decimals", 0)
        baseline, target = self._levels(kind, decimals)
        target_date = self._target_date()
        schedule, dates = self._schedule(kind, status)
        values = self._values(status, dates, baseline, target, target_date,
                              kind.get("limit", kind["cap"]), decimals)
        responsible = tuple(dict.fromkeys(self._staff_for(role) for role in kind["who"]))
        standard = kind["standard"]
        points = tuple(DataPointSpec(day, value, rng.choice(responsible), self._note(kind["area"]))
                       for day, value in zip(dates, values, strict=True))
        return GoalSpec(
            title=self._fill(kind["title"], month=f"{target_date:%B}",
                             target=_number(target, 0)),
            area=kind["area"], measure=kind["measure"], unit=kind["unit"],
            higher_is_better=target > baseline, baseline_value=baseline, baseline_date=dates[0],
            target_value=target, target_date=target_date, schedule=schedule,
            responsible=responsible,
            standard_code=(standard.format(g=_grade_label(self.grade))
                           if standard and rng.random() < 0.85 else None),
            data_points=points)

    def _levels(self, kind: dict, decimals: int) -> tuple[float, float]:
        """Baseline (the present level for this grade) and a target on the kind's side of it."""
        start, per_grade, spread = kind["base"]
        floor, cap = kind["floor"], kind["cap"]
        step = 10.0 ** -decimals
        baseline = start + per_grade * self.grade + self.rng.uniform(-spread, spread)
        baseline = round(_clamp(baseline, floor, cap), decimals)
        change = self.rng.uniform(*kind["change"])
        target = round(_clamp(baseline + change, floor, cap))  # targets are whole numbers
        if change > 0 and target <= baseline:
            baseline = round(max(0.0, target - max(step, change / 2)), decimals)
        elif change < 0 and target >= baseline:
            baseline = round(target - change / 2 + step, decimals)
        return float(baseline), float(target)

    def _target_date(self) -> date:
        end = self.d.year_end
        if (end - self.today).days < 30:  # summer: the next checkpoint, not the past June
            end = self.today + timedelta(120)
        return _school_day(end - timedelta(self.rng.randrange(8)))

    def _schedule(self, kind: dict, status: str) -> tuple[str, list[date]]:
        """Measurement dates ending by today; new goals have one or two, the others four+."""
        rng, today = self.rng, self.today
        schedule = rng.choice(kind["schedules"])
        interval = INTERVALS[schedule]
        if status == "not enough data":
            count = rng.choice((1, 2))
            first = today - timedelta((count - 1) * interval + rng.randrange(interval))
        else:
            room = (today - self.d.year_start).days + 14
            if room // interval + 1 < 4:
                schedule, interval = "weekly", 7
            count = rng.randint(4, max(4, min(room // interval + 1, 14)))
            first = today - timedelta((count - 1) * interval + rng.randrange(3))
        first = _school_day(first)
        dates = [first]
        for step in range(1, count):
            day = first + timedelta(step * interval + rng.choice((-1, 0, 0, 1)))
            dates.append(_school_day(min(day, today)))
        return schedule, dates

    def _values(self, status: str, dates: list[date], baseline: float, target: float,
                target_date: date, limit: float, decimals: int) -> list[float]:
        """Noisy values along a trend steeper (on track) or flatter (at risk) than the aim line;
        redrawn with less noise until the decision rule agrees with the chosen status."""
        rng, span, delta = self.rng, (target_date - dates[0]).days, target - baseline
        values: list[float] = []
        for noise in (0.08, 0.05, 0.025, 0.0):
            factor = rng.uniform(-0.25, 0.5) if status == "at risk" else rng.uniform(1.1, 1.5)
            if not noise:  # last try: a trend clear enough that rounding cannot flip it
                reach = abs(delta) * (dates[-1] - dates[0]).days / span or 1.0
                factor = 0.0 if status == "at risk" else max(2.0, 3 * 10.0 ** -decimals / reach)
            values = [baseline]
            for day in dates[1:]:
                expected = baseline + factor * delta * (day - dates[0]).days / span
                value = _clamp(expected + rng.gauss(0, noise * abs(delta)), 0, limit)
                values.append(float(round(value, decimals)))
            points = list(zip(dates, values, strict=True))
            if status == "not enough data" or status == _progress_status(
                    points, dates[0], baseline, target_date, target, target > baseline):
                break
        return values

    def _note(self, area: str) -> str:
        return self.rng.choice(phrases.DATA_NOTES[area]) if self.rng.random() < 0.18 else ""

    def _narratives(self) -> tuple[NarrativeSpec, ...]:
        """One to four narratives this term, each by the teacher of the course."""
        rng, year = self.rng, self.d.year_start.year
        spring = _nth_weekday(year + 1, 1, 0, 3)
        season, start = ("Spring", spring) if self.today >= spring else ("Fall", self.d.year_start)
        count = min(len(self.classes), rng.choices((1, 2, 3, 4), (25, 35, 25, 15))[0])
        found = []
        for login, course, subject in rng.sample(self.classes, count):
            words = {"course": course, "season": season.lower(), "Season": season}
            back = rng.randint(0, max(0, min(45, (self.today - start).days - 10)))
            found.append(NarrativeSpec(
                title=rng.choice(phrases.NARRATIVE_TITLES).format_map(words),
                term=_term(year, season), course=course, author_login=login,
                date=_school_day(self.today - timedelta(back)),
                body=self._narrative_body(subject, words)))
        return tuple(found)

    def _narrative_body(self, subject: str, words: dict[str, str]) -> str:
        """Strengths first, then growth framed as the next skill, then next steps."""
        rng, young = self.rng, self.grade <= 5
        pool = phrases.SUBJECTS[phrases.SUBJECT_GROUP[subject]]

        def pick(name: str) -> Sequence[str]:
            return pool.get(f"{name}_young", pool[name]) if young else pool[name]

        growth_pool = list(pick("growth"))
        if self.grade >= 3:
            growth_pool += phrases.GENERIC_GROWTH
        context = {**self.ctx, **words, "work": rng.choice(pick("work")),
                   "adj": rng.choice(phrases.OPENER_ADJECTIVES)}
        praise = [rng.choice(phrases.OPENERS), *rng.sample(pick("strengths"), rng.randint(1, 2)),
                  rng.choice(phrases.WORK_PRAISE)]
        if rng.random() < 0.6:
            praise.append(rng.choice(phrases.HABITS))
        growth = [frame.replace("{g}", item) for frame, item in zip(
            rng.sample(phrases.GROWTH_FRAMES, 2), rng.sample(growth_pool, rng.randint(1, 2)),
            strict=False)]
        next_pool = pick("next")
        steps = [frame.replace("{n}", item) for frame, item in zip(
            rng.sample(phrases.NEXT_FRAMES, 2),
            rng.sample(next_pool, min(len(next_pool), rng.randint(1, 2))), strict=False)]
        closing = [rng.choice(phrases.CLOSINGS)]
        if rng.random() < 0.5:
            closing.insert(0, rng.choice(phrases.HOME))
        layout = rng.choice(([praise, growth + steps], [praise, growth, steps],
                             [praise, growth, steps + closing[-1:]],
                             [praise, growth, steps, closing]))
        return "\n\n".join(" ".join(text.format_map(context) for text in paragraph)
                           for paragraph in layout)

    def _portfolio(self) -> tuple[PortfolioSpec, ...]:
        """One to three pieces of the Student's best work, now and then a badge."""
        rng, found, titles = self.rng, [], set()
        makers = (self._writing, self._chart, self._pattern, self._essay)
        for _ in range(rng.choices((1, 2, 3), (40, 40, 20))[0]):
            badge = rng.random() < 0.15
            maker = self._badge if badge else rng.choices(makers, (45, 20, 15, 20))[0]
            title, description, content_type, data = maker()
            if title in titles:  # a second copy of a piece is not a second piece
                continue
            titles.add(title)
            stem, extension = _slug_words(title), _EXTENSIONS[content_type]
            filename = f"{stem}.{extension}"
            if any(item.filename == filename for item in found):
                filename = f"{stem}-{len(titles)}.{extension}"
            reflections = phrases.REFLECTIONS["older" if self.grade >= 6 else self.band]
            found.append(PortfolioSpec(
                title=title, description=description, reflection=rng.choice(reflections),
                filename=filename, content_type=content_type, data=data,
                added_by=self._adder(badge),
                date=self._work_date(),
                kind="badge" if badge else "work"))
        return tuple(found)

    def _work_date(self) -> date:
        """A school day this year, or for some pieces last spring."""
        start = self.d.year_start
        if self.grade and self.rng.random() < 0.25:
            return _school_day(date(start.year, 3, 1) + timedelta(self.rng.randrange(80)))
        return _school_day(start + timedelta(self.rng.randrange((self.today - start).days + 1)))

    def _adder(self, badge: bool) -> str:
        """Tutors award badges when the family granted one; otherwise the Student or a teacher."""
        if badge:
            return self.contributors[0] if self.contributors else self.teacher_logins[0]
        return self.login or self.teacher_logins[0]

    def _byline(self) -> str:
        return f"{self.preferred or self.given} {self.family_name}, grade {GRADES[self.grade]}"

    def _writing(self) -> tuple[str, str, str, bytes]:
        """A poem, an opinion paragraph or a lab summary, in plain UTF-8 text."""
        rng, name = self.rng, self.preferred or self.given
        topic = rng.choice(phrases.POEM_TOPICS)
        if self.band == "early":
            title, body = f"My poem: {topic}", "\n".join(rng.sample(phrases.POEM_LINES_YOUNG, 3))
            description = f"A short poem {name} dictated and illustrated in class."
        elif rng.random() < 0.45:
            lines = rng.sample(phrases.POEM_LINES, rng.randint(4, 6))
            lines[-1] = lines[-1].rstrip(",") + "."
            title, body = f"Poem: {topic}", "\n".join(lines)
            description = f"A free-verse poem about {topic.lower()}, drafted and revised twice."
        elif rng.random() < 0.5:
            title, body = self._opinion()
            description = "An opinion paragraph with a claim, two reasons and a conclusion."
        else:
            title, body = self._lab()
            description = "A lab summary from a class investigation, with real measurements."
        text = f"{title}\n{self._byline()}\n\n{body}\n"
        return title, description, "text/plain", text.encode("utf-8")

    def _opinion(self) -> tuple[str, str]:
        claim, reason, other = self.rng.choice(phrases.OPINIONS)
        closing = self.rng.choice(phrases.OPINION_CLOSINGS)
        lower = reason[0].lower() + reason[1:]
        return (f"Opinion: {claim.rstrip('.')}",
                f"{claim} First, {lower} Second, {other[0].lower() + other[1:]} {closing}")

    def _lab(self) -> tuple[str, str]:
        question, levels, unit, direction = self.rng.choice(phrases.LABS)
        start = self.rng.randint(20, 60)
        results = [max(1, start + direction * 12 * k + self.rng.randint(-3, 3)) for k in range(3)]
        most = "most" if results[-1] > results[0] else "fewest"
        return (f"Lab summary: {question}", "\n".join((
            f"Question: {question}",
            f"What I changed: {', '.join(levels)}",
            f"Results ({unit}): " + "; ".join(
                f"{level} {value}" for level, value in zip(levels, results, strict=True)),
            f"What I learned: the {levels[-1]} trial had the {most} {unit}. "
            "Next time I would repeat each trial three times to be sure.")))

    def _chart(self) -> tuple[str, str, str, bytes]:
        topic = self.rng.choice(phrases.CHART_TOPICS)
        values = [self.rng.randint(2, 20) for _ in range(self.rng.randint(4, 6))]
        image = _bar_chart(values, self.rng.choice(_PALETTE))
        return (f"Bar graph: {topic[0].upper() + topic[1:]}",
                f"A bar graph showing {topic}, drawn from data collected in class.",
                "image/png", image)

    def _pattern(self) -> tuple[str, str, str, bytes]:
        first, second = self.rng.sample(_PALETTE, 2)
        image = _pattern(first, second, self.rng.choice((4, 8)), self.rng.random() < 0.7)
        return (self.rng.choice(phrases.PATTERN_TITLES),
                "A repeating pattern planned on graph paper, then drawn pixel by pixel.",
                "image/png", image)

    def _essay(self) -> tuple[str, str, str, bytes]:
        if self.grade < 3:
            return self._chart()
        title, body = self._opinion() if self.rng.random() < 0.6 else self._lab()
        lines = [self._byline(), ""]
        for paragraph in body.split("\n"):
            lines += textwrap.wrap(paragraph, 80)
        return (title, "A final draft, formatted and printed to PDF.", "application/pdf",
                _pdf(title, lines))

    def _badge(self) -> tuple[str, str, str, bytes]:
        title, description = self.rng.choice(
            [badge[:2] for badge in phrases.BADGES if badge[2] <= self.grade <= badge[3]])
        if self.rng.random() < 0.5:
            first, second = self.rng.sample(_PALETTE, 2)
            return title, description, "image/png", _rings(first, second, self.rng.choice((3, 4)))
        lines = [f"Awarded to {self.preferred or self.given} {self.family_name}", "",
                 description]
        return title, description, "application/pdf", _pdf(f"Badge: {title}", lines)


_EXTENSIONS = {"text/plain": "txt", "image/png": "png", "application/pdf": "pdf"}
_WIDTH, _HEIGHT, _AXIS = 64, 48, 43
_PAPER, _INK = bytes((250, 248, 240)), bytes((60, 60, 60))
_PALETTE = tuple(bytes(rgb) for rgb in ((214, 69, 65), (52, 120, 200), (40, 160, 90),
                                        (236, 180, 20), (140, 80, 170), (230, 120, 40),
                                        (20, 160, 150)))


def _slug_words(title: str) -> str:
    """A file-name stem from a title: lowercase words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded)[:8]) or "work"


def _png(rows: Sequence[bytes]) -> bytes:
    """An 8-bit RGB PNG from rows of packed pixels (no filtering)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", len(rows[0]) // 3, len(rows), 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + row for row in rows), 6)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def _bar_chart(values: Sequence[int], color: bytes) -> bytes:
    """Bars over a baseline axis; one row is built per bar height, then repeated upward."""
    top, gap = max(values), (_WIDTH - 6 - 6 * len(values)) // (len(values) + 1)
    heights = [max(2, round(36 * value / top)) for value in values]

    def row(level: int) -> bytes:
        bars = b"".join(_PAPER * gap + (color if height >= level else _PAPER) * 6
                        for height in heights)
        return _PAPER * 4 + _INK + bars + _PAPER * (_WIDTH - 5 - len(bars) // 3)

    levels = sorted(set(heights), reverse=True) + [0]
    rows = [row(levels[0] + 1)] * (_AXIS - levels[0])
    for level, lower in zip(levels, levels[1:], strict=False):
        rows += [row(level)] * (level - lower)
    rows.append(_PAPER * 4 + _INK * (_WIDTH - 4))
    return _png(rows + [_PAPER * _WIDTH] * (_HEIGHT - _AXIS - 1))


def _pattern(first: bytes, second: bytes, cell: int, checkered: bool) -> bytes:
    """Stripes or a checkerboard of two colors."""
    even = ((first * cell + second * cell) * _WIDTH)[:_WIDTH * 3]
    odd = ((second * cell + first * cell) * _WIDTH)[:_WIDTH * 3] if checkered else even
    return _png([even if (y // cell) % 2 == 0 else odd for y in range(_HEIGHT)])


def _rings(first: bytes, second: bytes, ring: int) -> bytes:
    """Nested rectangles, like a ribbon rosette, for a badge; the bottom half mirrors the top."""
    colors = (first, second)
    ramp = [colors[x // ring % 2] for x in range(_HEIGHT // 2)]
    top = [b"".join(ramp[:depth]) + colors[depth // ring % 2] * (_WIDTH - 2 * depth)
           + b"".join(reversed(ramp[:depth])) for depth in range(_HEIGHT // 2)]
    return _png(top + top[::-1])


def _pdf_text(text: str) -> bytes:
    """A PDF string literal body in WinAnsi; characters outside it lose their accents."""
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        data = b"".join(ch.encode("cp1252", "ignore") or unicodedata.normalize("NFKD", ch)
                        .encode("ascii", "ignore") for ch in text)
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _pdf(title: str, lines: Sequence[str]) -> bytes:
    """A minimal one-page PDF (Helvetica) with a title and lines, with exact xref offsets."""
    ops = [b"BT /F1 16 Tf 72 730 Td 22 TL (" + _pdf_text(title) + b") Tj /F1 11 Tf T* 15 TL"]
    ops += [b"T* (" + _pdf_text(line) + b") Tj" for line in lines]
    stream = b"\n".join(ops + [b"ET"])
    objects = (
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
