"""People, school and course names for the synthetic district, and the logins made from them.

Names are drawn from many languages on purpose: a demo should look like a real district.
"""
from __future__ import annotations

import random
import unicodedata
import zlib
from collections.abc import Sequence

from profilerepo.demo.specs import GuardianSpec


def words(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated list, reading '_' as a space and dropping repeats."""
    return tuple(dict.fromkeys(word.replace("_", " ") for word in text.split()))


GIVEN_SHE = words("""
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

GIVEN_HE = words("""
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

GIVEN_ANY = words("""
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

FAMILY_NAMES = words("""
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

SCHOOL_PLACES = words("""
Maple_Grove Cedar_Ridge Willow_Creek Sunnyside Pine_Hollow Juniper_Hills Aspen_Valley Lakeview
Riverbend Harbor_Point Meadowbrook Oak_Park Birch_Lane Foxglove Hawthorne Clearwater Prairie_Wind
Stonebridge Bluebird Sycamore Larkspur Fern_Hill Magnolia Copper_Canyon Greenfield Brookside
Eagle_Crest Silver_Lake Orchard_Park Ridgeview Cottonwood Heron_Bay Quail_Run Red_Rock Tamarack
""")
MIDDLE_NAMES = words("""
Mae_Jemison Cesar_Chavez Sally_Ride Roberto_Clemente Katherine_Johnson Wilma_Mankiller
Dolores_Huerta Daniel_Inouye Fred_Korematsu Eastside Westview Northwood Southgate Hillcrest
Canyon_View Ellen_Ochoa Patsy_Mink Jackie_Robinson Maria_Tallchief
""")
HIGH_NAMES = words("""
Riverside Northgate Summit Valley_View Bayside Mountain_View Frederick_Douglass Grace_Hopper
Thurgood_Marshall Westlake Pioneer Heritage Skyline Horizon Lakeside Ida_B._Wells Sequoia
""")

CONTRIBUTOR_KINDS = (
    "reading tutor", "math tutor", "mentor", "speech-language therapist",
    "after-school program lead", "occupational therapist", "summer program coordinator",
    "online teacher", "youth sports coach", "behavioral health clinician",
)

CORE = ("English", "Math", "Science", "Social Studies")
ELECTIVES = ("World Languages", "Art", "Physical Education", "Computer Science", "Music")
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

_TWO_GUARDIANS = ((("mother", "father"), 70), (("mother", "mother"), 4),
                  (("father", "father"), 3), (("mother", "grandmother"), 5),
                  (("grandmother", "grandfather"), 6), (("aunt", "uncle"), 4),
                  (("foster parent", "foster parent"), 4), (("father", "grandmother"), 4))
_ONE_GUARDIAN = (("mother", 55), ("father", 18), ("grandmother", 10), ("grandfather", 3),
                 ("aunt", 4), ("uncle", 3), ("legal guardian", 4), ("foster parent", 3))


def slug(name: str) -> str:
    """The lowercase ASCII letters of a name, for logins."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if "a" <= ch <= "z") or "x"


def given_name(rng: random.Random, pronoun: str) -> str:
    """A given name to suit the pronoun; some names are chosen from those any child may have."""
    if pronoun == "they" or rng.random() < 0.12:
        return rng.choice(GIVEN_ANY)
    return rng.choice(GIVEN_SHE if pronoun == "she" else GIVEN_HE)


def person(rng: random.Random) -> tuple[str, str]:
    """A grown-up's given and family name."""
    pronoun = rng.choice(("she", "he", "she", "he", "they"))
    return given_name(rng, pronoun), rng.choice(FAMILY_NAMES)


def guardians(rng: random.Random, first: int, family_name: str) -> tuple[GuardianSpec, ...]:
    """One or two guardians; logins carry the family's first index, so they never collide."""
    if rng.random() < 0.62:
        pairs, weights = zip(*_TWO_GUARDIANS, strict=True)
        relations = rng.choices(pairs, weights)[0]
    else:
        singles, weights = zip(*_ONE_GUARDIAN, strict=True)
        relations = rng.choices(singles, weights)
    found: list[GuardianSpec] = []
    for relation in relations:
        woman = relation in ("mother", "grandmother", "aunt")
        man = relation in ("father", "grandfather", "uncle")
        given = given_name(rng, "she" if woman else "he" if man else "they")
        kin = 0.85 if relation in ("mother", "father") else 0.0 if not (woman or man) else 0.55
        family = family_name if rng.random() < kin else rng.choice(FAMILY_NAMES)
        login = f"{slug(given)}.{slug(family)}.{first}"
        if any(guardian.login == login for guardian in found):
            login += "b"
        domain = rng.choice(("example.com", "example.net", "example.org"))
        found.append(GuardianSpec(login, given, family, relation, f"{login}@{domain}"))
    return tuple(found)


def school_names(rng: random.Random, pool: Sequence[str], suffix: str, count: int) -> list[str]:
    """Distinct school names; past the pool, prefixes and then numbers keep them unique."""
    places = rng.sample(pool, len(pool))
    names = [f"{place} {suffix}" for place in places]
    for prefix in ("North", "South", "East", "West", "New"):
        names += [f"{prefix} {place} {suffix}" for place in places]
    names = list(dict.fromkeys(names))
    while len(names) < count:
        names += [f"{name} {len(names) // len(places) + 1}" for name in names[:len(places)]]
    return names[:count]


def course_name(subject: str, grade: int, chooser: str) -> str:
    """The course name for a middle or high school subject; ``chooser`` picks the language."""
    name = COURSES[subject][grade - 6]
    if "{lang}" in name:
        name = name.format(lang=LANGUAGES[zlib.crc32(chooser.encode()) % len(LANGUAGES)])
    return name
