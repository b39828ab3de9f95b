"""The choices the case-list filter form offers, read behind the visibility boundary."""

from dataclasses import dataclass

from sqlalchemy import and_, extract, or_, select

from tracker.demands.services import primary_petition
from tracker.extensions import db
from tracker.kinds.officer import matching_names
from tracker.models import Case, CaseOfficer, Demand, Officer, Tag
from tracker.models.cases import case_tags


@dataclass
class FilterChoices:
    """Options for each select of the filter form: ``[(value, label)]``."""

    years: list
    demands: list
    tags: list


def filter_choices():
    """Years, demands and tags that published cases actually have (three queries).

    Officers are not a menu (a city's 10,000 officers would be half a megabyte of options):
    the form's officer box looks names up as one types (``officer_names``).
    """
    year = extract("year", Case.occurred_on)
    years = db.session.scalars(
        select(year).where(Case.occurred_on.is_not(None)).group_by(year).order_by(year.desc())
    ).all()
    petition = primary_petition()
    demands = (
        db.session.execute(
            select(Demand.number, Demand.short_title)
            .where(Demand.petition_id == petition.id)
            .order_by(Demand.number)
        ).all()
        if petition
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
