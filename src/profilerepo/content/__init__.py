"""The content tree: site, students and the documents in each student's folder.

``content.student.new_student`` and ``update_student`` keep the student folder, its
sections and the school index consistent; use them rather than building folders by hand.
"""
