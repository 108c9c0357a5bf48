"""The learner profile: what unlocks this learner, strengths first."""
from __future__ import annotations

import colander

from profilerepo.content import fields
from profilerepo.content.dated_log import DatedLog, log_of, logged
from profilerepo.content.document import Document


class ProfileEditSchema(colander.MappingSchema):
    """What the team and the family edit: everything but the student's own words."""

    strengths = fields.text("Strengths", rows=3, description="What the student does well")
    interests = fields.text("Interests", rows=3)
    motivations = fields.text("What motivates me", rows=3)
    learns_best = fields.text("How I learn best", rows=3)
    preferences = fields.text("Preferences", rows=3)
    needs = fields.text("What helps me", rows=3,
                        description="Needs and supports that make a difference")


class ProfileSchema(ProfileEditSchema):
    """Every field, the student's own words too (as each version shows them)."""

    my_dream = fields.text("My dream", rows=3,
                           description="What I hope to do or become, in my own words")
    my_goals = fields.text("My goals, in my own words", rows=3)


class Profile(Document):
    """The student's learner profile, read by the whole team."""

    type_title = "Learner profile"
    section = "profile"
    workflow_chain = ("sharing",)
    schema = ProfileSchema
    edit_schema = ProfileEditSchema  # the student's own words are theirs alone to change
    fields = ("strengths", "interests", "motivations", "learns_best", "preferences", "needs",
              "my_goals", "my_dream")
    indexed_fields = fields
    strengths = interests = motivations = learns_best = preferences = needs = my_goals = ""
    my_dream = ""
    reflection_log: DatedLog | None = None  # the student's reflections (None: not made yet)

    def __init__(self, values: dict, by: str, when=None) -> None:
        super().__init__(values, by, when)
        self.reflection_log = DatedLog()

    reflections = logged("reflection_log", "reflections",
                         "The student's dated reflections, newest last.")


class ReflectionSchema(colander.MappingSchema):
    text = fields.text("My reflection", required=True, rows=6, max_length=5000,
                       description="What went well, what was hard, what I want to try next")


class MyGoalsSchema(colander.MappingSchema):
    my_goals = fields.text("My goals, in my own words", rows=5, max_length=5000)


class MyDreamSchema(colander.MappingSchema):
    my_dream = fields.text("My dream", rows=4, max_length=2000,
                           description="What you hope to do or become one day, in your own "
                                       "words")


def add_reflection(profile: Profile, text: str, by: str, day) -> None:
    """Keep a reflection the student wrote (dated; never edited afterwards)."""
    log_of(profile, "reflection_log", "reflections").append(
        {"date": day, "text": text, "by": by})


def set_my_goals(profile: Profile, text: str, by: str) -> None:
    """The student's goals in their own words: a new version of the profile, by them."""
    profile.record({"my_goals": text}, by)


def set_my_dream(profile: Profile, text: str, by: str) -> None:
    """The student's dream in their own words: a new version of the profile, by them."""
    profile.record({"my_dream": text}, by)
