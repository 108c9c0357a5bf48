"""Special programs, goal kinds and supports for the success plan of a synthetic Student.

Braces follow the conventions in ``phrases``; goal titles also take {month} and {target},
standard codes take the grade as {g}, and program sentences take {detail} and {since}.
"""
from __future__ import annotations

# Special programs: (key, weight, transcript sentence, choices for {detail}, accommodations).
PROGRAMS = (
    ("none", 78, "No special programs.", ("",),
     ("None needed at this time.", "Preferential seating; directions given in writing as "
      "well as aloud.", "None; the team will revisit at the next review.")),
    ("el", 9, "Receives English learner support (WIDA level {detail}).", ("2", "3", "4", "5"),
     ("Bilingual word-to-word dictionary on tests; extended time (1.5x); key vocabulary "
      "previewed before each unit.", "Sentence frames for written work; directions read aloud "
      "and shown with pictures; extended time on tests.")),
    ("iep", 8, "Has an IEP for {detail} since {since}.",
     ("a specific learning disability in reading", "a specific learning disability in math",
      "a speech or language impairment", "autism", "other health impairment (ADHD)"),
     ("Text-to-speech for content reading; extended time (1.5x); tests in a small-group "
      "setting.", "Visual schedule; breaks on request; directions chunked into short steps; "
      "calculator for multi-step problems.")),
    ("504", 4, "Has a Section 504 plan for {detail}.",
     ("ADHD", "anxiety", "type 1 diabetes", "a hearing impairment"),
     ("Breaks on request; extended time (1.5x); seating away from distractions.",
      "Snacks and water in class; nurse visits as needed; make-up time after absences.")),
    ("gifted", 4, "Takes part in the gifted and talented program for {detail}.",
     ("math", "reading", "math and reading"),
     ("Compacted curriculum with extension projects in place of mastered work.",)),
)

