"""The choices the case-list filter form offers, read behind the visibility boundary."""

from dataclasses import dataclass

from sqlalchemy import Date, and_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from tracker.demands.services import primary_petition_id
from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.kinds.officer import matching_names
from tracker.models import Case, CaseOfficer, Demand, Officer, Tag
from tracker.models.cases import case_tags
from tracker.models.choices import PUBLISHED
from tracker.records.kept import kept


@dataclass
class FilterChoices:
    """Options for each select of the filter form: ``[(value, label)]``."""

    years: list
    demands: list
    tags: list


class _YearStart(FunctionElement):
    """The first day of the year of a date (a recursive query's next bound)."""

    type = Date()
    inherit_cache = True


@compiles(_YearStart)
def _year_start_postgresql(element, compiler, **kw):
    """``date_trunc``, as a date."""
    return f"CAST(date_trunc('year', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(_YearStart, "sqlite")
def _year_start_sqlite(element, compiler, **kw):
    """SQLite stores dates as ``YYYY-MM-DD`` text: the year and ``-01-01``."""
    return f"(substr({compiler.process(element.clauses, **kw)}, 1, 4) || '-01-01')"


def _latest_before(bound):
    """The date of the latest published case before ``bound`` (all dated ones: None)."""
    statement = select(Case.occurred_on).where(
        Case.occurred_on.is_not(None), Case.status == PUBLISHED
    )
    if bound is not None:
        statement = statement.where(Case.occurred_on < bound)
    return statement.order_by(Case.occurred_on.desc()).limit(1).scalar_subquery()


def _case_years():
    """The years of published cases, newest first, in one query of one step per year.

    Grouping every case by year read all 100,000 of them; this walks the date index down a
    year at a time (the latest case before the first of January of the year just found).
    """
    steps = select(_latest_before(None).label("day")).cte("years", recursive=True)
    steps = steps.union_all(
        select(_latest_before(_YearStart(steps.c.day))).where(steps.c.day.is_not(None))
    )
    days = db.session.scalars(select(steps.c.day).where(steps.c.day.is_not(None))).all()
    return [day.year for day in days]


def filter_choices():
    """Years, demands and tags that published cases actually have, kept per data stamp.

    They change only with the data, and working them out costs three queries (10 ms on
    PostgreSQL at 100,000 cases) that every case-list page would otherwise run.
    """
    return kept("case_filter_choices", (), _filter_choices)


def _filter_choices():
    """The filter form's choices, worked out (three queries; plain values only).

    Officers are not a menu (a city's 10,000 officers would be half a megabyte of options):
    the form's officer box looks names up as one types (``officer_names``).
    """
    years = _case_years()
    petition_id = primary_petition_id()
    demands = (
        db.session.execute(
            select(Demand.number, Demand.short_title)
            .where(Demand.petition_id == petition_id)
            .order_by(Demand.number)
        ).all()
        if petition_id is not None
        else []
    )
    tags = db.session.execute(
        select(Tag.slug, Tag.name)
        .where(
            select(case_tags.c.case_id)
            .join(Case, Case.id == case_tags.c.case_id)
            .where(case_tags.c.tag_id == Tag.id)
            .exists()
        )
        .order_by(Tag.name)
    ).all()
    return FilterChoices(
        years=[(int(value), str(int(value))) for value in years],
        demands=[(number, f"{number}. {title}") for number, title in demands],
        tags=[(slug, name) for slug, name in tags],
    )


LOOKUP_LIMIT = 20  # names the officer box suggests at once


def officer_names(typed):
    """Up to ``LOOKUP_LIMIT`` names of published officers linked to a case, starting as typed."""
    typed = " ".join((typed or "").split())[:100]
    if len(typed) < 2:
        return []
    return db.session.scalars(
        select(Officer.title)
        .where(
            # The name as shown, or (for a named officer) another known name or a badge or
            # serial number of their career: the suggestion is still the name shown.
            or_(
                Officer.title.istartswith(typed, autoescape=True),  # a typed "%" is a "%"
                and_(Officer.identity_status == "named", matching_names(typed)),
            ),
            select(CaseOfficer.id).where(CaseOfficer.officer_id == Officer.id).exists(),
        )
        .group_by(Officer.title)
        .order_by(Officer.title)
        .limit(LOOKUP_LIMIT)
    ).all()


# What a row of the case list shows (and its link needs): read as plain values, no record loaded.
LISTED_COLUMNS = (
    Case.id,
    Case.status,
    Case.slug,
    Case.title,
    Case.occurred_on,
    Case.date_precision,
    Case.case_kind,
    Case.outcome,
    Case.place,
    Case.summary,
)


class ListedCase:
    """One row of the case list: the plain values it shows, and its link (``record_url``)."""

    __slots__ = tuple(column.key for column in LISTED_COLUMNS)

    def __init__(self, row):
        """The values of ``row`` (a row of ``LISTED_COLUMNS``)."""
        for name, value in zip(self.__slots__, row, strict=True):
            setattr(self, name, value)

    def link_url(self, **options):
        """The URL of the case's page: where the case kind puts a case (its id and slug)."""
        return kind_named("case").public_url(self, **options)
