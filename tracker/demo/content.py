"""The demo records: only what the two seed texts state, attributed to whoever said it.

Seed 000 is the petition "Demand the Resignation of Kansas City Police Chief Smith"; seed 001 is
the KCTV5 News report of 2020-06-03 on the coalition's joint press conference.
"""

from datetime import date

PETITION_TITLE = "Demand the Resignation of Kansas City Police Chief Smith"
REPORT_DATE = date(2020, 6, 3)

SOURCES = {
    "petition": {
        "title": PETITION_TITLE,
        "publisher": "Petition circulated on social media",
        "url": "https://t.co/2XKFq9jlbb",
        "source_kind": "statement",
        "notes": "The petition text (seed text 000). The link is the one KCTV5's Kaci Jones "
        "posted for the petition on 3 June 2020.",
    },
    "news": {
        "title": "Local groups ask for the resignation of the Kansas City police chief",
        "publisher": "KCTV5 News",
        "published_on": REPORT_DATE,
        "source_kind": "news",
        "notes": "Report on the joint press conference of the Urban League, the NAACP Kansas "
        "City branch and MORE2 (seed text 001).",
    },
}

ORGANIZATIONS = [
    {"name": "Urban League of Greater Kansas City", "short_name": "Urban League"},
    {"name": "NAACP Kansas City branch", "short_name": "NAACP KC"},
    {"name": "MORE2", "short_name": "MORE2"},
]

PETITION = {
    "title": PETITION_TITLE,
    "summary": "A petition calling for the resignation of Kansas City Police Chief Rick Smith "
    "and for six changes in how the Kansas City Police Department is held accountable.",
    "body": (
        'The petition says that after "the recent unlawful deaths of Black men and women across '
        "America and in Kansas City, the use of excessive force and unethical practices of the "
        'KCPD have been brought to the forefront".\n\n'
        "It cites a joint statement of the Urban League of Greater Kansas City, the NAACP Kansas "
        "City branch and MORE2 that, in the petition's words, noted Chief Smith's "
        '"unwillingness to hold his officers accountable, his refusal to issue standard probable '
        'cause statements, his non-transparent internal investigations" and "blatant rejections '
        'to routine requests for criminal complaints against the police".\n\n'
        "**Budget figures the petition cites:** Kansas City allocated over $250 million in FY2020 "
        "to the Police Department and increased the budget by nearly $10 million for FY2021, "
        '"despite the fact that the city of KCMO has no authority over KCPD or their actions and '
        'policies".'
    ),
    "signature_goal": 7500,
    "url": "https://t.co/2XKFq9jlbb",
}

# (number, short title, text as the petition words it, indicator)
DEMANDS = [
    (
        1,
        "Accept all routine criminal complaints",
        "The Kansas City Police Department must accept all routine requests for criminal "
        "complaints against the Kansas City Police Department",
        "complaints_accepted",
    ),
    (
        2,
        "External investigations of all excessive-force claims",
        "The Kansas City Police Department will be subject to external investigations for all "
        "claims of excessive force in addition to internal investigations.",
        "external_investigations",
    ),
    (
        3,
        "Name the officers in fatal excessive-force cases",
        "Transparency in the names of the officer(s) responsible for all excessive force "
        "complaints resulting in death, including the officer(s) who murdered Donnie Sanders.",
        "officers_named",
    ),
    (
        4,
        "Stop premature reinstatement",
        "The Kansas City Police Department must stop the premature reinstatement of officers "
        "involved in ongoing investigations of excessive force, misconduct, and homicide.",
        "premature_reinstatement",
    ),
    (
        5,
        "Appeal Officer Thompson's immunity; reopen the Ryan Stokes case",
        "Appeal the immunity of Officer William Thompson for his involvement in the murder of "
        "Ryan Stokes and open a new external investigation in that case.",
        "related_actions",
    ),
    (
        6,
        "Resignation of Chief Smith",
        "The resignation of Police Chief Smith.",
        "none",
    ),
]

STATUS_NOTE = "Not met when the petition was reported on 3 June 2020."
RESIGNATION_CALL = (
    "At a joint press conference the Urban League of Greater Kansas City, the NAACP Kansas City "
    "branch and MORE2 called for Chief Rick Smith to resign (KCTV5 News)."
)

AGENCIES = [
    {
        "key": "kcpd",
        "name": "Kansas City, Missouri Police Department",
        "short_name": "KCPD",
        "agency_kind": "police_department",
        "jurisdiction": "Kansas City, Missouri",
        "summary": "The police department the petition's demands are addressed to.",
        "sources": ["petition", "news"],
    },
    {
        "key": "prosecutor",
        "name": "Jackson County Prosecutor's Office",
        "short_name": "Jackson County Prosecutor",
        "agency_kind": "prosecutor",
        "jurisdiction": "Jackson County, Missouri",
        "summary": "KCTV5 reports the coalition's complaint that the department is not turning "
        "over probable cause statements, which makes it difficult for Jackson County Prosecutor "
        "Jean Peters Baker to hold officers accountable.",
        "sources": ["news"],
    },
    {
        "key": "city",
        "name": "City of Kansas City, Missouri",
        "short_name": "KCMO",
        "agency_kind": "city_government",
        "jurisdiction": "Kansas City, Missouri",
        "summary": "The petition states the city allocated over $250 million to the Police "
        "Department in FY2020 and increased the budget by nearly $10 million for FY2021, though "
        "the city has no authority over KCPD or its actions and policies.",
        "sources": ["petition"],
    },
]

