"""Every enumerated value the records use, with the label people read.

The keys are stored in the database (and checked there by CHECK constraints); the labels are
what pages, forms and reports show. Order is the order people expect in a list.
"""

# The one status the public sees (``tracker.records.visibility`` applies it to every query).
PUBLISHED = "published"

RECORD_STATUSES = {
    "draft": "Draft",
    "in_review": "In review",
    "published": "Published",
    "unpublished": "Unpublished",
    # A never-published draft its author or an editor set aside: kept with its history, shown
    # nowhere but the "Discarded" filter, and restorable to a draft.
    "discarded": "Discarded",
}

USER_ROLES = {"volunteer": "Volunteer", "editor": "Editor", "admin": "Admin"}

# What the admins' audit log records (``AuditEvent.action``).
AUDIT_ACTIONS = {
    "invite": "Invited",
    "new_link": "New sign-in link",
    "role": "Role changed",
    "disable": "Disabled",
    "enable": "Enabled",
}

DEMAND_STATUSES = {"not_met": "Not met", "partly_met": "Partly met", "met": "Met"}

# Which computed indicator a demand page shows (see tracker/demands/indicators.py).
DEMAND_INDICATORS = {
    "none": "No computed indicator",
    "complaints_accepted": "Criminal complaints accepted, refused or unanswered",
    "external_investigations": "Excessive-force cases with an external investigation",
    "officers_named": "Fatal cases whose officers are named",
    "premature_reinstatement": "Reinstatements while a related investigation was open",
    "related_actions": "Legal actions and investigations linked to the demand",
}

AGENCY_KINDS = {
    "police_department": "Police department",
    "internal_affairs": "Internal affairs unit",
    "civilian_oversight": "Civilian oversight office",
    "prosecutor": "Prosecutor",
    "city_government": "City government",
    "state_agency": "State agency",
    "federal_agency": "Federal agency",
    "court": "Court",
}

IDENTITY_STATUSES = {
    "named": "Named",
    "withheld": "Identity withheld",
    "unknown": "Identity unknown",
}

DATE_PRECISIONS = {
    "day": "Exact day",
    "month": "Month only",
    "year": "Year only",
    "unknown": "Date unknown",
}

CASE_KINDS = {
    "shooting": "Shooting",
    "death_in_custody": "Death in custody",
    "use_of_force": "Use of force",
    "other_misconduct": "Other misconduct",
}

# Kinds that count as excessive force for the demand indicators.
EXCESSIVE_FORCE_KINDS = ("shooting", "death_in_custody", "use_of_force")

CASE_OUTCOMES = {
    "fatal": "Fatal",
    "injured": "Injured",
    "none": "No injury",
    "unknown": "Not reported",
}

CASE_PERSON_ROLES = {
    "subject": "Subject",
    "complainant": "Complainant",
    "witness": "Witness",
    "family": "Family member",
    "representative": "Representative",
}

CASE_OFFICER_ROLES = {
    "involved": "Involved",
    "used_force": "Used force",
    "fired_weapon": "Fired weapon",
    "supervisor": "Supervisor",
    "witness": "Witness",
}

COMPLAINT_KINDS = {"administrative": "Administrative", "criminal": "Criminal"}

COMPLAINT_ACCEPTANCE = {
    "accepted": "Accepted",
    "refused": "Refused",
    "no_response": "No response",
    "pending": "Awaiting an answer",
}

# How a complaint was brought to the agency (its intake channel).
COMPLAINT_CHANNELS = {
    "in_person": "In person at a station",
    "phone": "By phone",
    "online": "Online",
    "mail": "By mail",
    "prosecutor": "Through the prosecutor",
    "civilian_office": "Through the civilian office",
}

COMPLAINT_CHANNEL_DEFINITIONS = {
    "in_person": "The complainant went to a police station or office to make the complaint.",
    "phone": "The complaint was made by telephone.",
    "online": "The complaint was made through a web form or by email.",
    "mail": "The complaint was sent by post.",
    "prosecutor": "The complaint was brought through the prosecutor's office.",
    "civilian_office": "The complaint was brought through the civilian oversight office.",
}

