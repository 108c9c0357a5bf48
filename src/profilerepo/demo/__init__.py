"""The demo district: synthetic but believable schools, people and student records.

``synthetic`` makes the data (plain, seeded, no database); ``loader``
writes it into a site through the same content API the application uses.
"""
