"""The case filters shared by the public list, the multi-case report and the API.

``CaseFilters.from_args(request.args)`` reads the query string leniently (an unknown or malformed
value is dropped, never an error), ``statement()`` builds the SELECT of published cases, and
``to_args()`` gives the query string back for shareable URLs and pagination links.
"""

from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from types import SimpleNamespace

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.kinds.base import positive_int
from tracker.models import (
    Case,
    CaseOfficer,
    Demand,
    DemandLink,
    Investigation,
    Officer,
    Record,
    Tag,
)
from tracker.models.cases import case_tags
from tracker.models.choices import (
    CASE_KINDS,
    CASE_OUTCOMES,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
)

SORTS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title A-Z",
    "updated": "Recently updated",
}


def _officer_name(officer_id):
    """An officer's public title, for the filters in words (behind the visibility boundary)."""
    officer = db.session.get(Officer, officer_id)
    return officer.title if officer is not None else f"#{officer_id}"


# How each filter reads in words: (name, value -> words).
_FILTER_WORDS = {
    "q": ("Words", lambda value: f"“{value}”"),
    "kind": ("Kind of case", lambda value: CASE_KINDS.get(value, value)),
    "outcome": ("Outcome", lambda value: CASE_OUTCOMES.get(value, value)),
    "year": ("Year", str),
    "investigation": (
        "Investigation",
        lambda value: f"{INVESTIGATION_SCOPES.get(value, value)} investigation",
    ),
    "investigation_status": (
        "Investigation status",
        lambda value: INVESTIGATION_STATUSES.get(value, value),
    ),
    "demand": ("Linked to demand", lambda value: f"demand {value}"),
    "officer": ("Officer", _officer_name),
    "officer_name": ("Officer", str),
    "tag": ("Tag", str),
    "sort": ("Order", lambda value: SORTS.get(value, value)),
}


def _choice(value, choices):
    """``value`` if it is one of ``choices``, else None."""
    return value if value in choices else None


@cache
def _aliases():
    """The filters' aliases, made once a process (on first use, not at import).

    The filters' subqueries need a ``records`` row of their own (a case is a record too), so
    they read aliases; making one (of a kind joined to ``records``) took 2-3 ms, more than the
    rest of the list's SQL together.
    """
    return SimpleNamespace(
        investigation=aliased(Investigation, flat=True),
        demand=aliased(Demand, flat=True),
        officer=aliased(Officer, flat=True),
        named=aliased(Officer, flat=True),
        record=aliased(Record),
    )


def published_id(record_id):
    """True in SQL when the public may see record ``record_id`` (an uncorrelated EXISTS).

    Behind the visibility boundary an unpublished record is not there to be found.
    """
    record = _aliases().record
    return select(record.id).where(record.id == record_id).exists()


