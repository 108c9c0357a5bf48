"""Sentence fragments for the learner profile of a synthetic Student.

Kept apart from the generator so the prose can grow without touching the logic. Braces are
filled per Student: {name}, pronoun forms {sub} {Sub} {obj} {pos} {Pos} {refl}, verb endings
{s} {es} {ies} and the verbs {is} {has} {does} that agree with the Student's pronouns. The
narrative, plan and portfolio phrase modules follow the same conventions.
"""
from __future__ import annotations

from profilerepo.demo.names import words

TRAITS = words("""
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
    "early": words("""dinosaurs drawing_with_markers building_with_blocks soccer_at_recess
        bugs_and_worms picture_books_about_space dancing pretend_play trucks_and_trains puzzles
        the_class_guinea_pig singing painting ocean_animals riding_a_scooter"""),
    "upper": words("""graphic_novels soccer Minecraft_building baking_with_family drawing_comics
        basketball volcanoes LEGO_robotics card_games swimming animal_rescue_videos chess_club
        gardening collecting_rocks writing_song_lyrics origami skateboarding"""),
    "middle": words("""coding_small_games anime_and_manga volleyball student_council photography
        track_and_field cooking_for_the_family video_editing debate volunteering_at_the_shelter
        playing_guitar fashion_design 3D_printing history_podcasts robotics_club dance_team
        fishing astronomy"""),
    "high": words("""robotics mock_trial a_part-time_job_at_the_grocery_store wrestling
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

# "My dream": what the Student hopes to do or become, in their own words (success plans ask).
MY_DREAMS = {
    "early": (
        "I want to be a firefighter and drive the big truck.",
        "I want to be a teacher like my teacher.",
        "I want to be a doctor for animals.",
        "I want to build a rocket and go to the moon.",
        "I want to be an artist and paint a really big wall.",
    ),
    "upper": (
        "I want to be a scientist who finds new kinds of bugs.",
        "I want to make video games that kids love.",
        "I want to be a chef and have my own restaurant.",
        "I want to be a vet and help hurt animals get better.",
        "I want to write books with lots of pictures.",
        "I want to play soccer for a real team someday.",
    ),
    "middle": (
        "I want to be an engineer and design robots that help people.",
        "I want to be a nurse like my aunt.",
        "I want to design clothes and have my own brand.",
        "I want to be a game designer and make a game my friends play.",
        "I want to coach basketball and help younger kids.",
        "I want to be a marine biologist and study sharks.",
    ),
    "high": (
        "I want to become a registered nurse and work in a children's hospital.",
        "I want to run my own welding shop.",
        "I want to study computer science and build apps that help people learn.",
        "I want to be the first in my family to finish college and become a teacher.",
        "I want to join the Coast Guard and then become an engineer.",
        "I want to be an electrician and own my own business.",
    ),
}
