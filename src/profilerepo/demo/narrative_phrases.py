"""Sentence fragments for teachers' narrative feedback, per subject and for every subject.

Braces follow the conventions in ``phrases``, plus {course}, {season} and {Season}, {work} and
{adj}; growth items fill {g} and next steps fill {n}.
"""
from __future__ import annotations

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
