"""Narratives: strengths first, varied, and true to each Student's pronouns."""
from __future__ import annotations

import re


def test_narratives_are_varied_and_strengths_first(students):
    bodies, paragraphs = [], []
    for student in students[:200]:
        name = student.preferred_name or student.given_name
        assert 1 <= len(student.narratives) <= 4
        for narrative in student.narratives:
            parts = narrative.body.split("\n\n")
            assert 2 <= len(parts) <= 4 and name in narrative.body
            assert narrative.course in narrative.title
            bodies.append(narrative.body)
            paragraphs += [part.replace(name, "NAME") for part in parts]
    assert len(set(bodies)) == len(bodies)
    assert len(set(paragraphs)) > 0.85 * len(paragraphs)


def test_pronouns_are_consistent_per_student(students):
    she, he = re.compile(r"\b(she|her|herself)\b", re.I), re.compile(r"\b(he|him|his|himself)\b",
                                                                      re.I)
    for student in students[:300]:
        text = " ".join([n.body for n in student.narratives]
                        + [student.profile.strengths, student.profile.needs])
        assert not (she.search(text) and he.search(text))
