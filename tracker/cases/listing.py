"""The choices the case-list filter form offers, read behind the visibility boundary."""

from dataclasses import dataclass

from sqlalchemy import extract, select

from tracker.demands.services import primary_petition
from tracker.extensions import db
from tracker.models import Case, CaseOfficer, Demand, Officer, Tag
from tracker.models.cases import case_tags


@dataclass
class FilterChoices:
    """Options for each select of the filter form: ``[(value, label)]``."""

    years: list
    demands: list
    officers: list
    tags: list


def filter_choices():
    """Years, demands, officers and tags that published cases actually have (four queries)."""
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
    officers = db.session.execute(
        select(Officer.id, Officer.title)
        .where(select(CaseOfficer.id).where(CaseOfficer.officer_id == Officer.id).exists())
        .order_by(Officer.title)
    ).all()
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
        officers=[(officer_id, title) for officer_id, title in officers],
        tags=[(slug, name) for slug, name in tags],
    )
