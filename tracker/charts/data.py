"""The numbers behind each chart, counted from published records with one query each."""

from sqlalchemy import extract, func, select

from tracker.charts.svg import Chart, Series
from tracker.extensions import db
from tracker.models import Case, Complaint, Investigation
from tracker.models.choices import (
    CASE_OUTCOMES,
    COMPLAINT_ACCEPTANCE,
    COMPLAINT_KINDS,
    DEMAND_STATUSES,
    INVESTIGATION_SCOPES,
    INVESTIGATION_STATUSES,
    PUBLISHED,
)

UNDATED = "unknown"


def cases_by_year_and_outcome():
    """Published cases per year, stacked by outcome; undated cases are a row of their own."""
    year = extract("year", Case.occurred_on)
    rows = db.session.execute(
        select(year, Case.outcome, func.count())
        .where(Case.status == PUBLISHED)
        .group_by(year, Case.outcome)
    ).all()
    values = {}
    for row_year, outcome, count in rows:
        key = (int(row_year) if row_year is not None else UNDATED, outcome)
        values[key] = values.get(key, 0) + count
    years = sorted({key[0] for key in values if key[0] != UNDATED})
    undated = [(UNDATED, "Date unknown")] if any(key[0] == UNDATED for key in values) else []
    return Chart(
        key="cases-by-year",
        row_heading="Year",
        title="Cases per year, by outcome",
        rows=[(value, str(value)) for value in years] + undated,
        series=[Series(key, label) for key, label in CASE_OUTCOMES.items()],
        values=values,
    )


def investigations_by_scope_and_status():
    """Published investigations, internal and external, stacked by status."""
    rows = db.session.execute(
        select(Investigation.scope, Investigation.investigation_status, func.count())
        .where(Investigation.status == PUBLISHED)
        .group_by(Investigation.scope, Investigation.investigation_status)
    ).all()
    return Chart(
        key="investigations",
        row_heading="Investigation",
        title="Investigations, internal and external, by status",
        rows=list(INVESTIGATION_SCOPES.items()),
        series=[Series(key, label) for key, label in INVESTIGATION_STATUSES.items()],
        values={(scope, status): count for scope, status, count in rows},
    )


def complaints_by_acceptance():
    """Published complaints, criminal and administrative, by the agency's answer."""
    rows = db.session.execute(
        select(Complaint.complaint_kind, Complaint.acceptance, func.count())
        .where(Complaint.status == PUBLISHED)
        .group_by(Complaint.complaint_kind, Complaint.acceptance)
    ).all()
    order = ("accepted", "refused", "no_response", "pending")
    return Chart(
        key="complaints",
        row_heading="Kind of complaint",
        title="Complaints: accepted, refused or unanswered",
        rows=[(key, f"{label} complaints") for key, label in COMPLAINT_KINDS.items()],
        series=[Series(key, COMPLAINT_ACCEPTANCE[key]) for key in order],
        values={(kind, acceptance): count for kind, acceptance, count in rows},
    )


def demand_scoreboard(demands):
    """The demands by status, no query (the demands are already loaded).

    Shown as a table only: one bar of six demands told nothing the table does not.
    """
    values = {}
    for demand in demands:
        key = ("demands", demand.demand_status)
        values[key] = values.get(key, 0) + 1
    return Chart(
        key="scoreboard",
        row_heading="Status",
        title="The demands by status",
        rows=[("demands", "Demands")],
        series=[
            Series("not_met", DEMAND_STATUSES["not_met"], "#a4161a"),
            Series("partly_met", DEMAND_STATUSES["partly_met"], "#7a4b00"),
            Series("met", DEMAND_STATUSES["met"], "#1d6b33"),
        ],
        values=values,
    )