OFFICERS = [
    {
        "key": "smith",
        "identity_status": "named",
        "name": "Rick Smith",
        "rank": "Chief of Police",
        "agency": "kcpd",
        "public_description": "Chief of the Kansas City, Missouri Police Department, appointed in "
        "2017 (KCTV5 News). The petition and the coalition call for his resignation.",
        "sources": ["news", "petition"],
        "demands": {
            6: "The petition demands the chief's resignation; the coalition repeated "
            "the call on 3 June 2020."
        },
    },
    {
        "key": "thompson",
        "identity_status": "named",
        "name": "William Thompson",
        "rank": "Officer",
        "agency": None,
        "public_description": "The petition demands an appeal of Officer William Thompson's "
        "immunity for what it calls his involvement in the murder of Ryan Stokes.",
        "sources": ["petition"],
        "demands": {5: "The officer whose immunity the petition asks to be appealed."},
    },
    {
        "key": "sanders_officers",
        "identity_status": "withheld",
        "title": "Officer(s) involved in the death of Donnie Sanders",
        "name": None,
        "rank": None,
        "agency": None,
        "public_description": "The petition demands transparency in the names of the officer(s) "
        "it says murdered Donnie Sanders; their names are not in the tracker's sources.",
        "sources": ["petition"],
        "demands": {3: "The petition demands the names of these officers."},
    },
]

PEOPLE = [
    {"key": "sanders", "name": "Donnie Sanders", "name_is_public": True, "sources": ["petition"]},
    {"key": "stokes", "name": "Ryan Stokes", "name_is_public": True, "sources": ["petition"]},
]

CASES = [
    {
        "key": "sanders",
        "title": "Death of Donnie Sanders",
        "case_kind": "use_of_force",
        "outcome": "fatal",
        "date_precision": "unknown",
        "summary": "The petition lists the death of Donnie Sanders among excessive-force "
        "complaints resulting in death.",
        "narrative": 'The petition demands "transparency in the names of the officer(s) '
        "responsible for all excessive force complaints resulting in death, including the "
        "officer(s) who murdered Donnie Sanders\".\n\nThe tracker's sources do not yet give the "
        "date, the place or the officers' names.",
        "person": "sanders",
        "officer": ("sanders_officers", "involved"),
        "sources": ["petition"],
        "demands": {3: "The petition names this case in its demand for officers' names."},
    },
    {
        "key": "stokes",
        "title": "Death of Ryan Stokes",
        "case_kind": "use_of_force",
        "outcome": "fatal",
        "date_precision": "unknown",
        "summary": "The petition demands an appeal of Officer William Thompson's immunity and a "
        "new external investigation of the case.",
        "narrative": 'The petition demands: "Appeal the immunity of Officer William Thompson for '
        "his involvement in the murder of Ryan Stokes and open a new external investigation in "
        "that case.\"\n\nThe tracker's sources do not yet give the date or the place.",
        "person": "stokes",
        "officer": ("thompson", "involved"),
        "sources": ["petition"],
        "demands": {5: "The case the petition asks to be reopened by an external investigation."},
    },
]

LEGAL_ACTIONS = [
    {
        "title": "Immunity of Officer William Thompson",
        "case": "stokes",
        "action_kind": "immunity_ruling",
        "action_status": "unknown",
        "officer": "thompson",
        "summary": "The petition refers to Officer William Thompson's immunity in the Ryan Stokes "
        "case and demands that it be appealed.",
        "outcome": "Immunity, as the petition describes it; the court and the date are not in "
        "the tracker's sources.",
        "sources": ["petition"],
        "demands": {5: "The immunity the petition asks to be appealed."},
    },
]

# The seed texts say what the department withholds, not that a request was sent: the record
# states only that, with no send date and no history (the tracker computes no deadline for it).
RECORDS_REQUESTS = [
    {
        "title": "Probable cause statements from KCPD",
        "custodian": "kcpd",
        "asked": "Standard probable cause statements, which the coalition says the Kansas City "
        "Police Department is not turning over.",
        "summary": "At the coalition's press conference of 3 June 2020 the groups said the "
        "department is not turning over probable cause statements, making it difficult for "
        "Jackson County Prosecutor Jean Peters Baker to hold officers accountable; the petition "
        'cites Chief Smith\'s "refusal to issue standard probable cause statements". No '
        "Sunshine Law request, its date or an answer is in the tracker's sources yet.",
        "sources": ["news", "petition"],
    },
]
