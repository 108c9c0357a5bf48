"""The learner profile: what unlocks this learner, strengths first."""
from __future__ import annotations

import colander

from profilerepo.content import fields
from profilerepo.content.document import Document


class ProfileSchema(colander.MappingSchema):
    strengths = fields.text("Strengths", rows=3, description="What the student does well")
    interests = fields.text("Interests", rows=3)
    motivations = fields.text("What motivates me", rows=3)
    learns_best = fields.text("How I learn best", rows=3)
    preferences = fields.text("Preferences", rows=3)
    needs = fields.text("What helps me", rows=3,
                        description="Needs and supports that make a difference")
    my_goals = fields.text("My goals, in my own words", rows=3)


class Profile(Document):
    """The student's learner profile, read by the whole team."""

    type_title = "Learner profile"
    section = "profile"
    workflow_chain = ("sharing",)
    schema = ProfileSchema
    fields = ("strengths", "interests", "motivations", "learns_best", "preferences", "needs",
              "my_goals")
    strengths = interests = motivations = learns_best = preferences = needs = my_goals = ""
