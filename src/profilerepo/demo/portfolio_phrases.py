"""The words of a synthetic Student's portfolio: poems, opinions, labs, charts and badges."""
from __future__ import annotations

# Portfolio: the student's own writing, charts, patterns and badges.
POEM_LINES_YOUNG = (
    "My dog is fast.", "The sun is a big yellow ball.", "I like red leaves.",
    "Rain goes tap tap tap.", "My mom makes the best soup.", "Snow is cold on my nose.",
    "I can jump so high.", "The moon follows our car.", "My baby sister says my name.",
)
POEM_LINES = (
    "The kitchen smells like cardamom and rain,", "my grandmother hums a song with no words,",
    "the bus window fogs with everyone's breath,", "a crow argues with the power line,",
    "we count the seconds between lightning and thunder,", "the city sounds softer after snow,",
    "my little brother laughs like a broken trumpet,", "I keep a pocket full of smooth stones,",
    "the soccer field glows under the last light,", "my shoes still carry sand from summer,",
    "streetlights blink on one by one like questions,", "the library hums with turning pages,",
    "everyone talks at once at Sunday dinner,", "the river keeps going, even when it is tired.",
)
POEM_TOPICS = ("Small Things", "Home", "November", "What I Notice", "After School", "Weather")
OPINIONS = (
    ("School should start later in the morning.", "Teenagers think more clearly after enough "
     "sleep.", "Fewer students would be late to first period."),
    ("Our school should have a garden.", "We could learn science by growing food.",
     "The cafeteria could serve what we grow."),
    ("Recess should be longer.", "Kids focus better after they move.",
     "Recess is where we practice solving problems with friends."),
    ("Every student should learn to code.", "Computers are part of almost every job.",
     "Coding teaches you to break big problems into small steps."),
    ("Libraries matter more than ever.", "They are free for everyone.",
     "They are quiet places to think when home is busy."),
)
LABS = (
    ("Does water temperature change how fast sugar dissolves?", ("cold", "room", "hot"),
     "seconds to dissolve", -1),
    ("Does the height of a ramp change how far a car rolls?", ("low", "middle", "high"),
     "centimeters rolled", 1),
    ("Does more sunlight help bean plants grow taller?", ("shade", "half sun", "full sun"),
     "millimeters of growth", 1),
)
CHART_TOPICS = ("how tall our bean plants grew", "the results of our favorite lunch survey",
                "how many books I read each month", "my minutes of reading each week",
                "how much rain fell each week this fall", "which birds visited our feeder")
PATTERN_TITLES = ("Tessellation study", "Color rhythm pattern", "Quilt square design")
BADGES = (  # title, description, lowest and highest grade (K = 0)
    ("Reading Streak: 30 Days", "Read every day for a month and logged each book.", 0, 8),
    ("Kindness Ambassador", "Recognized by classmates for including others at lunch.", 0, 8),
    ("Good Citizen", "Helped keep the classroom a fair and friendly place all term.", 0, 5),
    ("Multiplication Master", "Answered all 100 multiplication facts correctly in five "
     "minutes.", 2, 5),
    ("Bookworm: 25 Books", "Finished twenty-five books this school year.", 1, 12),
    ("Robotics: First Working Robot", "Built and programmed a robot that finished the maze.",
     4, 12),
    ("Peer Tutor", "Tutored younger students for a full semester.", 5, 12),
    ("Lab Safety Certified", "Passed the lab safety practical with a perfect score.", 6, 12),
    ("Community Service: 10 Hours", "Volunteered ten hours with a local organization.", 6, 12),
    ("Career Day Presenter", "Interviewed a professional and presented the interview.", 9, 12),
)
REFLECTIONS = {
    "early": ("I like this because I worked hard on it.", "This is my best one.",
              "I did it all by myself.", "I used lots of colors and it was fun."),
    "upper": ("I picked this because it shows how much better I got this year.",
              "This was hard at first, but I kept going and figured it out.",
              "If I did it again I would add more details.",
              "I am proud of this because I did not give up."),
    "older": ("I chose this because it was the first time my work really sounded like me.",
              "This project pushed me to plan ahead, which is not easy for me.",
              "Looking back, I would spend more time revising, but I am proud of the ideas.",
              "It shows how far I have come since the fall.",
              "This is what I would show a new teacher to explain how I think."),
}
OPINION_CLOSINGS = ("That is why I think this change would help everyone.",
                    "For these reasons, I hope our school gives it a try.",
                    "I think the reasons add up, and I hope you agree.")
