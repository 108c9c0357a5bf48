"""The records of a synthetic district: frozen dataclasses, plain data, ready to load.

Schools, staff and contributors come first; a StudentSpec holds everything about one Student
(transcript, learner profile, success plan, narratives and portfolio).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    """The learner profile, strengths first; my_goals and my_dream in the Student's voice."""
    strengths: str
    interests: str
    motivations: str
    needs: str
    preferences: str
    learns_best: str
    my_goals: str
    my_dream: str = ""  # what the Student hopes to do or become, in their own voice


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
    lowest: float | None = 0.0  # the values the measure can take
    highest: float | None = None


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
