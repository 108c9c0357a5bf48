"""Names, word lists and sentence fragments for the synthetic district.

Kept apart from the generator so the prose can grow without touching the logic. Braces are
filled per Student: {name}, pronoun forms {sub} {Sub} {obj} {pos} {Pos} {refl}, verb endings
{s} {es} {ies} and the verbs {is} {has} {does} that agree with the Student's pronouns.
"""
from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated list, reading '_' as a space and dropping repeats."""
    return tuple(dict.fromkeys(word.replace("_", " ") for word in text.split()))


GIVEN_SHE = _words("""
Maya Sofía Amara Aaliyah Chloé Priya Mei Linh Hana Yuna Fatima Zainab Amina Olivia Emma Ava
Isabella Mia Harper Evelyn Abigail Emily Ella Scarlett Grace Lily Zoë Nora Aria Camila Valeria
Lucía Ximena Guadalupe Daniela Gabriela Renata Paola Ana Mariana Luz Esperanza Rosa Ayesha Zara
Leila Yasmin Mariam Salma Huda Ananya Diya Kavya Aditi Meera Lakshmi Shreya Isha Nandini Xiulan
Jing Xinyi Lan Thao Ngoc Trang Mai Anh Minji Jiwoo Seoyeon Haeun Sakura Aiko Yui Emi Chiamaka
Adaeze Ngozi Folake Ifeoma Makeda Selam Hiwot Tigist Hodan Fartun Anastasia Olena Daria Katya
Zofia Agnieszka Siobhan Aoife Niamh Maeve Saoirse Imani Nia Zuri Kiara Jasmine Tiana Layla Leah
Hannah Sarah Rachel Miriam Esther Talia Ingrid Astrid Freya Greta Giulia Francesca Chiara Beatriz
Larissa Ayla Elif Zeynep Defne Parisa Shirin Niloufar Dalia Rania Farah Malia Leilani Mahina
Nayeli Itzel Citlali Paj Zoua Fabienne Roseline Nadège Maricel Angelica Kristine Ligaya Aviva
Neema Rehema Meron Penelope Stella Hazel Violet Aurora Naomi Ruby Clara Alice Eleanor Josephine
Beatrice Lucy Iris Juniper Willa Tessa Keisha Shanice Ebony Destiny Aisha Khadija Sumaya Mina
Soraya Valentina Catalina Florencia Julieta Inés Amelia Charlotte Sophia Madison Brooklyn
Savannah Addison Natalie Audrey Claire Renée Bianca Marisol Yesenia Wren Magnolia Opal Dolores
""")

GIVEN_HE = _words("""
Mateo Santiago Diego Alejandro Carlos Javier Luis José Miguel Emiliano Joaquín Rafael Andrés
Tomás Ethan Liam Noah Oliver Elijah James William Benjamin Lucas Henry Theodore Jack Levi Owen
Wyatt Caleb Isaac Samuel Gabriel Julian Nathan Aaron Isaiah Jeremiah Elias Marcus Malik Darnell
Jamal Terrell DeAndre Andre Xavier Omar Yusuf Ibrahim Khalid Hamza Bilal Tariq Karim Zayd
Mustafa Arjun Rohan Vikram Aarav Vihaan Ishaan Kabir Dev Sanjay Rahul Anand Hao Wei Jun Zhi Bo
Minh Duc Quang Khoa Bao Tuan Huy Jiho Minjun Seojun Dohyun Haruto Sota Ren Kenji Hiroshi Chinedu
Emeka Obinna Tunde Femi Kwame Kofi Yaw Dawit Yonas Abel Tewodros Abdirahman Mohamed Ahmed Dmitri
Mykola Taras Oleksandr Pavel Jakub Mateusz Piotr Cian Declan Eoin Padraig Rory Finn Sean Lars
Erik Soren Anders Matteo Luca Giovanni Leonardo Thiago Gustavo João Emre Kerem Arda Cyrus
Dariush Reza Kian Nikos Stavros Keanu Makoa Pono Koa Tou Pao Chue Kou Jean-Pierre Wesner
Ricardo Marlon Jomar Paolo Dante Rocco Felix Hugo Leo Max Oscar Milo Ezra Silas Jasper Atticus
Brandon Tyler Austin Hunter Logan Mason Carter Jackson Grayson Cooper Dylan Kevin Brian Eric
Marco Rudy Victor Adrián Efraín Bautista Nicolás Amir Idris Musa Selim Bogdan Kazuki Takumi
""")

GIVEN_ANY = _words("""
Alex Jordan Taylor Riley Avery Quinn Sage Jamie Morgan Casey Skyler Emerson Finley River Remy
Ariel Sasha Jesse Dakota Reese Parker Hayden Robin Charlie Kendall Blake Cameron Elliot Ayodele
Tenzin Nima Kiran Sam Ari Eden Shay Arden Rowan Noa Yuki Hikaru Jaden Peyton Oakley Marlowe Ash
Frankie Lennon Indigo Sol Amari Kamari Nour Tatum Ellis Jules Harley Lior Adair Shiloh Zion
""")

NICKNAMES = {
    "Alejandro": "Alejo", "Alexander": "Xander", "Anastasia": "Stacy", "Benjamin": "Ben",
    "Catalina": "Cata", "Daniela": "Dani", "Elizabeth": "Liz", "Francesca": "Frankie",
    "Gabriela": "Gabi", "Gabriel": "Gabe", "Guadalupe": "Lupe", "Isabella": "Bella",
    "Jonathan": "Jon", "Josephine": "Josie", "Katya": "Kat", "Leonardo": "Leo",
    "Margaret": "Maggie",
    "Nathan": "Nate", "Nicolás": "Nico", "Oleksandr": "Sasha", "Penelope": "Nell",
    "Samuel": "Sammy", "Santiago": "Santi", "Theodore": "Teddy", "Valentina": "Vale",
    "William": "Will", "Zachary": "Zach", "Abdirahman": "Abdi", "Mustafa": "Musti",
    "Christopher": "Chris", "Anastasios": "Tasos", "Emiliano": "Emi", "Jeremiah": "Jerry",
    "Dohyun": "Danny", "Minjun": "Mike", "Xiulan": "Lily", "Seoyeon": "Sarah", "Tewodros": "Teddy",
    "Oluwaseun": "Seun", "Chinedu": "Chidi", "Evelyn": "Evie", "Beatriz": "Bia",
}

FAMILY_NAMES = _words("""
Rivera Nguyen Okafor Patel Kim Johnson Garcia Hernandez Smith Williams Brown Jones Miller Davis
Martinez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson
White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres
Hill Flores Green Adams Nelson Baker Hall Campbell Mitchell Carter Roberts Gomez Phillips Evans
Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez
Ortiz Cooper Peterson Bailey Reed Kelly Howard Ramos Ward Richardson Watson Brooks Chavez Wood
Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Myers Ross Foster Jimenez Okonkwo
Adeyemi Balogun Eze Mensah Owusu Boateng Abebe Tesfaye Haile Girma Mohamed Ali Hassan Hussein Abdi
Warsame Farah Yusuf Ibrahim Khalil Haddad Nasser Mansour Saleh Rahman Chowdhury Hossain Akhtar
Siddiqui Khan Malik Qureshi Sharma Gupta Singh Iyer Reddy Rao Nair Menon Pillai Desai Mehta Joshi
Kulkarni Banerjee Chatterjee Das Bose Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma
Zhu Hu Guo Lin Tran Le Pham Hoang Vu Vo Dang Bui Do Ngo Duong Ly Park Choi Jung Kang Cho Yoon
Jang Lim Han Shin Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Kato
Yoshida Yamada Sasaki Xiong Vang Lor Thao Moua Her Vue Santos Silva Oliveira Souza Pereira Costa
Almeida Ferreira Carvalho Rodrigues Kowalski Nowak Wiśniewski Wójcik Lewandowski Zieliński
Shevchenko Kovalenko Bondarenko Tkachenko Petrenko Melnyk Novak Horvat O'Brien O'Connor Byrne
Ryan Walsh Doyle McCarthy Gallagher Quinn Fitzgerald Schmidt Müller Schneider Fischer Weber
Becker Hoffmann Wagner Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Greco Bruno
Yilmaz Kaya Demir Şahin Çelik Aydin Öztürk Arslan Papadopoulos Georgiou Dimitriou Nikolaidis
Jensen Hansen Nielsen Larsen Johansson Lindqvist Berg Dubois Laurent Moreau Lefebvre Girard
Fontaine Joseph Pierre Jean-Baptiste Charles Baptiste Toussaint Etienne Dela_Cruz Bautista
Aquino Villanueva Manalo Tolentino Begay Yazzie Tsosie Benally Kealoha Kahale Cohen Levy Friedman
Goldberg Katz Shapiro Mizrahi Castro Vargas Rojas Navarro Medina Aguilar Herrera Soto Delgado
Guerrero Vega Cabrera Fuentes Salazar Ríos Domínguez Cortés Peña Espinoza Sandoval Valdez Ochoa
Washington Jefferson Freeman Banks Coleman Simmons Bryant Alexander Russell Griffin Hayes Wallace
Ogunleye Nwosu Achebe Diallo Traoré Keita Ndiaye Mwangi Otieno Kamau Okello Mutua Haile_Selassie
""")

SCHOOL_PLACES = _words("""
Maple_Grove Cedar_Ridge Willow_Creek Sunnyside Pine_Hollow Juniper_Hills Aspen_Valley Lakeview
Riverbend Harbor_Point Meadowbrook Oak_Park Birch_Lane Foxglove Hawthorne Clearwater Prairie_Wind
Stonebridge Bluebird Sycamore Larkspur Fern_Hill Magnolia Copper_Canyon Greenfield Brookside
Eagle_Crest Silver_Lake Orchard_Park Ridgeview Cottonwood Heron_Bay Quail_Run Red_Rock Tamarack
""")
MIDDLE_NAMES = _words("""
Mae_Jemison Cesar_Chavez Sally_Ride Roberto_Clemente Katherine_Johnson Wilma_Mankiller
Dolores_Huerta Daniel_Inouye Fred_Korematsu Eastside Westview Northwood Southgate Hillcrest
Canyon_View Ellen_Ochoa Patsy_Mink Jackie_Robinson Maria_Tallchief
""")
HIGH_NAMES = _words("""
Riverside Northgate Summit Valley_View Bayside Mountain_View Frederick_Douglass Grace_Hopper
Thurgood_Marshall Westlake Pioneer Heritage Skyline Horizon Lakeside Ida_B._Wells Sequoia
""")

CONTRIBUTOR_KINDS = (
    "reading tutor", "math tutor", "mentor", "speech-language therapist",
    "after-school program lead", "occupational therapist", "summer program coordinator",
    "online teacher", "youth sports coach", "behavioral health clinician",
)

# Course names for grades 6..12, indexed by grade - 6; {lang} is the teacher's language.
COURSES = {
    "English": ("English 6", "English 7", "English 8", "English 9", "English 10",
                "American Literature", "Senior Composition"),
    "Math": ("Math 6", "Math 7", "Pre-Algebra", "Algebra I", "Geometry", "Algebra II",
             "Precalculus"),
    "Science": ("Earth Science", "Life Science", "Physical Science", "Biology", "Chemistry",
                "Physics", "Environmental Science"),
    "Social Studies": ("World Geography", "Ancient Civilizations", "U.S. History to 1877",
                       "World History", "Modern World History", "U.S. History",
                       "Government and Economics"),
    "World Languages": ("Exploring Languages", "{lang} A", "{lang} B", "{lang} I", "{lang} II",
                        "{lang} III", "{lang} IV"),
    "Art": ("Art 6", "Art 7", "Art 8", "Studio Art", "Ceramics", "Drawing and Painting",
            "Digital Photography"),
    "Physical Education": ("PE 6", "PE 7", "PE 8", "Health and Fitness", "Physical Education",
                           "Strength and Conditioning", "Lifetime Fitness"),
    "Computer Science": ("Coding Basics", "Coding and Robotics", "App Design",
                         "Intro to Computer Science", "Web Development",
                         "AP Computer Science Principles", "AP Computer Science A"),
    "Music": ("Band 6", "Choir 7", "Band 8", "Concert Band", "Chamber Choir",
              "Music Production", "Jazz Ensemble"),
}
LANGUAGES = ("Spanish", "French", "Mandarin", "Arabic")

TRAITS = _words("""
curious kind funny patient creative observant determined generous thoughtful hardworking
imaginative cheerful honest organized resourceful energetic persistent easygoing loyal inventive
upbeat steady warm witty fair-minded brave reliable helpful enthusiastic calm empathetic
independent playful respectful detail-oriented
""")
STRENGTH_FRAMES = (
    "{name} is {t1} and {t2}.",
    "People who know {name} describe {obj} as {t1}, {t2} and {t3}.",
    "Above all, {name} is {t1}; {sub} {is} also remarkably {t2}.",
    "{name} is {t1} and {t2}, with a big heart.",
)
STRENGTHS = {
    "early": (
        "{Sub} can retell a favorite story with every detail in order.",
        "{Sub} count{s} past one hundred and love{s} finding patterns in numbers.",
        "{Sub} build{s} tall, careful block towers and explain{s} how they stay up.",
        "{Sub} notice{s} when a friend is sad and offer{s} a turn or a kind word.",
        "{Sub} sound{s} out new words bravely and celebrate{s} each one.",
        "{Sub} draw{s} detailed pictures and tell{s} long stories about them.",
        "{Sub} remember{s} classroom routines and help{s} new classmates learn them.",
    ),
    "upper": (
        "{Sub} explain{s} math thinking clearly, often with a drawing.",
        "{Sub} read{s} chapter books quickly and recommend{s} them to friends.",
        "{Sub} ask{s} sharp questions during science investigations.",
        "{Sub} write{s} stories with funny dialogue and surprising endings.",
        "{Sub} {is} a fair teammate who makes sure everyone gets a turn.",
        "{Sub} stick{s} with hard puzzles long after others have moved on.",
        "{Sub} remember{s} facts about animals, maps and history with ease.",
    ),
    "middle": (
        "{Sub} connect{s} ideas across subjects, like using ratios to scale a recipe.",
        "{Sub} speak{s} up in discussions and listen{s} closely to other points of view.",
        "{Sub} {is} a strong visual thinker who sketches a problem before solving it.",
        "{Sub} organize{s} group projects and keep{s} teammates on track.",
        "{Sub} write{s} with a confident, recognizable voice.",
        "{Sub} teach{es} {refl} new skills from videos and manuals.",
        "{Sub} bounce{s} back quickly after a setback and tr{ies} again.",
    ),
    "high": (
        "{Sub} manage{s} a demanding schedule of classes, work and family responsibilities.",
        "{Sub} build{s} arguments from evidence and revise{s} them when the facts change.",
        "{Sub} {is} trusted by teachers to mentor younger students.",
        "{Sub} {has} a gift for explaining difficult ideas to classmates.",
        "{Sub} take{s} initiative, from starting a club to finding a summer job.",
        "{Sub} approach{es} problems methodically and check{s} {pos} own work.",
    ),
}
INTERESTS = {
    "early": _words("""dinosaurs drawing_with_markers building_with_blocks soccer_at_recess
        bugs_and_worms picture_books_about_space dancing pretend_play trucks_and_trains puzzles
        the_class_guinea_pig singing painting ocean_animals riding_a_scooter"""),
    "upper": _words("""graphic_novels soccer Minecraft_building baking_with_family drawing_comics
        basketball volcanoes LEGO_robotics card_games swimming animal_rescue_videos chess_club
        gardening collecting_rocks writing_song_lyrics origami skateboarding"""),
    "middle": _words("""coding_small_games anime_and_manga volleyball student_council photography
        track_and_field cooking_for_the_family video_editing debate volunteering_at_the_shelter
        playing_guitar fashion_design 3D_printing history_podcasts robotics_club dance_team
        fishing astronomy"""),
    "high": _words("""robotics mock_trial a_part-time_job_at_the_grocery_store wrestling
        music_production health_careers auto_repair filmmaking marching_band
        environmental_action small_business_ideas creative_writing the_school_newspaper
        coaching_a_youth_soccer_team computer_hardware theater_tech cross-country_running"""),
}
INTEREST_FRAMES = (
    "{name} loves {a}. {Sub} {is} also into {b}.",
    "Outside school, {name} spends a lot of time on {a}; lately {sub} {has} also gotten into {b}.",
    "Ask {name} about {a} or {b} and you will get a detailed answer.",
    "Right now {name}'s favorite things are {a} and {b}.",
    "{name} lights up when the conversation turns to {a}, and {b} is a close second.",
)
MOTIVATIONS = (
    "{name} works hardest when {sub} can see how a task connects to something real.",
    "Specific praise for effort, not just results, keeps {obj} going.",
    "{Sub} light{s} up when given a leadership role, even a small one.",
    "Choice matters to {obj}: picking a topic or a book boosts {pos} effort.",
    "{Sub} {is} motivated by friendly competition and by beating {pos} own records.",
    "Helping others motivates {obj}; {sub} {does} {pos} best work when someone counts on {obj}.",
    "Short goals with quick check-ins help {obj} stay motivated.",
    "{Sub} care{s} deeply about making {pos} family proud.",
    "Hands-on projects keep {obj} engaged far longer than worksheets.",
    "{Sub} enjoy{s} earning independence and new responsibilities.",
    "A warm greeting at the door goes a long way with {obj}.",
    "{Sub} {is} driven by curiosity and will chase a question for days.",
    "Seeing {pos} own progress on a chart is motivating for {obj}.",
)
NEEDS = (
    "{name} is building stamina for longer reading; breaking it into chunks helps.",
    "{Sub} sometimes need{s} a quiet minute to reset after a frustrating moment.",
    "{Sub} benefit{s} from written directions to go with spoken ones.",
    "Keeping track of assignments is still a work in progress; a simple checklist helps.",
    "{Sub} can be hesitant to ask for help, so a private check-in works better than a public one.",
    "Transitions between activities can be hard; a heads-up a few minutes before helps.",
    "{Sub} need{s} movement breaks to stay focused during long lessons.",
    "Math facts are not yet automatic, so {sub} benefit{s} from a reference chart.",
    "Large groups can feel overwhelming; smaller groups help {obj} take part.",
    "{Sub} need{s} reassurance that mistakes are part of learning.",
    "Handwriting is tiring for {obj}; typing or dictation lets {obj} show what {sub} know{s}.",
    "Mornings have been hard lately, and the family is working on a steadier routine.",
)
PROGRAM_NEEDS = {
    "el": "{Sub} {is} learning English quickly; visuals and sentence starters help a lot.",
    "iep": "{Sub} {has} specialized instruction written into {pos} IEP and it is paying off.",
    "504": "{Sub} {does} best when {pos} 504 plan supports are in place from the first day.",
    "gifted": "{Sub} need{s} regular stretch challenges so that school keeps feeling fresh.",
}
PREFERENCES = (
    "{name} prefers working with one partner rather than a big group.",
    "{Sub} like{s} to sit near the front, close to the board.",
    "{Sub} prefer{s} to try a problem alone first before talking it through.",
    "Quiet background music helps {obj} concentrate during independent work.",
    "{Sub} like{s} clear routines and knowing the plan for the day.",
    "{Sub} prefer{s} presenting to a small group over speaking to the whole class.",
    "{Sub} enjoy{s} choosing how to show learning: a poster, a video or a written piece.",
    "Feedback works best for {obj} in writing, so {sub} can come back to it later.",
    "{Sub} prefer{s} tackling hard tasks in the morning, when {pos} energy is highest.",
    "{Sub} like{s} hands-on materials and models.",
    "{Sub} prefer{s} a heads-up before being called on.",
)
LEARNS_BEST = (
    "{name} learns best by doing: building, testing and trying again.",
    "{Sub} learn{s} best when a new idea is modeled first, practiced together, then tried alone.",
    "Visual supports like diagrams, color-coding and anchor charts help {obj} most.",
    "{Sub} learn{s} best through conversation, talking ideas through with a peer.",
    "Stories and real-world examples make new ideas stick for {obj}.",
    "{Sub} learn{s} best in short, focused bursts with a quick break in between.",
    "Repetition with small twists helps {obj} build confidence.",
    "{Sub} learn{s} best when {sub} can teach the idea to someone else.",
    "Movement and rhythm help {obj} remember facts and steps.",
    "{Sub} learn{s} best with a clear goal and an example of finished work.",
    "Reading along with audio helps {obj} follow longer texts.",
)
MY_GOALS = {
    "early": (
        "I want to read a whole book by myself.", "I want to help my friends.",
        "I want to count to two hundred.", "I want to write my name and my friends' names.",
        "I want to be brave and raise my hand.", "I want to learn all about sharks.",
        "I want to ride my bike with no training wheels.", "I want to be a good listener.",
    ),
    "upper": (
        "I want to get better at multiplication so math feels easier.",
        "I want to finish a chapter book every month.",
        "I want to make the soccer team next year.",
        "I want to write a comic book with my best friend.",
        "I want to stop being nervous when I read out loud.",
        "I want to turn in all my homework on time this year.",
        "I want to learn to code a game.",
        "I want to be a veterinarian, so I am learning everything about animals.",
    ),
    "middle": (
        "I want to raise my math grade to a B and keep it there.",
        "I want to try out for volleyball and make new friends.",
        "I want to get more organized so I stop losing assignments.",
        "I want to speak up more in class discussions.",
        "I want to read more books that are not assigned.",
        "I want to learn enough Spanish to talk with my grandparents.",
        "I want to finish eighth grade ready for high school classes.",
        "I want to design my own video game by the end of the year.",
    ),
    "high": (
        "I want to graduate on time and start the nursing program at community college.",
        "I want to keep a 3.0 GPA and land a summer internship.",
        "I want to earn my welding certificate before I graduate.",
        "I want to pass AP Biology and study marine science.",
        "I want to save for a car from my job and still keep my grades up.",
        "I want to be the first in my family to go to college.",
        "I want to balance work, sports and school without falling behind.",
        "I want to start my own business someday, so I take every business class I can.",
        "I want my college essays to sound like me.",
    ),
}

# Narrative feedback: an opener, strengths, growth framed as a next skill, next steps, closing.
OPENERS = (
    "{name} has had a {adj} {season} in {course}.",
    "It has been a pleasure to teach {name} in {course} this {season}.",
    "{name} brings real energy to {course}, and it shows in {pos} work.",
    "This {season}, {name} has grown steadily as a learner in {course}.",
    "I want to begin with what {name} does well in {course}, because there is a lot of it.",
    "{name} has settled into {course} with confidence this {season}.",
    "Our {course} class is better because {name} is in it.",
    "Watching {name} grow in {course} has been a highlight of my {season}.",
    "{name} came into {course} ready to work, and that has not changed.",
    "{name} has made {course} {pos} own this {season}.",
)
OPENER_ADJECTIVES = ("strong", "thoughtful", "steady", "productive", "rewarding", "focused",
                     "busy and successful", "encouraging")
WORK_PRAISE = (
    "{Pos} {work} stood out for its care and detail.",
    "I was especially impressed by {pos} {work}.",
    "The {work} {name} finished recently showed how far {sub} {has} come.",
    "{Pos} {work} was one of the most thoughtful in the class.",
    "On the {work}, {name} went further than the assignment asked.",
    "{name} should be proud of {pos} {work}; with permission, I shared it as a model.",
    "{Pos} {work} showed real ownership from first draft to final copy.",
)
HABITS = (
    "{Sub} {is} quick to help classmates who are stuck, without simply handing over answers.",
    "{Sub} come{s} to class ready, with materials out and a question in mind.",
    "{Sub} listen{s} carefully and build{s} on what others say.",
    "When something is hard, {sub} keep{s} at it and ask{s} good questions.",
    "{Sub} take{s} feedback seriously and use{s} it on the very next assignment.",
    "{Sub} {has} a calm, steady presence that helps {pos} table group.",
    "{Pos} sense of humor makes our classroom a warmer place.",
    "{Sub} manage{s} {pos} time well during independent work.",
)
GROWTH_FRAMES = (
    "One area to keep building is {g}.",
    "{name} is still working on {g}, and I see progress each week.",
    "A skill that will make a big difference next is {g}.",
    "Our next focus together will be {g}.",
    "I would love to see {name} grow in {g}.",
    "The biggest opportunity for {name} right now is {g}.",
    "Like many students this age, {name} can keep growing in {g}.",
)
GENERIC_GROWTH = (
    "asking for help as soon as something feels confusing",
    "spreading long assignments over several days",
    "writing due dates in a planner and checking it daily",
    "rereading directions before starting",
    "pushing through the first few minutes of a hard task",
    "sharing ideas with the whole class, not only in small groups",
    "slowing down to check work before turning it in",
    "using independent work time fully",
)
NEXT_FRAMES = (
    "Next, I would like {name} to {n}.",
    "For the rest of the {season}, our plan is for {name} to {n}.",
    "A good next step is to {n}.",
    "Between now and the end of the term, {name} will {n}, and I will check in weekly.",
    "I have asked {name} to {n}; small steps like this add up.",
    "Our goal for the coming weeks: {name} will {n}.",
)
HOME = (
    "At home, asking {obj} to explain what {sub} learned that day would reinforce this work.",
    "Families can help by setting aside a regular, quiet time for homework.",
    "Please reach out any time; I am glad to share the strategies that work in class.",
    "Celebrating small wins at home goes a long way.",
    "Asking {obj} to show you a recent piece of work is a great way to stay connected.",
    "Asking about {pos} favorite part of class is a great conversation starter.",
)
CLOSINGS = (
    "I look forward to seeing what {name} accomplishes next.",
    "Thank you for sharing {name} with our class.",
    "It is a joy to have {name} in class.",
    "{name} should feel proud of this {season}.",
    "I am excited about the rest of the year with {name}.",
    "Keep it up, {name}!",
)
NARRATIVE_TITLES = ("{Season} progress in {course}", "{course}: {season} narrative",
                    "{Season} update: {course}", "{course} progress report, {season}")

# Per subject: work items (young = K-5), strengths, growth (gerunds), next steps (verbs).
SUBJECT_GROUP = {
    "Reading": "english", "Writing": "english", "English": "english", "Mathematics": "math",
    "Math": "math", "Science": "science", "Social Studies": "social", "Art": "arts",
    "Music": "music", "Physical Education": "pe", "World Languages": "language",
    "Computer Science": "cs",
}
SUBJECTS = {
    "english": {
        "work_young": ("retelling of a favorite story", "all-about-me book", "small-moment story",
                       "letter to a book character", "animal report", "poem about the seasons"),
        "work": ("personal narrative", "argument essay on school start times", "book talk",
                 "literary analysis of a short story", "poetry collection", "character study",
                 "research paper on a local issue"),
        "strengths_young": (
            "{Sub} sound{s} out unfamiliar words with growing confidence.",
            "{Sub} love{s} to talk about the pictures and predict what happens next.",
            "{Pos} stories have a clear beginning, middle and end.",
            "{Sub} use{s} finger spaces and capital letters without reminders.",
            "{Sub} retell{s} stories in order and add{s} lively details."),
        "strengths": (
            "{Sub} notice{s} how authors build tension and can point to the sentences that do it.",
            "{Pos} writing has a strong, honest voice.",
            "{Sub} support{s} claims with well-chosen quotations and explain{s} why they matter.",
            "{Sub} {is} a generous reader of classmates' drafts, with kind and useful feedback.",
            "{Sub} take{s} risks with sentence structure and word choice.",
            "In discussion, {sub} ask{s} the questions that move everyone's thinking forward."),
        "growth_young": ("blending longer words with more than one syllable",
                         "rereading a sentence when it does not sound right",
                         "adding details that tell who, where and when",
                         "spelling common sight words correctly in writing"),
        "growth": ("explaining how evidence supports a claim", "revising for structure, not "
                   "only for spelling", "varying sentence openings", "reading independently "
                   "for longer stretches", "planning an essay before drafting"),
        "next_young": ("read a just-right book aloud at home each night",
                       "keep a collection of tricky words", "add one new detail to each page",
                       "retell a story to a family member"),
        "next": ("keep a reading log with one thoughtful question per chapter",
                 "use the revision checklist on every draft",
                 "meet with me during office hours to plan the next essay",
                 "choose one book each month outside of class"),
    },
    "math": {
        "work_young": ("counting collection", "shape hunt", "number story", "graph of our "
                       "favorite fruits", "measurement project with cubes", "place-value poster"),
        "work": ("linear functions project", "statistics survey", "budget project",
                 "scale drawing of the school garden", "probability game design",
                 "geometry proof portfolio"),
        "strengths_young": (
            "{Sub} count{s} objects carefully, touching each one.",
            "{Sub} explain{s} how {sub} solved a problem using cubes and drawings.",
            "{Sub} spot{s} patterns on the hundreds chart right away.",
            "{Sub} {is} getting quick with addition and subtraction facts within ten.",
            "{Sub} enjoy{s} math games and play{s} them fairly."),
        "strengths": (
            "{Sub} set{s} up problems carefully and show{s} each step.",
            "{Sub} look{s} for more than one way to solve a problem and compare{s} them.",
            "{Sub} explain{s} {pos} reasoning clearly, often with a quick sketch.",
            "{Sub} catch{es} {pos} own errors by asking whether an answer makes sense.",
            "{Sub} {has} strong number sense and estimate{s} well.",
            "{Sub} persevere{s} on multi-step problems that stump many classmates."),
        "growth_young": ("counting on from a number instead of starting at one",
                         "writing numbers the right way around", "explaining thinking in words",
                         "comparing numbers with greater than and less than"),
        "growth": ("showing work in an organized way", "reviewing quiz mistakes to find patterns",
                   "fluency with fractions and negative numbers",
                   "reading word problems closely before computing",
                   "using precise vocabulary to explain reasoning"),
        "next_young": ("play a quick math game at home three times a week",
                       "practice counting forward and backward from any number",
                       "use a number line to check answers"),
        "next": ("complete test corrections after each unit quiz",
                 "spend ten minutes on fact fluency each day",
                 "come to math lab once a week", "keep an error log and review it before tests"),
    },
    "science": {
        "work_young": ("plant journal", "weather chart", "animal habitat diorama",
                       "sink-or-float experiment", "five senses book", "rock collection labels"),
        "work": ("lab report on density", "ecosystem model", "water quality investigation",
                 "egg-drop engineering challenge", "cell model", "chemical reactions lab",
                 "science fair project on bean sprouts"),
        "strengths_young": (
            "{Sub} make{s} careful observations and draw{s} exactly what {sub} see{s}.",
            "{Sub} ask{s} wonderful why-questions about the world.",
            "{Sub} handle{s} our classroom tools and creatures gently.",
            "{Sub} love{s} predicting what will happen and then checking."),
        "strengths": (
            "{Sub} design{s} fair tests and can explain why each variable matters.",
            "{Pos} lab notes are detailed, organized and honest about surprises.",
            "{Sub} connect{s} what we study to things {sub} notice{s} outside school.",
            "{Sub} {is} a careful, safety-minded lab partner.",
            "{Sub} use{s} data to back up {pos} conclusions."),
        "growth_young": ("using science words like observe and predict",
                         "labeling observations", "taking turns with materials"),
        "growth": ("writing conclusions that refer back to the data", "labeling graphs with units",
                   "explaining sources of error", "keeping up with reading between labs"),
        "next_young": ("draw and label one observation each day in the science journal",
                       "name one change in nature on the walk home"),
        "next": ("use the claim-evidence-reasoning frame for each lab conclusion",
                 "review vocabulary cards before each quiz",
                 "enter the science fair with a question of {pos} own"),
    },
    "social": {
        "work_young": ("family map", "community helpers poster", "timeline of my life",
                       "interview with a neighbor", "classroom rules book"),
        "work": ("document-based essay on the Constitution", "local history podcast",
                 "mock trial argument", "map of trade routes", "civic action project",
                 "oral history interview", "museum exhibit on the Silk Road"),
        "strengths_young": (
            "{Sub} share{s} stories about {pos} family traditions with pride.",
            "{Sub} understand{s} how maps stand for real places.",
            "{Sub} {is} a caring classroom citizen who helps keep things fair."),
        "strengths": (
            "{Sub} weigh{s} sources thoughtfully and notice{s} bias.",
            "{Sub} connect{s} past events to current debates.",
            "{Sub} speak{s} persuasively in structured discussion.",
            "{Pos} questions about why people made the choices they did push the class further."),
        "growth_young": ("using words like long ago and today to compare times",
                         "listening while classmates share"),
        "growth": ("sourcing documents before using them as evidence",
                   "taking organized notes", "writing a thesis that takes a clear position"),
        "next_young": ("ask a family member about a tradition and share it with the class",),
        "next": ("annotate each source for author, date and purpose",
                 "use the note-taking template for each chapter",
                 "follow one news story for a month and report on it"),
    },
    "language": {
        "work": ("video tour of an imaginary home", "recipe presentation", "pen-pal letters",
                 "market skit", "oral interview", "poster about a holiday"),
        "strengths": (
            "{Sub} pronounce{s} new words with care and {is} not afraid to speak.",
            "{Sub} use{s} new vocabulary creatively in conversation.",
            "{Sub} pick{s} up grammar patterns quickly.",
            "{Sub} show{s} real curiosity about the cultures we study."),
        "growth": ("speaking in full sentences during partner practice",
                   "reviewing vocabulary often rather than just before quizzes",
                   "conjugating verbs accurately in writing",
                   "listening for key words in longer recordings"),
        "next": ("practice vocabulary for ten minutes a day", "join the language table at lunch",
                 "label things at home in the new language"),
    },
    "arts": {
        "work_young": ("self-portrait", "collage of favorite things", "clay animal",
                       "color-mixing painting", "paper weaving"),
        "work": ("still-life drawing", "ceramic vessel", "printmaking series", "photo essay",
                 "digital illustration", "self-portrait in charcoal"),
        "strengths": (
            "{Sub} take{s} creative risks and experiment{s} with materials.",
            "{Sub} notice{s} small details and bring{s} them into {pos} work.",
            "{Sub} give{s} thoughtful feedback during critique.",
            "{Sub} care{s} for shared materials and help{s} clean up without being asked."),
        "growth": ("planning a piece with sketches first", "finishing pieces instead of "
                   "starting over", "explaining artistic choices", "working larger and bolder"),
        "next": ("keep a sketchbook and add to it weekly",
                 "study one artist and borrow one technique",
                 "enter a piece in the district art show"),
    },
    "music": {
        "work_young": ("rhythm pattern performance", "class song with hand signs",
                       "instrument family poster"),
        "work": ("ensemble performance", "composition for the winter concert", "listening "
                 "journal", "solo at the fall concert", "arrangement of a folk song"),
        "strengths": (
            "{Sub} keep{s} a steady beat and listen{s} to the group.",
            "{Sub} learn{s} new parts quickly and help{s} section mates who are stuck.",
            "{Sub} play{s} and sing{s} with real expression.",
            "{Sub} come{s} to rehearsal prepared and focused.",
            "{Sub} {is} brave about performing for others."),
        "growth": ("counting rests carefully", "practicing between rehearsals",
                   "reading rhythms at sight", "blending with the section"),
        "next": ("practice the concert music for ten minutes a day",
                 "record one practice a week and listen back",
                 "join a small-group sectional"),
    },
    "pe": {
        "work_young": ("jump-rope routine", "obstacle course design", "movement story"),
        "work": ("personal fitness plan", "team strategy presentation", "dance routine",
                 "nutrition log"),
        "strengths": (
            "{Sub} encourage{s} teammates and play{s} fair.",
            "{Sub} {is} willing to try every activity, even unfamiliar ones.",
            "{Sub} show{s} strong body control and coordination.",
            "{Sub} set{s} personal fitness goals and track{s} them honestly."),
        "growth": ("staying with an activity when it gets tiring", "warming up fully",
                   "managing frustration in competitive games"),
        "next": ("try one new physical activity outside school this month",
                 "record daily movement minutes in the fitness log"),
    },
    "cs": {
        "work": ("interactive story in Scratch", "website for a school club", "robot maze "
                 "challenge", "data visualization project", "text adventure game",
                 "app prototype for reporting litter on campus"),
        "strengths": (
            "{Sub} break{s} big problems into small, testable pieces.",
            "{Sub} debug{s} patiently and read{s} error messages closely.",
            "{Sub} help{s} classmates find bugs without taking over the keyboard.",
            "{Pos} code is readable and well organized.",
            "{Sub} come{s} up with creative ideas for projects."),
        "growth": ("commenting code so others can follow it", "testing with unusual inputs",
                   "planning before starting to code", "asking for a code review earlier"),
        "next": ("keep a short design journal for each project",
                 "pair-program with a classmate once a week",
                 "try one extension challenge per unit"),
    },
}

# Special programs: (key, weight, transcript sentence, choices for {detail}, accommodations).
PROGRAMS = (
    ("none", 78, "No special programs.", ("",),
     ("None needed at this time.", "Preferential seating; directions given in writing as "
      "well as aloud.", "None; the team will revisit at the next review.")),
    ("el", 9, "Receives English learner support (WIDA level {detail}).", ("2", "3", "4", "5"),
     ("Bilingual word-to-word dictionary on tests; extended time (1.5x); key vocabulary "
      "previewed before each unit.", "Sentence frames for written work; directions read aloud "
      "and shown with pictures; extended time on tests.")),
    ("iep", 8, "Has an IEP for {detail} since {since}.",
     ("a specific learning disability in reading", "a specific learning disability in math",
      "a speech or language impairment", "autism", "other health impairment (ADHD)"),
     ("Text-to-speech for content reading; extended time (1.5x); tests in a small-group "
      "setting.", "Visual schedule; breaks on request; directions chunked into short steps; "
      "calculator for multi-step problems.")),
    ("504", 4, "Has a Section 504 plan for {detail}.",
     ("ADHD", "anxiety", "type 1 diabetes", "a hearing impairment"),
     ("Breaks on request; extended time (1.5x); seating away from distractions.",
      "Snacks and water in class; nurse visits as needed; make-up time after absences.")),
    ("gifted", 4, "Takes part in the gifted and talented program for {detail}.",
     ("math", "reading", "math and reading"),
     ("Compacted curriculum with extension projects in place of mastered work.",)),
)

# Goal kinds. base = (value at kindergarten, change per grade, spread); change = how far the
# target moves from the baseline; floor/cap bound the values; who = responsible staff.
GOALS = (
    dict(area="academic", grades=(0, 1), who=("reading",), base=(12, 12, 6), change=(25, 45),
         floor=0, cap=100, unit="sight words read correctly",
         title="By {month}, {name} will read {target} words from the first-grade sight word "
               "list correctly.",
         measure="Flash-card probe of the 100-word list, read one-on-one.",
         standard="CCSS.ELA-LITERACY.RF.{g}.3.C", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(1, 5), who=("reading",), base=(15, 22, 12), change=(20, 40),
         floor=0, cap=250, unit="words correct per minute",
         title="By {month}, {name} will read a grade-level passage aloud at {target} words "
               "correct per minute.",
         measure="One-minute oral reading probe on an unseen grade-level passage.",
         standard="CCSS.ELA-LITERACY.RF.{g}.4", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(6, 12), who=("reading",), base=(52, 0, 8), change=(18, 30),
         floor=0, cap=100, unit="percent correct",
         title="By {month}, {name} will answer {target}% of comprehension questions correctly "
               "on grade-level passages.",
         measure="Ten-question comprehension check on a short grade-level text.",
         standard="CCSS.ELA-LITERACY.RL.{g}.1",
         schedules=("every two weeks", "every three weeks")),
    dict(area="academic", grades=(3, 12), who=("reading",), base=(10, 0, 2), change=(5, 8),
         floor=0, cap=24, unit="rubric points (out of 24)",
         title="By {month}, {name} will score {target} out of 24 on the district argument "
               "writing rubric.",
         measure="On-demand argument piece scored by two teachers with the district rubric.",
         standard="CCSS.ELA-LITERACY.W.{g}.1", schedules=("every three weeks", "monthly")),
    dict(area="academic", grades=(0, 0), who=("math",), base=(20, 0, 8), change=(40, 60),
         floor=0, cap=120, unit="highest number counted to without error",
         title="By {month}, {name} will count aloud by ones to {target} without an error.",
         measure="Oral counting check with the teacher.",
         standard="CCSS.MATH.CONTENT.K.CC.A.1", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(2, 6), who=("math",), base=(6, 4, 6), change=(20, 35),
         floor=0, cap=100, unit="facts correct in two minutes",
         title="By {month}, {name} will answer {target} math facts correctly in two minutes.",
         measure="Two-minute mixed math fact probe.",
         standard="CCSS.MATH.CONTENT.3.OA.C.7", schedules=("weekly", "every two weeks")),
    dict(area="academic", grades=(6, 12), who=("math",), base=(48, 0, 8), change=(20, 32),
         floor=0, cap=100, unit="percent correct",
         title="By {month}, {name} will solve {target}% of multi-step problems correctly on "
               "the weekly problem-solving check.",
         measure="Five-problem curriculum-based check, scored for method and answer.",
         standard="CCSS.MATH.PRACTICE.MP1", schedules=("weekly", "every two weeks")),
    dict(area="attendance", grades=(0, 12), who=("counselor",), base=(84, 0, 3), change=(8, 12),
         floor=0, cap=98, limit=100, unit="percent of days attended",
         title="By {month}, {name} will attend school on at least {target}% of school days.",
         measure="Attendance record for the school year to date.",
         standard=None, schedules=("every two weeks", "monthly")),
    dict(area="attendance", grades=(3, 12), who=("counselor", "teacher"), base=(60, 0, 20),
         change=(-60, -35), floor=5, cap=300, unit="minutes late per week",
         title="By {month}, {name} will be late to first period no more than {target} minutes "
               "a week.",
         measure="Minutes late from the attendance office log, averaged per week.",
         standard=None, schedules=("weekly", "every two weeks")),
    dict(area="attendance", grades=(3, 12), who=("counselor",), base=(4, 0, 1), change=(-4, -2),
         floor=1, cap=20, unit="days absent per month",
         title="By {month}, {name} will keep absences to {target} or fewer a month.",
         measure="Absences in the past 30 days from the attendance record.",
         standard=None, schedules=("every two weeks",)),
    dict(area="social-emotional", grades=(3, 12), who=("counselor",), base=(4, 0, 1),
         change=(-4, -3), floor=1, cap=20, unit="office referrals per month",
         title="By {month}, {name} will have {target} or fewer office referrals a month.",
         measure="Office referrals in the past 30 days from the behavior log.",
         standard=None, schedules=("every two weeks",)),
    dict(area="social-emotional", grades=(0, 8), who=("teacher", "counselor"), base=(38, 0, 8),
         change=(30, 45), floor=0, cap=100, unit="percent of upsets handled with a strategy",
         title="By {month}, {name} will use a calm-down strategy in {target}% of frustrating "
               "moments.",
         measure="Staff tally of frustrating moments and the strategy used, five school days.",
         standard=None, schedules=("weekly",)),
    dict(area="social-emotional", grades=(0, 8), who=("counselor", "teacher"), base=(1, 0, 0.5),
         change=(2.5, 3.5), floor=0, cap=5, unit="days per week joining peers", decimals=1,
         title="By {month}, {name} will join a peer activity at recess or lunch on {target} "
               "days a week.",
         measure="Recess and lunch observation, averaged over two weeks.",
         standard=None, schedules=("every two weeks",)),
    dict(area="executive function", grades=(3, 12), who=("teacher", "counselor"),
         base=(64, 0, 8), change=(15, 28), floor=0, cap=95, limit=100,
         unit="assignments turned in (%)",
         title="By {month}, {name} will turn in at least {target}% of assignments on time.",
         measure="Grade book check across all classes.",
         standard=None, schedules=("every two weeks", "weekly")),
    dict(area="executive function", grades=(4, 12), who=("counselor", "teacher"),
         base=(6, 0, 2), change=(-6, -4), floor=1, cap=30, unit="missing assignments",
         title="By {month}, {name} will have {target} or fewer missing assignments at each "
               "check.",
         measure="Count of missing work in the grade book on check day.",
         standard=None, schedules=("every two weeks", "weekly")),
    dict(area="executive function", grades=(0, 3), who=("teacher",), base=(2, 0, 0.8),
         change=(3, 3.8), floor=0, cap=6, unit="routine steps done independently (of 6)",
         decimals=1, title="By {month}, {name} will complete {target} of the 6 morning routine "
                           "steps without reminders.",
         measure="Teacher checklist of the morning routine, averaged over the week.",
         standard=None, schedules=("weekly",)),
    dict(area="communication", grades=(0, 4), who=("reading", "counselor"), base=(42, 0, 8),
         change=(30, 42), floor=0, cap=100, unit="percent of target sounds correct",
         title="By {month}, {name} will produce {pos} target speech sounds correctly in "
               "{target}% of attempts in conversation.",
         measure="Sampled conversation during class, scored for the target sounds.",
         standard=None, schedules=("weekly", "every two weeks")),
    dict(area="communication", grades=(5, 12), who=("reading",), base=(28, 0, 8),
         change=(30, 45), floor=0, cap=100, unit="percent of lessons with a contribution",
         title="By {month}, {name} will contribute to class discussion in {target}% of "
               "observed lessons.",
         measure="Teacher tally of observed discussion lessons.",
         standard="CCSS.ELA-LITERACY.SL.{g}.1", schedules=("weekly", "every two weeks")),
    dict(area="career", grades=(9, 12), who=("counselor",), base=(0.5, 0, 0.5), change=(5, 7),
         floor=0, cap=20, unit="career activities completed",
         title="By {month}, {name} will complete {target} career exploration activities, such "
               "as job shadows and informational interviews.",
         measure="Activities logged in the career plan and confirmed by the counselor.",
         standard=None, schedules=("every two weeks", "monthly")),
    dict(area="career", grades=(11, 12), who=("counselor",), base=(2, 0, 1), change=(6, 7.5),
         floor=0, cap=10, unit="checklist steps completed (of 10)",
         title="By {month}, {name} will complete {target} of the 10 steps on {pos} "
               "postsecondary plan checklist.",
         measure="Postsecondary checklist reviewed with the counselor.",
         standard=None, schedules=("every two weeks", "monthly")),
)
DATA_NOTES = {
    "academic": ("Strong focus today.", "Self-corrected twice.", "New passage set started.",
                 "Tired after a field trip.", "Used the strategy card without a reminder."),
    "attendance": ("Family meeting held.", "Bus route changed this week.", "Illness in family."),
    "social-emotional": ("Great week at recess.", "Went to the calm corner without a prompt.",
                         "Tough Monday, strong finish."),
    "executive function": ("Planner checked daily.", "Caught up after make-up day."),
    "communication": ("Volunteered to share first.", "Practiced with a partner beforehand."),
    "career": ("Job shadow at the clinic.", "Met with the college advisor."),
}

SUPPORTS = (  # kind, setting, provider role, frequency, minutes
    ("small-group reading intervention", "in school", "reading", "3 times a week", 30),
    ("math skills group", "in school", "math", "twice a week", 30),
    ("weekly check-in with the counselor", "in school", "counselor", "once a week", 15),
    ("check-in/check-out with a trusted adult", "in school", "counselor", "daily", 5),
    ("homework help", "out of school", "community", "4 times a week", 60),
    ("peer tutoring", "in school", "teacher", "twice a week", 25),
)
CONTRIBUTOR_SUPPORTS = {
    "reading tutor": ("one-on-one reading tutoring", "out of school", "twice a week", 45),
    "math tutor": ("math tutoring", "out of school", "once a week", 60),
    "mentor": ("mentoring", "out of school", "every other week", 60),
    "speech-language therapist": ("speech-language therapy", "in school", "twice a week", 30),
    "after-school program lead": ("after-school program", "out of school", "4 times a week", 120),
    "occupational therapist": ("occupational therapy", "in school", "once a week", 30),
    "summer program coordinator": ("summer learning program", "out of school", "weekly", 180),
    "online teacher": ("online enrichment course", "out of school", "twice a week", 45),
    "youth sports coach": ("team sports program", "out of school", "3 times a week", 90),
    "behavioral health clinician": ("counseling sessions", "in school", "once a week", 45),
}
PROGRAM_SUPPORTS = {
    "el": ("English language development", "in school", "District English learner team",
           "daily", 30),
    "iep": ("specialized instruction", "in school", "Special education resource teacher",
            "4 times a week", 40),
    "gifted": ("enrichment cluster", "in school", "Gifted and talented coordinator",
               "once a week", 45),
}
COMMUNITY = ("Boys & Girls Club", "Eastside Community Center", "Public library homework help",
             "YMCA after-school program", "Parks and Recreation teen center")

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
