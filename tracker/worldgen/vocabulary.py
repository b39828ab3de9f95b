"""Words the generated records are made of, and the markers tests and the benchmark look for."""

# Every case summary contains this word (and so does the demo data): a search for it matches
# most of the world.
COMMON_WORD = "police"
# One record in RARE_EVERY carries this word: a search for it matches a handful.
RARE_WORD = "quetzalcoatl"
RARE_EVERY = 5000
# Written into every private field and every unpublished record's title: it must never show
# on a public page, in a download, an API answer or a search result.
PRIVATE_MARKER = "privateworldmarker"

FIRST_NAMES = [
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Patricia",
    "David",
    "Jennifer",
    "William",
    "Elizabeth",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Donna",
    "Kenneth",
    "Emily",
    "Joshua",
    "Michelle",
    "Kevin",
    "Carol",
]
LAST_NAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
]
STREETS = [
    "Troost Avenue",
    "Prospect Avenue",
    "Main Street",
    "Independence Avenue",
    "Linwood Boulevard",
    "Swope Parkway",
    "Blue Parkway",
    "Paseo Boulevard",
    "Broadway Boulevard",
    "Westport Road",
    "Armour Boulevard",
    "Van Brunt Boulevard",
    "Wornall Road",
    "Bannister Road",
    "Truman Road",
]
PLACES = ("a traffic stop", "a home", "a parking lot", "a bus stop", "a park", "a store")
UNITS = ("Patrol Division", "Tactical Unit", "Narcotics Unit", "Traffic Unit", "Detectives")
RANKS = ("Officer", "Sergeant", "Detective", "Captain", "Lieutenant")
SENTENCES = (
    "Officers responded to a call about {place} near {street}.",
    "Several witnesses described the encounter to reporters.",
    "Body camera footage was requested by the family.",
    "The department released a short statement the next day.",
    "A bystander recorded part of the encounter on a phone.",
    "The person was taken to a hospital and later released.",
    "Community members gathered at {street} the following evening.",
    "The report lists {count} officers at the scene.",
)
PUBLISHERS = ("The Kansas City Star", "KCUR", "The Call", "Official record", "Court filing")
AGENCIES = (
    ("Metro City Police Department", "MCPD", "police_department"),
    ("Metro City Internal Affairs", "MCIA", "internal_affairs"),
    ("Metro City Office of Community Complaints", "OCC", "civilian_oversight"),
    ("Metro County Prosecutor", "MCP", "prosecutor"),
    ("State Highway Patrol", "SHP", "state_agency"),
    ("Metro County Circuit Court", "MCCC", "court"),
)
