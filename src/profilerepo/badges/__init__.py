"""Badges and "for the next teacher": Open Badges 3.0 credentials awarded here (signed by
the district, with portfolio work as evidence) or received from elsewhere (checked), and
portfolio pieces a teacher chooses for the student's next teacher.

The model and its operations: ``model.Badge``, ``issuing.award_badge`` /
``revoke_badge``, ``receiving.receive_badge`` / ``check_badge``, ``next_teacher.choose``.
"""
from __future__ import annotations

from pyramid.config import Configurator


def includeme(config: Configurator) -> None:
    """The badge and next-teacher pages (they need ``profilerepo.credentials``)."""
    config.scan("profilerepo.badges.views")
    config.scan("profilerepo.badges.next_teacher_views")
