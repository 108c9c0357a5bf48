def test_login_and_student_page(world, as_role):
    app = as_role("teacher")
    home = app.get("/")
    assert "My students" in home.text
    page = app.get("/students/s1/")
    assert "Strengths and interests" in page.text