# Goal kinds. base = (value at kindergarten, change per grade, spread); change = how far the
# target moves from the baseline; floor/cap bound the values; who = responsible staff.
GOALS = (
    dict(area="academic", grades=(0, 1), who=("reading",), base=(12, 12, 6), change=(25, 45),
         floor=0, cap=100, unit="sight words read correctly",
         title="By {month}, {name} will read {target} words from the first-grade sight word "
               "list correctly.",
         measure="Flash-card probe of the 100-word list, read one-on-one.",
         standard="CCSS.ELA-LITERACY.RF.{g}.3.C", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(1, 5), who=("reading",), base=(15, 22, 12), change=(20, 40),
         floor=0, cap=250, unit="words correct per minute",
         title="By {month}, {name} will read a grade-level passage aloud at {target} words "
               "correct per minute.",
         measure="One-minute oral reading probe on an unseen grade-level passage.",
         standard="CCSS.ELA-LITERACY.RF.{g}.4", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(6, 12), who=("reading",), base=(52, 0, 8), change=(18, 30),
         floor=0, cap=100, unit="percent correct",
         title="By {month}, {name} will answer {target}% of comprehension questions correctly "
               "on grade-level passages.",
         measure="Ten-question comprehension check on a short grade-level text.",
         standard="CCSS.ELA-LITERACY.RL.{g}.1",
         schedules=("every two weeks", "every three weeks")),
    dict(area="academic", grades=(3, 12), who=("reading",), base=(10, 0, 2), change=(5, 8),
         floor=0, cap=24, unit="rubric points (out of 24)",
         title="By {month}, {name} will score {target} out of 24 on the district argument "
               "writing rubric.",
         measure="On-demand argument piece scored by two teachers with the district rubric.",
         standard="CCSS.ELA-LITERACY.W.{g}.1", schedules=("every three weeks", "monthly")),
    dict(area="academic", grades=(0, 0), who=("math",), base=(20, 0, 8), change=(40, 60),
         floor=0, cap=120, unit="highest number counted to without error",
         title="By {month}, {name} will count aloud by ones to {target} without an error.",
         measure="Oral counting check with the teacher.",
         standard="CCSS.MATH.CONTENT.K.CC.A.1", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(2, 6), who=("math",), base=(6, 4, 6), change=(20, 35),
         floor=0, cap=100, unit="facts correct in two minutes",
         title="By {month}, {name} will answer {target} math facts correctly in two minutes.",
         measure="Two-minute mixed math fact probe.",
         standard="CCSS.MATH.CONTENT.3.OA.C.7", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(6, 12), who=("math",), base=(48, 0, 8), change=(20, 32),
         floor=0, cap=100, unit="percent correct",
         title="By {month}, {name} will solve {target}% of multi-step problems correctly on "
               "the weekly problem-solving check.",
         measure="Five-problem curriculum-based check, scored for method and answer.",
         standard="CCSS.MATH.PRACTICE.MP1", schedules=("weekly", "every two weeks")),
    dict(area="attendance", grades=(0, 12), who=("counselor",), base=(84, 0, 3), change=(8, 12),
         floor=0, cap=98, limit=100, unit="percent of days attended",
         title="By {month}, {name} will attend school on at least {target}% of school days.",
         measure="Attendance record for the school year to date.",
         standard=None, schedules=("every two weeks", "monthly")),
    dict(area="attendance", grades=(3, 12), who=("counselor", "teacher"), base=(60, 0, 20),
         change=(-60, -35), floor=5, cap=300, unit="minutes late per week",
         title="By {month}, {name} will be late to first period no more than {target} minutes "
               "a week.",
         measure="Minutes late from the attendance office log, averaged per week.",
         standard=None, schedules=("weekly", "every two weeks")),
    dict(area="attendance", grades=(3, 12), who=("counselor",), base=(4, 0, 1), change=(-4, -2),
         floor=1, cap=20, unit="days absent per month",
         title="By {month}, {name} will keep absences to {target} or fewer a month.",
         measure="Absences in the past 30 days from the attendance record.",
         standard=None, schedules=("every two weeks",)),
    dict(area="social-emotional", grades=(3, 12), who=("counselor",), base=(4, 0, 1),
         change=(-4, -3), floor=1, cap=20, unit="office referrals per month",
         title="By {month}, {name} will have {target} or fewer office referrals a month.",
         measure="Office referrals in the past 30 days from the behavior log.",
         standard=None, schedules=("every two weeks",)),
    dict(area="social-emotional", grades=(0, 8), who=("teacher", "counselor"), base=(38, 0, 8),
         change=(30, 45), floor=0, cap=100, unit="percent of upsets handled with a strategy",
         title="By {month}, {name} will use a calm-down strategy in {target}% of frustrating "
               "moments.",
         measure="Staff tally of frustrating moments and the strategy used, five school days.",
         standard=None, schedules=("weekly",)),
    dict(area="social-emotional", grades=(0, 8), who=("counselor", "teacher"), base=(1, 0, 0.5),
         change=(2.5, 3.5), floor=0, cap=5, unit="days per week joining peers", decimals=1,
         title="By {month}, {name} will join a peer activity at recess or lunch on {target} "
               "days a week.",
         measure="Recess and lunch observation, averaged over two weeks.",
         standard=None, schedules=("every two weeks",)),
    dict(area="executive function", grades=(3, 12), who=("teacher", "counselor"),
         base=(64, 0, 8), change=(15, 28), floor=0, cap=95, limit=100,
         unit="assignments turned in (%)",
         title="By {month}, {name} will turn in at least {target}% of assignments on time.",
         measure="Grade book check across all classes.",
         standard=None, schedules=("every two weeks", "weekly")),
    dict(area="executive function", grades=(4, 12), who=("counselor", "teacher"),
         base=(6, 0, 2), change=(-6, -4), floor=1, cap=30, unit="missing assignments",
         title="By {month}, {name} will have {target} or fewer missing assignments at each "
               "check.",
         measure="Count of missing work in the grade book on check day.",
         standard=None, schedules=("every two weeks", "weekly")),
    dict(area="executive function", grades=(0, 3), who=("teacher",), base=(2, 0, 0.8),
         change=(3, 3.8), floor=0, cap=6, unit="routine steps done independently (of 6)",
         decimals=1, title="By {month}, {name} will complete {target} of the 6 morning routine "
                           "steps without reminders.",
         measure="Teacher checklist of the morning routine, averaged over the week.",
         standard=None, schedules=("weekly",)),
    dict(area="communication", grades=(0, 4), who=("reading", "counselor"), base=(42, 0, 8),
         change=(30, 42), floor=0, cap=100, unit="percent of target sounds correct",
         title="By {month}, {name} will produce {pos} target speech sounds correctly in "
               "{target}% of attempts in conversation.",
         measure="Sampled conversation during class, scored for the target sounds.",
         standard=None, schedules=("weekly", "every two weeks")),
    dict(area="communication", grades=(5, 12), who=("reading",), base=(28, 0, 8),
         change=(30, 45), floor=0, cap=100, unit="percent of lessons with a contribution",
         title="By {month}, {name} will contribute to class discussion in {target}% of "
               "observed lessons.",
         measure="Teacher tally of observed discussion lessons.",
         standard="CCSS.ELA-LITERACY.SL.{g}.1", schedules=("weekly", "every two weeks")),
    dict(area="career", grades=(9, 12), who=("counselor",), base=(0.5, 0, 0.5), change=(5, 7),
         floor=0, cap=20, unit="career activities completed",
         title="By {month}, {name} will complete {target} career exploration activities, such "
               "as job shadows and informational interviews.",
         measure="Activities logged in the career plan and confirmed by the counselor.",
         standard=None, schedules=("every two weeks", "monthly")),
    dict(area="career", grades=(11, 12), who=("counselor",), base=(2, 0, 1), change=(6, 7.5),
         floor=0, cap=10, unit="checklist steps completed (of 10)",
         title="By {month}, {name} will complete {target} of the 10 steps on {pos} "
               "postsecondary plan checklist.",
         measure="Postsecondary checklist reviewed with the counselor.",
         standard=None, schedules=("every two weeks", "monthly")),
)
DATA_NOTES = {
    "academic": ("Strong focus today.", "Self-corrected twice.", "New passage set started.",
                 "Tired after a field trip.", "Used the strategy card without a reminder."),
    "attendance": ("Family meeting held.", "Bus route changed this week.", "Illness in family."),
    "social-emotional": ("Great week at recess.", "Went to the calm corner without a prompt.",
                         "Tough Monday, strong finish."),
    "executive function": ("Planner checked daily.", "Caught up after make-up day."),
    "communication": ("Volunteered to share first.", "Practiced with a partner beforehand."),
    "career": ("Job shadow at the clinic.", "Met with the college advisor."),
}