# The finding on one allegation (recommended, then final). The investigations' findings keep the
# earlier list, which lacks "no cooperation".
ALLEGATION_FINDINGS = {
    "pending": "Pending",
    "sustained": "Sustained",
    "not_sustained": "Not sustained",
    "exonerated": "Exonerated",
    "unfounded": "Unfounded",
    "administratively_closed": "Administratively closed",
    "no_cooperation": "No cooperation",
}

ALLEGATION_FINDING_DEFINITIONS = {
    "pending": "No finding yet, or none on record.",
    "sustained": "The evidence showed the officer did what was alleged, and it broke the rules.",
    "not_sustained": "The evidence could neither prove nor disprove the allegation.",
    "exonerated": "The officer did what was alleged, but it was found lawful and within policy.",
    "unfounded": "The evidence showed the alleged act did not happen or the officer was not "
    "involved.",
    "administratively_closed": "The allegation was closed without a finding on the merits (for "
    "example withdrawn, or a duplicate).",
    "no_cooperation": "Closed without a finding because the complainant or a witness did not "
    "take part in the investigation.",
}

DISCIPLINE_KINDS = {
    "none": "None",
    "counseling": "Counseling or training",
    "written_reprimand": "Written reprimand",
    "suspension": "Suspension",
    "demotion": "Demotion",
    "termination": "Termination",
    "resigned_before_finding": "Resignation before a finding",
}

DISCIPLINE_DEFINITIONS = {
    "none": "No discipline was imposed.",
    "counseling": "The officer was counseled or sent to training; not a formal penalty.",
    "written_reprimand": "A written reprimand was placed in the officer's file.",
    "suspension": "The officer was suspended, with or without pay, for the days given.",
    "demotion": "The officer was lowered in rank.",
    "termination": "The officer was fired.",
    "resigned_before_finding": "The officer resigned or retired before a finding was made.",
}

# Whether discipline imposed took effect.
DISCIPLINE_OUTCOMES = {
    "unknown": "Not reported",
    "served": "Served",
    "overturned_on_appeal": "Overturned on appeal",
}

DISCIPLINE_OUTCOME_DEFINITIONS = {
    "unknown": "Whether the discipline took effect is not on record.",
    "served": "The discipline took effect.",
    "overturned_on_appeal": "An appeal or arbitration reversed the discipline.",
}

# The allegation categories a new database starts with (rows of ``allegation_categories``, which
# editors can add to): Kansas City's Office of Community Complaints' six, plus a refusal.
ALLEGATION_CATEGORIES = {
    "bias_based_policing": (
        "Bias-based policing",
        "Acting on a person's race, ethnicity, religion, sex, sexual orientation, disability "
        "or similar trait rather than on their conduct.",
    ),
    "discourtesy": (
        "Discourtesy",
        "Rude, insulting or profane words or gestures towards a member of the public.",
    ),
    "excessive_force": (
        "Excessive use of force",
        "More physical force than the situation called for, or force when none was needed.",
    ),
    "harassment": (
        "Harassment",
        "Repeated stops, contacts or threats that serve no police purpose.",
    ),
    "improper_member_conduct": (
        "Improper member conduct",
        "Conduct unbecoming an officer, on or off duty, not covered by another category.",
    ),
    "improper_procedure": (
        "Improper procedure",
        "Not following the department's rules and procedures (for searches, arrests, "
        "reports, body cameras and the like).",
    ),
    "refused_complaint": (
        "Refused to take a complaint",
        "Refusing, discouraging or not answering a person who tried to make a complaint.",
    ),
}

INVESTIGATION_SCOPES = {"internal": "Internal", "external": "External"}

INVESTIGATION_STATUSES = {
    "open": "Open",
    "closed": "Closed",
    "suspended": "Suspended",
    "declined": "Declined",
}

INVESTIGATION_FINDINGS = {
    "pending": "Pending",
    "sustained": "Sustained",
    "not_sustained": "Not sustained",
    "exonerated": "Exonerated",
    "unfounded": "Unfounded",
    "administratively_closed": "Administratively closed",
}

