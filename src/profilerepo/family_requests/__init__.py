"""The family's requests about the record (FERPA 34 CFR 99.10, 99.20-99.21): to see it
(due in 45 days), and to correct one document of it (due in 30), with the family's
statement of disagreement kept and shown with a document the school refused to change.

``model`` holds the requests and their folder, ``statements`` what they leave with a
document, ``views`` and ``pages`` the web side; ``evolve`` gives older students the folder.
"""


def includeme(config) -> None:
    """The requests' pages, and ``request.family_records`` for the document pages'
    shared macro (``family_record`` in templates/macros.pt)."""
    from profilerepo.family_requests.pages import FamilyRecords

    config.add_request_method(FamilyRecords, "family_records", reify=True)
    config.scan("profilerepo.family_requests.views")