SUPPORTS = (  # kind, setting, provider role, frequency, minutes
    ("small-group reading intervention", "in school", "reading", "3 times a week", 30),
    ("math skills group", "in school", "math", "twice a week", 30),
    ("weekly check-in with the counselor", "in school", "counselor", "once a week", 15),
    ("check-in/check-out with a trusted adult", "in school", "counselor", "daily", 5),
    ("homework help", "out of school", "community", "4 times a week", 60),
    ("peer tutoring", "in school", "teacher", "twice a week", 25),
)
CONTRIBUTOR_SUPPORTS = {
    "reading tutor": ("one-on-one reading tutoring", "out of school", "twice a week", 45),
    "math tutor": ("math tutoring", "out of school", "once a week", 60),
    "mentor": ("mentoring", "out of school", "every other week", 60),
    "speech-language therapist": ("speech-language therapy", "in school", "twice a week", 30),
    "after-school program lead": ("after-school program", "out of school", "4 times a week", 120),
    "occupational therapist": ("occupational therapy", "in school", "once a week", 30),
    "summer program coordinator": ("summer learning program", "out of school", "weekly", 180),
    "online teacher": ("online enrichment course", "out of school", "twice a week", 45),
    "youth sports coach": ("team sports program", "out of school", "3 times a week", 90),
    "behavioral health clinician": ("counseling sessions", "in school", "once a week", 45),
}
PROGRAM_SUPPORTS = {
    "el": ("English language development", "in school", "District English learner team",
           "daily", 30),
    "iep": ("specialized instruction", "in school", "Special education resource teacher",
            "4 times a week", 40),
    "gifted": ("enrichment cluster", "in school", "Gifted and talented coordinator",
               "once a week", 45),
}
COMMUNITY = ("Boys & Girls Club", "Eastside Community Center", "Public library homework help",
             "YMCA after-school program", "Parks and Recreation teen center")
