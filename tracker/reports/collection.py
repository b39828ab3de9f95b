"""Dossiers that gather many records: a demand with its evidence, and a filtered set of cases."""

import hashlib
from dataclasses import dataclass, field

from tracker.demands.indicators import compute_indicator
from tracker.demands.services import demand_by_number, evidence_by_kind
from tracker.extensions import db
from tracker.models import Case, Complaint, DutyEvent, Investigation, LegalAction
from tracker.models.choices import DEMAND_STATUSES
from tracker.reports.charts import bar_chart_data_uri
from tracker.reports.dossier import REPORT_FORMAT, Dossier, case_dossiers, content_hash
from tracker.reports.entries import (
    Entry,
    Shown,
    Sources,
    complaint_entry,
    duty_event_entry,
    investigation_entry,
    legal_action_entry,
)
from tracker.templating import format_date

ENTRY_BUILDERS = {
    Complaint: complaint_entry,
    Investigation: investigation_entry,
    DutyEvent: duty_event_entry,
    LegalAction: legal_action_entry,
}
# The most cases one multi-case report holds (about 10 s to render 50 on one core); the
# filters narrow a larger set.
MAX_CASES = 50


@dataclass
class DemandDossier(Dossier):
    """A demand: its text, status history, computed indicator with a chart, and evidence."""

    number: int = 0
    text: str = ""
    petition: str | None = None
    status: str = ""
    history: list = field(default_factory=list)  # [(date, status, note, source number)]
    indicator: object = None  # {question, method, figures: [(label, value, [titles])]}
    chart: str | None = None
    evidence: list = field(default_factory=list)  # [(kind label, [(Entry, note)])]


@dataclass
class CasesDossier:
    """Several case dossiers chosen by the case-list filters."""

    title: str
    filters: list
    cases: list
    truncated: bool
    as_of: object
    fingerprint: str


def demand_dossier(number):
    """Everything a demand dossier shows, or None when there is no such published demand."""
    demand = demand_by_number(number)
    if demand is None:
        return None
    shown, sources = Shown(), Sources()
    shown.add(demand)
    sources.cite(demand)
    dossier = DemandDossier(
        kind="demand",
        id=demand.id,
        title=demand.title,
        slug=demand.slug,
        version=demand.version,
        as_of=None,
        summary=demand.summary,
        number=demand.number,
        text=demand.text,
        petition=demand.petition.title if demand.petition.status == "published" else None,
        status=DEMAND_STATUSES.get(demand.demand_status, demand.demand_status),
    )
    for change in demand.status_changes:
        dossier.history.append(
            (
                format_date(change.changed_on),
                DEMAND_STATUSES.get(change.status),
                change.note,
                sources.add(change.source),
            )
        )
    indicator = compute_indicator(demand)
    if indicator is not None:
        for figure in indicator.figures:
            for record in figure.records:
                shown.add(record)
        dossier.indicator = {
            "question": indicator.question,
            "method": indicator.method,
            "figures": [
                (figure.label, figure.value, [record.title for record in figure.records])
                for figure in indicator.figures
            ],
        }
        dossier.chart = bar_chart_data_uri(
            (figure.label, figure.value) for figure in indicator.figures
        )
    for label, rows in evidence_by_kind(demand):
        entries = []
        for record, note in rows:
            entries.append((_evidence_entry(record, sources, shown), note))
        dossier.evidence.append((label, entries))
    dossier.sources = sources.rows
    dossier.as_of = shown.latest
    dossier.fingerprint = shown.fingerprint(sources, REPORT_FORMAT, content_hash(dossier))
    return dossier


def _evidence_entry(record, sources, shown):
    """An entry for any published record linked to a demand."""
    for model, build in ENTRY_BUILDERS.items():
        if isinstance(record, model):
            return build(record, sources, shown)
    shown.add(record)
    return Entry(
        id=record.id,
        kind=record.kind,
        title=record.title,
        date=None,
        text=record.summary,
        sources=sources.cite(record),
    )


def cases_dossier(filters):
    """A dossier per case the ``CaseFilters`` select (at most ``MAX_CASES``), in their order."""
    ids = db.session.scalars(
        filters.statement().with_only_columns(Case.id).limit(MAX_CASES + 1)
    ).all()
    truncated = len(ids) > MAX_CASES
    dossiers = case_dossiers(ids[:MAX_CASES])
    cases = [dossiers[case_id] for case_id in ids[:MAX_CASES] if case_id in dossiers]
    stamps = [case.fingerprint for case in cases]
    latest = max((case.as_of for case in cases if case.as_of), default=None)
    fingerprint = hashlib.sha256(
        "|".join([str(REPORT_FORMAT), str(sorted(filters.to_args().items())), *stamps]).encode()
    ).hexdigest()[:32]
    return CasesDossier(
        title="Case report",
        filters=_describe_filters(filters),
        cases=cases,
        truncated=truncated,
        as_of=latest,
        fingerprint=fingerprint,
    )


def _describe_filters(filters):
    """The active filters in words: [(name, value)]."""
    return [(name.replace("_", " "), value) for name, value in filters.to_args().items()]