@dataclass
class CaseFilters:
    """What a visitor can filter the case list by."""

    kind: str | None = None
    outcome: str | None = None
    year: int | None = None
    investigation: str | None = None  # internal / external: has such an investigation
    investigation_status: str | None = None
    demand: int | None = None  # demand number in the primary petition
    officer: int | None = None  # officer record id
    officer_name: str | None = None  # an officer's name as typed in the lookup (exact title)
    tag: str | None = None  # tag slug
    sort: str = "newest"
    q: str | None = None  # words to find (the search box), combined with the filters

    @classmethod
    def from_args(cls, args):
        """Read filters from a query-string mapping, ignoring anything malformed."""
        year = positive_int(args.get("year"))
        return cls(
            kind=_choice(args.get("kind"), CASE_KINDS),
            outcome=_choice(args.get("outcome"), CASE_OUTCOMES),
            year=year if year and 1900 <= year <= 2200 else None,
            investigation=_choice(args.get("investigation"), INVESTIGATION_SCOPES),
            investigation_status=_choice(args.get("investigation_status"), INVESTIGATION_STATUSES),
            demand=positive_int(args.get("demand")),
            officer=positive_int(args.get("officer")),
            officer_name=" ".join((args.get("officer_name") or "").split())[:200] or None,
            tag=(args.get("tag") or "").strip()[:80] or None,
            sort=_choice(args.get("sort"), SORTS) or "newest",
            q=" ".join((args.get("q") or "").split())[:200] or None,
        )

    def to_args(self):
        """The filters as query-string arguments (only those set; sort only when not default)."""
        args = {key: value for key, value in asdict(self).items() if value not in (None, "")}
        if args.get("sort") == "newest":
            del args["sort"]
        return args

    @property
    def active(self):
        """True when any filter (not just the sort) is set."""
        return any(key != "sort" for key in self.to_args())

    @property
    def narrowed(self):
        """True when a filter of the form (not the words, not the sort) is set."""
        return any(key not in ("sort", "q") for key in self.to_args())

    def in_words(self):
        """The filters set, as people say them: ``[(name, value)]`` ("Outcome", "Fatal")."""
        return [
            (_FILTER_WORDS[key][0], _FILTER_WORDS[key][1](value))
            for key, value in self.to_args().items()
        ]

    def statement(self, matching=None, columns=None):
        """A SELECT of the cases these filters keep, in the chosen order.

        Public requests run it behind the visibility boundary, which keeps every record in it
        (the cases, and the investigations, demands and officers the filters look at)
        published: a filter on a draft's id keeps nothing and so reveals nothing. ``columns``
        (of ``Case``, the id among them): those, as plain rows, instead of the cases.
        """
        query = select(*columns) if columns else select(Case)
        if self.q and matching is not None:
            # ``matching``: the search's SELECT of the ids of records matching ``q``, handed in
            # by the channel (the search index is a reader, above this domain layer).
            found = matching(self.q)
            if found is not None:
                query = query.where(Case.id.in_(found))
        if self.kind:
            query = query.where(Case.case_kind == self.kind)
        if self.outcome:
            query = query.where(Case.outcome == self.outcome)
        if self.year:
            query = query.where(
                Case.occurred_on.between(date(self.year, 1, 1), date(self.year, 12, 31))
            )
        if self.investigation or self.investigation_status:
            investigation = _aliases().investigation
            conditions = [investigation.case_id == Case.id]
            if self.investigation:
                conditions.append(investigation.scope == self.investigation)
            if self.investigation_status:
                conditions.append(investigation.investigation_status == self.investigation_status)
            query = query.where(select(investigation.id).where(*conditions).exists())
        if self.demand:
            demand = _aliases().demand
            query = query.where(
                select(demand.id)
                .join(DemandLink, DemandLink.demand_id == demand.id)
                .where(DemandLink.record_id == Case.id)
                .where(demand.number == self.demand)
                .exists()
            )
        if self.officer:
            # Through the officer record, so the boundary sees it: a draft officer's id must
            # not reveal the cases it is linked to.
            officer = _aliases().officer
            query = query.where(
                select(officer.id)
                .join(CaseOfficer, CaseOfficer.officer_id == officer.id)
                .where(CaseOfficer.case_id == Case.id, officer.id == self.officer)
                .exists()
            )
        if self.officer_name and not self.officer:
            # The lookup's text box: every published officer of that name (names can repeat).
            named = _aliases().named
            query = query.where(
                Case.id.in_(
                    select(CaseOfficer.case_id)
                    .join(named, CaseOfficer.officer_id == named.id)
                    .where(named.title == self.officer_name)
                )
            )
        if self.tag:
            query = query.where(
                exists()
                .where(case_tags.c.case_id == Case.id)
                .where(case_tags.c.tag_id == Tag.id)
                .where(Tag.slug == self.tag)
            )
        return query.order_by(*self._order())

    def _order(self):
        """ORDER BY columns for the chosen sort; unknown dates sort last, id breaks ties."""
        if self.sort == "oldest":
            return (Case.occurred_on.is_(None), Case.occurred_on.asc(), Case.id.asc())
        if self.sort == "title":
            return (Case.title.asc(), Case.id.asc())
        if self.sort == "updated":
            return (Case.updated_at.desc(), Case.id.desc())
        return (Case.occurred_on.is_(None), Case.occurred_on.desc(), Case.id.desc())
