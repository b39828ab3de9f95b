"""Complaints against the department: filed where, accepted or refused, and what became of them."""

from sqlalchemy import case, select

from tracker.kinds import row_values
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


def _complainant_reads(model, among):
    """The part of a batch's statement with each publicly named complainant's name columns.

    Only complaints whose complainant agreed to be named; the complaint's own table joined, so
    only the complainant is a record the visibility boundary filters.
    """
    complaints = model.__table__
    columns = {column.key: column for column in public_name_columns()}
    return (
        row_values.part(
            "complainant",
            complaints.c.id,
            among,
            start=complaints,
            joins=((Person, Person.id == complaints.c.complainant_id),),
            where=(complaints.c.complainant_is_public,),
            **columns,
        ),
    )


def _public_complainants(complaints, found):
    """``public_complainant`` of a batch of complaints: {complaint id: name or None}."""
    named = dict.fromkeys((complaint.id for complaint in complaints), None)
    for row in found.get("complainant", ()):
        named[row.record_id] = public_name_of(row)
    return named


def _allegation_reads(model, among):
    """The part of a batch's statement with its complaints' visible allegations."""
    return (
        row_values.part(
            "allegations",
            Allegation.complaint_id,
            among,
            id=Allegation.id,
            category=Allegation.category,
            final_finding=Allegation.final_finding,
        ),
    )


def _allegations(complaints, found):
    """{complaint id: [its visible allegations as (id, category, final_finding) rows]}."""
    return row_values.by_record([complaint.id for complaint in complaints], found, "allegations")


def _categories(allegations):
    """The categories of ``allegations`` (records or rows), each once, sorted."""
    return sorted({item.category for item in allegations})


def _findings(allegations):
    """The final findings of ``allegations`` (records or rows), each once, sorted."""
    return sorted({item.final_finding for item in allegations})


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
            reads=_complainant_reads,
        ),
        Computed(
            "allegations",
            "string list",
            "Categories of its published allegations (see allegations), each once.",
            lambda complaint: _categories(complaint.allegations),
            values=_allegations,
            reads=_allegation_reads,
            pick=_categories,
        ),
        Computed(
            "findings",
            "string list",
            "Final findings of its published allegations, each once (the complaint's own finding "
            "before allegations had theirs).",
            lambda complaint: _findings(complaint.allegations),
            values=_allegations,
            reads=_allegation_reads,
            pick=_findings,
        ),
        Computed(
            "allegation_ids",
            "integer list",
            "Ids of its published allegations.",
            lambda complaint: public_ids(complaint.allegations),
            values=_allegations,
            reads=_allegation_reads,
            pick=public_ids,
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
