"""Court dates and public meetings read by day, for the pages, the demand pages and a calendar.

Only published legal actions' docket entries and published meetings are read (whether or not
the caller is behind the visibility boundary). Each function is one query (two with a count),
bounded by ``limit``, ordered by day, time and id so a page of them is stable.
"""

from datetime import time

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from tracker.models import AgendaItem, DemandLink, DocketEntry, LegalAction, Meeting
from tracker.models.choices import COURT_DATE_KINDS, PUBLISHED

LIMIT = 500  # rows one call returns at most (a calendar asks for a window, not for all)


def _entry_order(entry):
    """Sort key of a docket entry: day, time (untimed first), id."""
    return (entry.entry_on, entry.entry_time or time.min, entry.id or 0)


def next_court_date(entries, today):
    """The first hearing or appeal deadline among ``entries`` on or after ``today``, or None.

    ``entries`` are a legal action's docket entries (loaded); ``today`` is given, never read
    from the clock, so the answer is the same in a test and on a page rendered for that day.
    """
    ahead = [
        entry
        for entry in entries
        if entry.entry_kind in COURT_DATE_KINDS and entry.entry_on and entry.entry_on >= today
    ]
    return min(ahead, key=_entry_order) if ahead else None


def _published_entries():
    """SELECT of the docket entries of published legal actions, their action loaded with them."""
    return (
        select(DocketEntry)
        .join(LegalAction, LegalAction.id == DocketEntry.legal_action_id)
        .where(LegalAction.status == PUBLISHED)
        .options(
            # The action's case too: an entry's link is an anchor on its case's page.
            contains_eager(DocketEntry.legal_action).joinedload(LegalAction.case),
            joinedload(DocketEntry.source),
        )
        # Untimed first on every database (PostgreSQL would put NULL last, SQLite first).
        .order_by(
            DocketEntry.entry_on,
            DocketEntry.entry_time.is_not(None),
            DocketEntry.entry_time,
            DocketEntry.id,
        )
    )


def upcoming_court_dates(session, start, end, kinds=COURT_DATE_KINDS, limit=LIMIT, where=()):
    """Docket entries of ``kinds`` (hearings, appeal deadlines) from ``start`` to ``end`` (incl.).

    Each comes with its legal action loaded (its title, its case id for the link). ``where``:
    more conditions (one case's, one demand's: see ``of_case`` and ``linked_to``).
    """
    statement = _published_entries().where(
        DocketEntry.entry_on >= start, DocketEntry.entry_on <= end, *where
    )
    if kinds:
        statement = statement.where(DocketEntry.entry_kind.in_(kinds))
    return session.scalars(statement.limit(limit)).all()


def _published_meetings():
    """SELECT of the published meetings, by day (undated last), time and id, with the body."""
    return (
        select(Meeting)
        .where(Meeting.status == PUBLISHED)
        .options(joinedload(Meeting.body))
        .order_by(
            Meeting.meets_on.is_(None),
            Meeting.meets_on,
            Meeting.starts_at.is_not(None),
            Meeting.starts_at,
            Meeting.id,
        )
    )


def meetings_between(session, start, end, limit=LIMIT, where=()):
    """Published meetings held from ``start`` to ``end`` (inclusive), by day (``where``: more)."""
    statement = _published_meetings().where(
        Meeting.meets_on >= start, Meeting.meets_on <= end, *where
    )
    return session.scalars(statement.limit(limit)).all()


def _page(session, statement, page, per_page):
    """``(rows, total, page, pages)`` of ``statement``'s page ``page``.

    One query when the first page holds them all (most demands); else a count too, and the
    last page again when ``page`` was past it.
    """
    page = max(1, page or 1)

    def rows_of(number):
        """The rows of page ``number``."""
        offset = (number - 1) * per_page
        return session.scalars(statement.limit(per_page).offset(offset)).unique().all()

    rows = rows_of(page)
    if page == 1 and len(rows) < per_page:
        return rows, len(rows), 1, 1
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    pages = max(1, -(-total // per_page))
    if page > pages:
        page = pages
        rows = rows_of(page)
    return rows, total, page, pages


def linked_to(model, demand_id):
    """A condition: the ``model`` record is linked to the demand ``demand_id``."""
    return model.id.in_(select(DemandLink.record_id).where(DemandLink.demand_id == demand_id))


_linked_to = linked_to


def court_dates_of_case(case_id):
    """A condition on docket entries: their legal action is about the case ``case_id``."""
    return LegalAction.case_id == case_id


def meetings_of_case(case_id):
    """A condition on meetings: an agenda item of theirs bears on the case ``case_id``."""
    return Meeting.id.in_(select(AgendaItem.meeting_id).where(AgendaItem.case_id == case_id))


def demand_court_dates(session, demand_id, page=1, per_page=50):
    """The docket entries of the published legal actions linked to a demand, a page at a time.

    Returns ``(entries, total, page, pages)``.
    """
    statement = _published_entries().where(_linked_to(LegalAction, demand_id))
    return _page(session, statement, page, per_page)


def demand_next_court_dates(session, demand_id, today, limit=20):
    """What is next for the legal actions linked to a demand: each one's next court date.

    One query for the hearings and appeal deadlines from ``today`` on, earliest first; the
    first of each legal action is its next date. At most ``limit`` legal actions.
    """
    statement = _published_entries().where(
        _linked_to(LegalAction, demand_id),
        DocketEntry.entry_on >= today,
        DocketEntry.entry_kind.in_(COURT_DATE_KINDS),
    )
    firsts = {}
    for entry in session.scalars(statement.limit(LIMIT)):
        firsts.setdefault(entry.legal_action_id, entry)
        if len(firsts) >= limit:
            break
    return list(firsts.values())


def demand_meetings(session, demand_id, page=1, per_page=50):
    """The published meetings linked to a demand, by day, a page at a time.

    Returns ``(meetings, total, page, pages)``.
    """
    statement = _published_meetings().where(_linked_to(Meeting, demand_id))
    return _page(session, statement, page, per_page)


paged = _page  # one page of any bounded SELECT (the demand page's records requests use it too)
