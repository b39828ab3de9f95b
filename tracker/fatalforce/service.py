"""A reconciliation run, an editor's decisions, and a draft case started from a missing row.

``reconcile(agency_id)`` reads the Post's files, matches each of the agency's rows to the
tracker's cases (``matching``), lists the department's fatal cases the Post does not, and keeps
the figures (``FatalForceRun``) for the demand page. It never changes a case or a decision:
running it again changes nothing an editor confirmed. ``decide`` stores a confirmation (and
gives the case the row's id) or a rejection; ``start_case`` makes the draft.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.fatalforce import matching, source
from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    CasePerson,
    ExternalId,
    FatalForceDecision,
    FatalForceRun,
    Officer,
    Person,
)
from tracker.models.base import utcnow
from tracker.records import drafts, external_ids

SCHEME = "fatal_force"


@dataclass
class Report:
    """One agency's reconciliation: every row's result and the cases the Post does not list."""

    agency: object
    results: list
    unlisted: list
    rows_read: int
    data_through: object
    linked_agencies: list = field(default_factory=list)

    def rows(self, status):
        """The results whose status is ``status`` (matched, proposed, missing)."""
        return [result for result in self.results if result.status == status]

    @property
    def figures(self):
        """{matched, proposed, missing, unlisted}: how many of each."""
        counts = {name: len(self.rows(name)) for name in ("matched", "proposed", "missing")}
        return {**counts, "unlisted": len(self.unlisted), "rows": len(self.results)}


def reconcile(agency_id, session=None):
    """Reconcile the Post's rows of ``agency_id`` with the tracker; store the figures.

    Raises ``source.MissingFiles`` when the Post's files are not there, ``LookupError`` for an
    agency the Post does not list. Commits only the run's figures.
    """
    session = session or db.session
    agency = source.agency(agency_id)
    if agency is None:
        raise LookupError(f"The Post's agencies file has no agency {agency_id}.")
    reading = source.rows_of(agency_id)
    rows = reading.rows
    by_id = {
        int(value): case_id
        for value, case_id in external_ids.find_many(session, SCHEME, [r.id for r in rows]).items()
    }
    decisions = _decisions([row.id for row in rows], session)
    cases = _candidates(rows, by_id, decisions, session)
    results = matching.match_rows(rows, cases, by_id, decisions)
    linked = _linked_agencies(agency, session)
    unlisted = _unlisted(results, linked, session)
    report = Report(agency, results, unlisted, reading.rows_read, reading.data_through, linked)
    _keep_figures(report, session)
    return report


def _decisions(row_ids, session):
    """{(row id, case id): decision} of the editors' decisions on these rows."""
    statement = select(
        FatalForceDecision.post_id, FatalForceDecision.case_id, FatalForceDecision.decision
    ).where(FatalForceDecision.post_id.in_(row_ids))
    return {(post_id, case_id): said for post_id, case_id, said in session.execute(statement)}


def _candidates(rows, by_id, decisions, session):
    """The kept cases that might be these rows: by id, decision, a person's name, title or date.

    Names narrow by the last name in SQL (one LIKE per row), so a large tracker loads only
    the few cases that could match.
    """
    keys = [matching.name_key(row.name) for row in rows]
    lasts = sorted({key[1] for key in keys if key})
    named = [func.lower(Person.name).like(f"%{last}%") for last in lasts]
    titled = [func.lower(Case.title).like(f"%{last}%") for last in lasts]
    people = select(CasePerson.case_id).join(Person, Person.id == CasePerson.person_id)
    known = set(by_id.values()) | {case_id for _row, case_id in decisions}
    conditions = [Case.occurred_on.in_({row.date for row in rows}), Case.id.in_(known or {0})]
    if lasts:
        conditions += [Case.id.in_(people.where(or_(*named))), or_(*titled)]
    statement = (
        select(Case)
        .where(or_(*conditions), drafts.kept(Case))
        .options(selectinload(Case.people).selectinload(CasePerson.person))
        .order_by(Case.id)
    )
    return list(session.scalars(statement))


def _linked_agencies(agency, session):
    """The tracker's agencies that are the Post's: carrying one of its ORI codes (7 or 9 long)."""
    codes = {code[:7].upper() for code in agency.oricodes}
    if not codes:
        return []
    statement = (
        select(Agency)
        .join(ExternalId, ExternalId.record_id == Agency.id)
        .where(
            ExternalId.scheme == "ori", func.upper(func.substr(ExternalId.value, 1, 7)).in_(codes)
        )
    )
    return list(session.scalars(statement))


def _unlisted(results, linked, session):
    """The department's kept fatal cases no row matched or proposed (one query).

    A case is the department's when one of its officers belongs to a linked agency, or when
    none of its officers has an agency on record (the tracker follows one department).
    """
    seen = {match.case.id for result in results for match in result.matches}
    officers = (
        select(CaseOfficer.id)
        .join(Officer, Officer.id == CaseOfficer.officer_id)
        .where(CaseOfficer.case_id == Case.id)
    )
    any_agency = officers.where(Officer.agency_id.is_not(None)).exists()
    department = or_(~any_agency)
    if linked:
        department = or_(
            ~any_agency, officers.where(Officer.agency_id.in_([a.id for a in linked])).exists()
        )
    statement = (
        select(Case)
        .where(Case.outcome == "fatal", drafts.kept(Case), department)
        .order_by(Case.occurred_on, Case.id)
    )
    return [case for case in session.scalars(statement) if case.id not in seen]


def _keep_figures(report, session):
    """Store the run's figures for the agency (one row per agency, replaced each run)."""
    figures = report.figures
    run = session.get(FatalForceRun, report.agency.id) or FatalForceRun(agency_id=report.agency.id)
    run.agency_name = report.agency.label
    run.rows = figures["rows"]
    run.matched = figures["matched"] + figures["proposed"]
    run.confirmed = figures["matched"]
    run.missing = figures["missing"]
    run.unlisted = figures["unlisted"]
    run.data_through = report.data_through
    run.ran_at = utcnow()
    session.add(run)
    session.commit()


class Refused(Exception):  # noqa: N818
    """The decision or the new case cannot be made (the message says why)."""


def decide(row, agency_id, case, decision, user_id, evidence=""):
    """Store an editor's ``decision`` (confirmed, rejected) on ``row`` being ``case``.

    Confirming gives the case the row's id (``fatal_force:<id>``) unless another case holds it;
    a decision already stored is replaced. The caller commits.
    """
    if decision not in ("confirmed", "rejected"):
        raise Refused("Choose confirm or reject.")
    holder = external_ids.find(db.session, SCHEME, str(row.id))
    if decision == "confirmed" and holder is not None and holder.id != case.id:
        raise Refused(f"Row {row.id} is already the id of {holder.title} (#{holder.id}).")
    stored = db.session.scalars(
        select(FatalForceDecision).filter_by(post_id=row.id, case_id=case.id)
    ).first() or FatalForceDecision(post_id=row.id, case_id=case.id)
    stored.agency_id, stored.decision = agency_id, decision
    stored.evidence, stored.decided_by_id, stored.decided_at = evidence[:300], user_id, utcnow()
    db.session.add(stored)
    if decision == "confirmed":
        external_ids.attach(case, SCHEME, str(row.id))
    elif holder is not None and holder.id == case.id:  # a rejected match gives the id back
        for item in list(case.external_ids):
            if item.scheme == SCHEME and item.value == str(row.id):
                db.session.delete(item)
    return stored
