"""People: subjects, complainants and witnesses; only public names and facts leave the workspace."""

from sqlalchemy import select

from tracker.extensions import db
from tracker.kinds.base import PUBLISHED, Computed, PublicPlace, RecordKind
from tracker.models import Case, CasePerson, Person


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
    search_related=_search_related,
    data_label="People (public fields only)",
)
