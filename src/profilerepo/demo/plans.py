"""The success plan of a synthetic Student: its team, supports and measurable goals."""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from profilerepo.demo import plan_phrases, progress
from profilerepo.demo.school_calendar import grade_label, nth_weekday, school_day
from profilerepo.demo.specs import DataPointSpec, GoalSpec, PlanSpec, SupportSpec

if TYPE_CHECKING:
    from profilerepo.demo.synthetic import StudentMaker


def make_plan(student: StudentMaker) -> PlanSpec:
    """The plan for this school year: counselor, teachers and guardians on the team."""
    guardians = (guardian.login for guardian in student.family.guardians)
    team = tuple(dict.fromkeys((student.counselor, *student.teacher_logins, *guardians)))
    district = student.district
    return PlanSpec(district.year_start, district.year_end, team, _supports(student),
                    student.program[2], _goals(student))


def _supports(student: StudentMaker) -> tuple[SupportSpec, ...]:
    """Program services, one support per granted contributor, sometimes one more."""
    rng, found = student.rng, []
    if student.program[0] in plan_phrases.PROGRAM_SUPPORTS:
        kind, setting, provider, frequency, minutes = plan_phrases.PROGRAM_SUPPORTS[
            student.program[0]]
        found.append(_support(student, kind, setting, provider, frequency, minutes))
    for login in student.contributors:
        kind, setting, frequency, minutes = plan_phrases.CONTRIBUTOR_SUPPORTS[
            student.district.contributor_kind(login)]
        found.append(_support(student, kind, setting, login, frequency, minutes))
    if rng.random() < (0.2 if found else 0.6):
        kind, setting, role, frequency, minutes = rng.choice(plan_phrases.SUPPORTS)
        provider = (rng.choice(plan_phrases.COMMUNITY) if role == "community"
                    else student.staff_for(role))
        found.append(_support(student, kind, setting, provider, frequency, minutes))
    return tuple(found)


def _support(student: StudentMaker, kind: str, setting: str, provider: str, frequency: str,
             minutes: int) -> SupportSpec:
    """A support for the school year; summer programs run from mid-June for about six weeks."""
    start, end = student.district.year_start, student.district.year_end
    if kind.startswith("summer"):
        start = nth_weekday(end.year, 6, 0, 3)
        end = start + timedelta(46)
    else:
        start = school_day(start + timedelta(student.rng.randrange(45)))
    return SupportSpec(kind, provider, setting, frequency, minutes, start, end)


def _goals(student: StudentMaker) -> tuple[GoalSpec, ...]:
    """One to three distinct goals among the kinds written for the Student's grade."""
    kinds = [kind for kind in plan_phrases.GOALS
             if kind["grades"][0] <= student.grade <= kind["grades"][1]]
    weights = [_goal_weight(student, kind) for kind in kinds]
    count = min(len(kinds), student.rng.choices((1, 2, 3), (45, 38, 17))[0])
    picked: list[int] = []
    while len(picked) < count:
        number = student.rng.choices(range(len(kinds)), weights)[0]
        if number not in picked:
            picked.append(number)
    return tuple(_goal(student, kinds[number]) for number in picked)


def _goal_weight(student: StudentMaker, kind: dict) -> float:
    """Academic goals are commonest; attendance goals follow absences, language the program."""
    area, program = kind["area"], student.program[0]
    weight = 3.0 if area == "academic" else 1.0
    if area == "attendance":
        weight *= 8 if student.chronic else 0.4
    if program == "iep" and area in ("academic", "communication"):
        weight *= 2
    if program == "el" and area == "communication":
        weight *= 4
    return weight * 2 if area == "career" else weight


def _goal(student: StudentMaker, kind: dict) -> GoalSpec:
    """A goal whose data lands in a chosen status: about 55% on track, 25% at risk, 20% new."""
    rng, today, district = student.rng, student.today, student.district
    status = rng.choices(("on track", "at risk", "not enough data"), (55, 25, 20))[0]
    decimals = kind.get("decimals", 0)
    baseline, target = progress.goal_levels(rng, kind, student.grade, decimals)
    target_date = progress.goal_target_date(rng, today, district.year_end)
    schedule, dates = progress.goal_schedule(rng, kind, status, today, district.year_start)
    values = progress.goal_values(rng, status, dates, baseline, target, target_date,
                                  kind.get("limit", kind["cap"]), decimals)
    responsible = tuple(dict.fromkeys(student.staff_for(role) for role in kind["who"]))
    standard = kind["standard"]
    points = tuple(DataPointSpec(day, value, rng.choice(responsible), _note(student, kind["area"]))
                   for day, value in zip(dates, values, strict=True))
    return GoalSpec(
        title=student.fill(kind["title"], month=f"{target_date:%B}", target=f"{target:.0f}"),
        area=kind["area"], measure=kind["measure"], unit=kind["unit"],
        higher_is_better=target > baseline, baseline_value=baseline, baseline_date=dates[0],
        target_value=target, target_date=target_date, schedule=schedule,
        responsible=responsible,
        standard_code=(standard.format(g=grade_label(student.grade))
                       if standard and rng.random() < 0.85 else None),
        data_points=points, lowest=0.0, highest=float(kind.get("limit", kind["cap"])))


def _note(student: StudentMaker, area: str) -> str:
    """Now and then a short note from whoever took the measurement."""
    rng = student.rng
    return rng.choice(plan_phrases.DATA_NOTES[area]) if rng.random() < 0.18 else ""