# How an officer left the agency (the last assignment's agency).
SEPARATIONS = {
    "resigned": "Resigned",
    "retired": "Retired",
    "terminated": "Terminated",
    "decertified": "Decertified",
    "left": "Left (reason not on record)",
}

DUTY_EVENT_KINDS = {
    "administrative_leave": "Administrative leave",
    "desk_duty": "Desk duty",
    "suspended": "Suspended",
    "reinstated": "Reinstated",
    "terminated": "Terminated",
    "resigned": "Resigned",
    "retired": "Retired",
}

# The duty status each event leaves an officer in.
DUTY_STATUS_AFTER = {
    "administrative_leave": "on_leave",
    "desk_duty": "restricted",
    "suspended": "suspended",
    "reinstated": "active",
    "terminated": "separated",
    "resigned": "separated",
    "retired": "separated",
}

DUTY_STATUSES = {
    "active": "On duty",
    "on_leave": "On administrative leave",
    "restricted": "On desk duty",
    "suspended": "Suspended",
    "separated": "No longer with the agency",
    "unknown": "Not recorded",
}

LEGAL_ACTION_KINDS = {
    "criminal_charge": "Criminal charge",
    "civil_suit": "Civil suit",
    "immunity_ruling": "Immunity ruling",
    "appeal": "Appeal",
    "settlement": "Settlement",
}

LEGAL_ACTION_STATUSES = {
    "pending": "Pending",
    "decided": "Decided",
    "dismissed": "Dismissed",
    "settled": "Settled",
    "appealed": "Under appeal",
    "closed": "Closed",
    "unknown": "Not reported",
}

# What a dated entry on a legal action's docket records (``DocketEntry.entry_kind``).
DOCKET_ENTRY_KINDS = {
    "filing": "Filing",
    "hearing": "Hearing",
    "ruling": "Ruling",
    "order": "Order",
    "appeal_deadline": "Appeal deadline",
    "other": "Other",
}
# The entries that are "what is next" for a legal action: a date someone can attend or act by.
COURT_DATE_KINDS = ("hearing", "appeal_deadline")

SOURCE_KINDS = {
    "news": "News report",
    "official_record": "Official record",
    "court_filing": "Court filing",
    "statement": "Statement",
    "social_media": "Social media",
    "personal_account": "Personal account",
}

# What a source's history records (``SourceRevision.action``).
SOURCE_REVISION_ACTIONS = {
    "document_reviewed": "Document marked reviewed for private data",
    "document_unreviewed": "Document review withdrawn",
    "edited": "Edited",
}

REVISION_ACTIONS = {
    "create": "Created",
    "edit": "Edited",
    "status": "Status changed",
    "restore": "Restored",
    "import": "Imported",
    "discarded": "Discarded",
    "undiscarded": "Restored from discarded",
}

# Records requests (``tracker/kinds/records_request.py``): how a request was sent, each dated
# step of its history, and the status the history gives it (computed, never typed).
REQUEST_SENT_BY = {
    "email": "Email",
    "mail": "Mail",
    "portal": "Online portal",
    "in_person": "In person",
    "fax": "Fax",
    "phone": "Phone",
    "other": "Other",
    "unknown": "Not on record",
}
REQUEST_EVENT_KINDS = {
    "acknowledged": "Acknowledged",
    "delayed": "Delay explained",
    "fee_estimate": "Fee estimate",
    "released": "Records released in full",
    "partly_released": "Records partly released",
    "denied": "Denied",
    "no_records": "No responsive records",
    "appealed": "Appealed",
    "sued": "Taken to court",
    "withdrawn": "Withdrawn",
}
REQUEST_STATUSES = {"sent": "No answer on record", **REQUEST_EVENT_KINDS}
# The records laws a request can rely on (their rules: ``tracker.deadlines.laws``).
from tracker.deadlines.laws import LAW_CHOICES as REQUEST_LAWS  # noqa: E402, F401
