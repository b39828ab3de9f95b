"""People: subjects, complainants and witnesses; only public names and facts leave the workspace."""

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.kinds.base import PUBLISHED, Computed, PublicPlace, RecordKind
from tracker.models import Case, CasePerson, Person, Record


def _search_place(person):
    """A person has no page: a hit on them leads to them on the first published case they are in."""
    case_id = db.session.scalars(
        select(CasePerson.case_id)
        .join(Case, Case.id == CasePerson.case_id)
        .where(CasePerson.person_id == person.id, Case.status == PUBLISHED)
        .order_by(CasePerson.case_id)
        .limit(1)
    ).first()
    if case_id is None:
        return None
    return PublicPlace("cases.detail", {"record_id": case_id}, f"person-{person.id}")


def _search_places(people):
    """``_search_place`` of many people in one query (a reindex batch): {person id: place}."""
    ids = [person.id for person in people]
    # Driven by the people's roles (an EXISTS per role), not by every published case. The
    # batch's id range, not an IN list of its ids (which cost the driver more to parse than
    # the query took): the places of people outside ``people`` are not asked for.
    published = select(Record.id).where(Record.id == CasePerson.case_id, Record.status == PUBLISHED)
    rows = (
        db.session.connection()
        .execute(  # plain rows: no ORM result layer
            select(CasePerson.person_id, func.min(CasePerson.case_id))
            .where(CasePerson.person_id.between(min(ids), max(ids)), published.exists())
            .group_by(CasePerson.person_id)
        )
        .all()
    )
    return {
        person_id: PublicPlace("cases.detail", {"record_id": case_id}, f"person-{person_id}")
        for person_id, case_id in rows
    }


def _search_related(person):
    """The cases the person is in: their search text names the person."""
    return db.session.scalars(
        select(Case)
        .join(CasePerson, CasePerson.case_id == Case.id)
        .where(CasePerson.person_id == person.id)
    ).all()


KIND = RecordKind(
    name="person",
    model=Person,
    label="Person",
    plural="People",
    collection="people",
    order=70,
    # The private name finds a person only for those who may read it (``records.access``).
    lookup_fields=("title", "name"),
    computed=(
        Computed(
            "public_name",
            "string",
            "The name the public may read, or a stand-in.",
            lambda person: person.public_name,
        ),
    ),
    in_feed=False,
    search_place=_search_place,
    search_places=_search_places,
    search_related=_search_related,
    data_label="People (public fields only)",
)
