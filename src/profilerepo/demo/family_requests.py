"""The family's requests in the demo district (FERPA 99.10, 99.20-21): on the showcase
student, a request to see the record in each state (one still open and overdue) and a
request to correct it in each state: open, corrected (the new version linked to it),
refused with the family's statement of disagreement kept with the document, withdrawn.

Made and answered as the request pages do, through the workflow engine, dated over the
past months; the same district always shows the same requests."""
from __future__ import annotations

import datetime

from profilerepo.family_requests.model import (
    AmendmentRequest,
    InspectionRequest,
    add_request,
)
from profilerepo.family_requests.statements import link_amendment, write_statement
from profilerepo.workflow import WorkflowEngine

DAY = datetime.timedelta(days=1)
SCHOOL = {"administrator"}
FAMILY = {"family-rights"}

# (days ago made, what, how, [(days after, transition, comment)]); the first is past its
# 45 days and still waiting: the administrators' list flags it as overdue.
INSPECTIONS = (
    (52, "The reading assessments from this year and last, and the notes from the "
         "reading specialist.", "copies", ()),
    (19, "All of it, before the plan review meeting.", "in person",
     ((4, "arrange", "You can see the whole record in the front office on any school "
                     "morning next week, 8 to 11; ask for the records clerk."),)),
    (130, "Last year's success plan and the progress reports.", "either",
     ((6, "arrange", "Copies will be ready at the front office on Friday."),
      (11, "fulfil", "Copies of the plan and the three progress reports were picked up "
                     "at the front office."))),
    (200, "", "in person",
     ((2, "withdraw", "We found what we needed in the shared plan."),)),
)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _answer(engine, made, steps, made_on: datetime.date, guardian: str, admin: str) -> None:
    for after, transition, comment in steps:
        family = transition in ("withdraw", "state_disagreement")
        engine.perform(made, transition, actor=guardian if family else admin,
                       roles=FAMILY if family else SCHOOL, comment=comment,
                       when=_noon(made_on + after * DAY))


def inspection_requests(engine: WorkflowEngine, student, guardian: str, admin: str,
                        today: datetime.date) -> None:
    """A request to see the record in each state: open (overdue), arranged, fulfilled,
    withdrawn."""
    for ago, what, how, steps in INSPECTIONS:
        made_on = today - ago * DAY
        made = add_request(student, InspectionRequest({"what": what, "how": how}, guardian,
                                                      _noon(made_on)))
        _answer(engine, made, steps, made_on, guardian, admin)


def amendment_requests(engine: WorkflowEngine, student, guardian: str, admin: str,
                       today: datetime.date) -> None:
    """A request to correct the record in each state: open, corrected, refused with the
    family's statement, withdrawn."""
    name = student.first_name
    transcript, plan = student.get("transcript"), student.get("plan")
    if transcript is None or plan is None:
        return
    open_on = today - 9 * DAY
    add_request(student, AmendmentRequest(transcript, {
        "what_is_wrong": "One of the course grades from last term is lower than the grade "
                         "on the report card we were sent.",
        "why": "The report card we received says B; the transcript says C. We have the "
               "report card."}, guardian, _noon(open_on)))

    fixed_on = today - 70 * DAY
    attendance = dict(transcript.attendance or {})
    # (a correction of what the record counts: the absences, else the times late)
    counted = "days_absent" if attendance.get("days_absent") else "tardies"
    wrong = min(2, attendance.get(counted) or 0) or 1
    days = "one day" if wrong == 1 else "two days"
    fixed = add_request(student, AmendmentRequest(transcript, {
        "what_is_wrong": f"The attendance counts {name} "
                         f"{'absent' if counted == 'days_absent' else 'late'} on {days} "
                         f"{name} was in school on time.",
        "why": f"{name} was on the class field trip then; the trip's sign-in sheet shows "
               "it."}, guardian, _noon(fixed_on)))
    answered = _noon(fixed_on + 12 * DAY)
    engine.perform(fixed, "amend", actor=admin, roles=SCHOOL, when=answered,
                   comment=f"The field-trip {'day was' if wrong == 1 else 'days were'} "
                           "marked present and on time.")
    if attendance:  # (every demo transcript has its attendance)
        attendance[counted] = max(0, attendance.get(counted, 0) - wrong)
        number = transcript.record({"attendance": attendance}, by=admin, when=answered)
        link_amendment(transcript, number, fixed)

    refused_on = today - 100 * DAY
    refused = add_request(student, AmendmentRequest(plan, {
        "what_is_wrong": f"The plan describes only what {name} does in class. It reads as "
                         f"if {name} will not try, and leaves out what {name} does at home.",
        "why": f"{name} is anxious in front of the class, not unwilling: at home {name} "
               "reads aloud and practises every week. A new teacher reading this plan would "
               f"get {name} wrong."},
        guardian, _noon(refused_on)))
    engine.perform(refused, "refuse", actor=admin, roles=SCHOOL,
                   when=_noon(refused_on + 20 * DAY),
                   comment="The plan records what the team measured at school, and it is "
                           "accurate. The team will ask the family about home at the next "
                           "review.")
    stated = _noon(refused_on + 27 * DAY)
    engine.perform(refused, "state_disagreement", actor=guardian, roles=FAMILY, when=stated)
    write_statement(plan, refused, f"We disagree. {name} is not unwilling: {name} freezes "
                    "when asked to perform in front of the class. At home, and with the "
                    f"people who know {name} well, {name} tries hard every week. Please "
                    "read the plan with this in mind.", guardian, stated)

    dropped_on = today - 160 * DAY
    dropped = add_request(student, AmendmentRequest(plan, {
        "what_is_wrong": "The plan lists the wrong after-school program.",
        "why": f"{name} goes to the library homework club, not the YMCA program."},
        guardian, _noon(dropped_on)))
    engine.perform(dropped, "withdraw", actor=guardian, roles=FAMILY,
                   when=_noon(dropped_on + 3 * DAY),
                   comment="The counselor fixed it at the plan meeting.")


def family_requests(engine: WorkflowEngine, student, guardian: str, admin: str,
                    today: datetime.date) -> None:
    """Every kind of request, in every state, on ``student`` (who has the folder)."""
    if "requests" not in student or len(student["requests"]):
        return  # (none to keep, or made already)
    inspection_requests(engine, student, guardian, admin, today)
    amendment_requests(engine, student, guardian, admin, today)
