"""Complaints against the department: filed where, accepted or refused, and what became of them."""

from sqlalchemy import case, select

from tracker.extensions import db
from tracker.kinds.base import (
    Computed,
    RecordKind,
    Section,
    on_parent_page,
    public_id,
    public_ids,
)
from tracker.kinds.proceedings import (
    OFFICERS,
    case_filter,
    choice_filter,
    officer_filter,
    officer_ids,
    reference_id,
)
from tracker.models import Allegation, Complaint, Person
from tracker.models import choices as C
from tracker.models.people import public_name_columns, public_name_of
from tracker.records.checks import filed_after_incident


def public_complainant(complaint):
    """The complainant's public name, only when they agreed to be named."""
    if complaint.complainant_is_public and public_id(complaint.complainant):
        return complaint.complainant.public_name
    return None


def _public_complainants(complaints):
    """``public_complainant`` of a batch of complaints in one query: {complaint id: name}.

    The complainant's name columns as plain values (the complaint's own table joined, so only
    the complainant is a record the visibility boundary filters).
    """
    found = dict.fromkeys((complaint.id for complaint in complaints), None)
    named = [complaint.id for complaint in complaints if complaint.complainant_is_public]
    if not named:
        return found
    complaints_table = Complaint.__table__
    statement = (
        select(complaints_table.c.id, *public_name_columns())
        .select_from(complaints_table)
        .join(Person, Person.id == complaints_table.c.complainant_id)
        .where(complaints_table.c.id.in_(named))
    )
    for row in db.session.execute(statement).all():
        found[row.id] = public_name_of(row)
    return found


def _allegations(complaints):
    """{complaint id: [its visible allegations as (id, category, final_finding) rows]}."""
    found = {complaint.id: [] for complaint in complaints}
    statement = select(
        Allegation.complaint_id, Allegation.id, Allegation.category, Allegation.final_finding
    ).where(Allegation.complaint_id.in_(list(found)))
    for row in db.session.execute(statement).all():
        found[row.complaint_id].append(row)
    return found


def _natural_key(values):
    """A complaint is the agency it was filed with and its reference number, else its title."""
    if values.get("reference_number"):
        agency_id = reference_id(values, "filed_with")
        return ("reference", agency_id, values["reference_number"]), lambda: select(
            Complaint
        ).where(
            Complaint.filed_with_id == agency_id,
            Complaint.reference_number == values["reference_number"],
        )
    return ("title", values["title"]), lambda: select(Complaint).where(
        Complaint.title == values["title"]
    )


KIND = RecordKind(
    name="complaint",
    model=Complaint,
    label="Complaint",
    plural="Complaints",
    collection="complaints",
    order=20,
    checks=(filed_after_incident,),
    headline=True,
    page=on_parent_page("cases.detail", "case_id"),
    computed=(
        Computed(
            "complainant",
            "string",
            "Complainant's public name, only when they agreed.",
            public_complainant,
            values=_public_complainants,
        ),
        Computed(
            "allegations",
            "string list",
            "Categories of its published allegations (see allegations), each once.",
            lambda complaint: sorted({item.category for item in complaint.allegations}),
            values=_allegations,
            pick=lambda found: sorted({item.category for item in found}),
        ),
        Computed(
            "findings",
            "string list",
            "Final findings of its published allegations, each once (the complaint's own finding "
            "before allegations had theirs).",
            lambda complaint: sorted({item.final_finding for item in complaint.allegations}),
            values=_allegations,
            pick=lambda found: sorted({item.final_finding for item in found}),
        ),
        Computed(
            "allegation_ids",
            "integer list",
            "Ids of its published allegations.",
            lambda complaint: public_ids(complaint.allegations),
            values=_allegations,
            pick=lambda found: sorted(item.id for item in found),
        ),
        officer_ids("Ids of the officers complained about."),
    ),
    # No loads: the references (agencies, officer, case), the complainant, the allegations and
    # the officers named are read as plain values for a batch of rows (``RecordKind.rows``).
    load=(),
    api=True,
    api_filters=(
        case_filter(Complaint),
        officer_filter(Complaint),
        choice_filter(Complaint.complaint_kind, C.COMPLAINT_KINDS),
        choice_filter(Complaint.acceptance, C.COMPLAINT_ACCEPTANCE),
        choice_filter(Complaint.channel, C.COMPLAINT_CHANNELS),
    ),
    natural_key=_natural_key,
    lookup_fields=("title", "reference_number"),
    import_references=(OFFICERS,),
    section=Section(
        sort_by="filed_on",
        parts=("allegations",),
        parts_in_case=("allegations",),  # the case's allegation section
        refs=(
            "complainant",
            "refused_by_officer",
            "allegations.officer",
            "filed_with",
            "refused_by_agency",
        ),
        officer_load=(),  # a title, a link (its case_id) and the acceptance
        case="case",
        officers=True,
        empty="No published complaint is linked to this case.",
        status="acceptance",
        related=("filed_with", "refused_by_agency", "refused_by_officer", "allegations"),
        values=lambda complaint: (public_complainant(complaint),),
        badge=lambda: case(
            {"refused": "Complaint refused", "no_response": "Complaint unanswered"},
            value=Complaint.acceptance,
        ),
    ),
)
