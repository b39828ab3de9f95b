"""Workspace search across every kind, and the record list with its filters, sort and pages.

Words match a record's title, a complaint's reference number, a legal action's docket number,
an officer's serial or badge number (of any assignment) and other known names, and a person's
private name only for those who may read it (the person's author and editors: the workspace
privacy rule, as SQL).
"""

from datetime import timedelta

from sqlalchemy import or_, select

from tracker.kinds import kind_named
from tracker.models import Assignment, Complaint, LegalAction, Officer, Person, Record
from tracker.models.base import utcnow
from tracker.records.drafts import kept

ORDER = {
    "updated": (Record.updated_at.desc(), Record.id.desc()),
    "created": (Record.created_at.desc(), Record.id.desc()),
    "title": (Record.title, Record.id),
    "kind": (Record.kind, Record.title, Record.id),
    "status": (Record.status, Record.updated_at.desc(), Record.id.desc()),
}


def search_statement(
    user, words=None, kind=None, status=None, author=None, updated=None, sort="updated"
):
    """The SELECT of records matching the filters, in the asked order.

    ``author`` is "me" or None; ``updated`` a number of days.
    """
    query = select(Record)
    if words:
        # ``autoescape``: a typed "%" or "_" means that character, not a wildcard.
        def like(column):
            """``column`` contains ``words``, whatever their case."""
            return column.icontains(words, autoescape=True)

        complaint, legal, officer, person = (
            model.__table__ for model in (Complaint, LegalAction, Officer, Person)
        )
        query = (
            query.outerjoin(complaint, complaint.c.id == Record.id)
            .outerjoin(legal, legal.c.id == Record.id)
            .outerjoin(officer, officer.c.id == Record.id)
            .outerjoin(person, person.c.id == Record.id)
        )
        private_name = like(person.c.name)
        if not user.has_role("editor"):
            private_name = private_name & (Record.created_by_id == user.id)
        query = query.where(
            or_(
                like(Record.title),
                like(complaint.c.reference_number),
                like(legal.c.docket_number),
                like(officer.c.serial_number),
                like(officer.c.badge_number),
                like(officer.c.other_names),
                # Any badge or serial number of the officer's career finds them too.
                Record.id.in_(
                    select(Assignment.officer_id).where(
                        or_(
                            like(Assignment.badge_number),
                            like(Assignment.serial_number),
                        )
                    )
                ),
                private_name,
            )
        )
    if kind:
        query = query.where(Record.kind == kind_named(kind).name)
    # A discarded draft shows only when asked for by its status.
    query = query.where(Record.status == status if status else kept())
    if author == "me":
        query = query.where(Record.created_by_id == user.id)
    if updated:
        query = query.where(Record.updated_at >= utcnow() - timedelta(days=int(updated)))
    return query.order_by(*ORDER.get(sort, ORDER["updated"]))
