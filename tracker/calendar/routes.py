"""The calendar page and the iCalendar feeds: the whole tracker's, a case's, a demand's."""

from dataclasses import dataclass

from flask import Response, abort, current_app, render_template, request
from sqlalchemy import select

from tracker.calendar import bp
from tracker.calendar.ics import calendar_file
from tracker.deadlines.clock import today
from tracker.demands.services import primary_petition
from tracker.extensions import db
from tracker.models import Case, Demand
from tracker.models.choices import PUBLISHED
from tracker.pages.calendar import Scope, calendar_items, page_of

PER_PAGE = 50  # items on one page of the calendar
MAX_PAGE = 10_000


@dataclass
class CalendarPagination:
    """What ``pagination_nav`` needs of one page of the calendar."""

    items: list
    page: int
    pages: int
    total: int

    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)


def _items(scope=None):
    """``(today, items)`` of ``scope``'s calendar (default: the whole tracker's) as of today."""
    day = today()
    days_ahead = current_app.config["CALENDAR_DAYS_AHEAD"]
    return day, calendar_items(db.session, day, days_ahead, scope or Scope())


def _ics(items, name, filename):
    """An iCalendar answer (``inline``: a browser or calendar program may subscribe to it)."""
    config = current_app.config
    body = calendar_file(items, name, config["CALENDAR_UID_DOMAIN"], config["CALENDAR_TIME_ZONE"])
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.route("/calendar")
def index():
    """Upcoming and overdue: requests due or overdue, hearings, appeal deadlines, meetings."""
    day, items = _items()
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    shown, page, pages = page_of(items, page, PER_PAGE)
    pagination = CalendarPagination(shown, page, pages, len(items))
    overdue = [item for item in shown if item.overdue_days]
    upcoming = [item for item in shown if not item.overdue_days]
    return render_template(
        "calendar/index.html",
        today=day,
        pagination=pagination,
        overdue=overdue,
        upcoming=upcoming,
        days_ahead=current_app.config["CALENDAR_DAYS_AHEAD"],
    )


@bp.route("/calendar.ics")
def feed():
    """The whole tracker's calendar as an iCalendar feed."""
    _day, items = _items()
    return _ics(items, current_app.config["SITE_NAME"], "calendar.ics")


@bp.route("/cases/<int:record_id>/calendar.ics")
def case_feed(record_id):
    """One published case's calendar: its requests, its legal actions' dates, its meetings."""
    case = db.session.execute(
        select(Case.id, Case.title).where(Case.id == record_id, Case.status == PUBLISHED)
    ).first()
    if case is None:
        abort(404)
    _day, items = _items(Scope(case_id=case.id))
    return _ics(items, case.title, f"case-{case.id}.ics")


@bp.route("/demands/<int:number>/calendar.ics")
def demand_feed(number):
    """One published demand's calendar: what is linked to it and dated."""
    petition = primary_petition()
    demand = None
    if petition is not None:
        demand = db.session.execute(
            select(Demand.id, Demand.title).where(
                Demand.petition_id == petition.id,
                Demand.number == number,
                Demand.status == PUBLISHED,
            )
        ).first()
    if demand is None:
        abort(404)
    _day, items = _items(Scope(demand_id=demand.id))
    return _ics(items, f"Demand {number}: {demand.title}", f"demand-{number}.ics")
