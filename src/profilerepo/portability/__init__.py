"""Portability: the student's record as a signed backpack file (export and import), and
the family's own copy of it.

``includeme`` adds the pages; the format lives in ``format``, the export in ``export``.
"""


def includeme(config) -> None:
    config.include("profilerepo.portability.family_views")
    config.include("profilerepo.portability.clr_views")  # the CLR 2.0 download
    config.scan("profilerepo.portability.transfer_api")  # records requests between districts
    config.scan("profilerepo.portability.transfer_views")
    config.include("profilerepo.portability.import_views")  # an administrator's upload
