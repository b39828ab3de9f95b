"""Allegations: one accusation against one officer within a complaint, with findings and discipline.

Shown on the complaint's case page (its case is its complaint's) and on the page of the officer
it names; an allegation against an unidentified officer has no officer.
"""

from sqlalchemy import and_, case, select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.kinds.base import Computed, Filter, RecordKind, Section, on_parent_page, public_id
from tracker.kinds.case_filters import published_id
from tracker.kinds.proceedings import choice_filter, reference_id
from tracker.models import Allegation, AllegationCategory, Complaint
from tracker.models import choices as C


def public_case_id(allegation):
    """The id of its complaint's case, when both are public."""
    complaint = allegation.complaint
    return public_id(complaint.case) if complaint is not None else None


def category_label(allegation):
    """The category as people say it."""
    return allegation.category_row.label if allegation.category_row else allegation.category


def _search_texts(allegations):
    """``search_text`` of many allegations in one query (a reindex batch): {id: [category]}.

    Read as plain rows: loading 75,000 allegations with their complaint, case, officer and
    agencies was a third of a 100,000-case reindex's reading.
    """
    ids = [allegation.id for allegation in allegations]
    rows = (
        db.session.connection()
        .execute(  # plain rows: no ORM result layer
            select(Allegation.id, Allegation.category, AllegationCategory.label)
            .outerjoin(AllegationCategory, AllegationCategory.slug == Allegation.category)
            .where(Allegation.id.between(min(ids), max(ids)))
        )
        .all()
    )
    return {row.id: [row.label or row.category] for row in rows}


def _search_places(allegations):
    """Where hits on many allegations lead, in one query (a reindex batch): {id: place}.

    Its case's page at its anchor, as ``KIND.page`` places one allegation (None without one).
    """
    ids = [allegation.id for allegation in allegations]
    complaints = Complaint.__table__  # the table: both kinds are records (joined inheritance)
    rows = (
        db.session.connection()
        .execute(  # plain rows: no ORM result layer
            select(Allegation.id, complaints.c.case_id)
            .outerjoin(complaints, complaints.c.id == Allegation.complaint_id)
            .where(Allegation.id.between(min(ids), max(ids)))
        )
        .all()
    )
    return {
        row.id: KIND.page.place_of(row.id, row.case_id) if row.case_id is not None else None
        for row in rows
    }


def _natural_key(values):
    """An allegation is its complaint, its officer (or none) and its category."""
    complaint_id, officer_id = reference_id(values, "complaint"), reference_id(values, "officer")
    officer = (
        Allegation.officer_id.is_(None)
        if officer_id is None
        else Allegation.officer_id == officer_id
    )
    return ("allegation", complaint_id, officer_id, values["category"]), lambda: select(
        Allegation
    ).where(
        Allegation.complaint_id == complaint_id, officer, Allegation.category == values["category"]
    )


def _category_known(values):
    """An import check: the category is one of the allegation categories."""
    slug = values.get("category")
    known = select(AllegationCategory.id).where(AllegationCategory.slug == slug)
    if slug and db.session.scalar(known) is None:
        return ("category", "is not an allegation category (see the data dictionary)")
    return None


KIND = RecordKind(
    name="allegation",
    model=Allegation,
    label="Allegation",
    plural="Allegations",
    collection="allegations",
    order=25,
    page=on_parent_page("cases.detail", "case_id"),
    link_load=("complaint",),
    computed=(
        Computed("category_label", "string", "The category as people say it.", category_label),
        Computed(
            "case_id",
            "integer",
            "Id of the case of its complaint.",
            public_case_id,
            refers=lambda allegation: allegation.case_id,
        ),
    ),
    # Its complaint's case id only (its public place and ``case_id``); the officer and the
    # agencies are read as ids (``RecordKind.rows``).
    load=(selectinload(Allegation.complaint).load_only(Complaint.case_id),),
    api=True,
    api_filters=(
        Filter(
            "case",
            "Only allegations of the complaints of this case id.",
            lambda value: and_(Allegation.case_id == value, published_id(value)),
        ),
        Filter(
            "complaint",
            "Only allegations of this complaint id.",
            lambda value: and_(Allegation.complaint_id == value, published_id(value)),
        ),
        Filter(
            "officer",
            "Only allegations against this officer id.",
            lambda value: and_(Allegation.officer_id == value, published_id(value)),
        ),
        choice_filter(Allegation.final_finding, C.ALLEGATION_FINDINGS),
        choice_filter(Allegation.discipline, C.DISCIPLINE_KINDS),
    ),
    natural_key=_natural_key,
    import_checks=(_category_known,),
    search_text=lambda allegation: [category_label(allegation)],
    search_texts=_search_texts,
    search_places=_search_places,
    section=Section(
        sort_by="final_on",
        refs=("complaint", "officer", "recommended_by", "final_by"),
        officer_load=(selectinload(Allegation.complaint),),  # its link: the complaint's case
        case="case",
        officers=True,
        status="final_finding",
        related=("complaint", "officer", "recommended_by", "final_by"),
        values=lambda allegation: (category_label(allegation),),
        badge=lambda: case((Allegation.final_finding == "sustained", "Allegation sustained")),
    ),
)
