"""Every enumerated value the records use, with the label people read.

The keys are stored in the database (and checked there by CHECK constraints); the labels are
what pages, forms and reports show. Order is the order people expect in a list.
"""

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

COMPLAINT_FINDINGS = {
    "pending": "Pending",
    "sustained": "Sustained",
    "not_sustained": "Not sustained",
    "exonerated": "Exonerated",
    "unfounded": "Unfounded",
    "administratively_closed": "Administratively closed",
}

ALLEGATION_CATEGORIES = {
    "excessive_force": "Excessive force",
    "unlawful_arrest": "Unlawful arrest or detention",
    "unlawful_search": "Unlawful search",
    "discrimination": "Discrimination",
    "discourtesy": "Discourtesy",
    "dishonesty": "Dishonesty",
    "failure_to_act": "Failure to act",
    "retaliation": "Retaliation",
    "other": "Other",
}

INVESTIGATION_SCOPES = {"internal": "Internal", "external": "External"}

INVESTIGATION_STATUSES = {
    "open": "Open",
    "closed": "Closed",
    "suspended": "Suspended",
    "declined": "Declined",
}

INVESTIGATION_FINDINGS = COMPLAINT_FINDINGS

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
