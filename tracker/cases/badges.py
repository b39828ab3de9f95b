"""The case list's badges: what makes each case newsworthy, read from the kinds' sections.

A kind whose case section declares a ``badge`` (a refused complaint, an external investigation,
a premature reinstatement, a suit) is loaded for the whole page of cases in one query, with only
what its badge reads (``Section.badge_load``) and only the records that may earn one
(``Section.badge_candidates``), so a page of cases costs one query per such kind (and per badge
load) however long it is.
Run it behind the visibility boundary: only published records earn a badge.
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import CaseOfficer
from tracker.pages.common import section_kinds


def _records_by_case(kind, case_ids):
    """``{case id: [records]}`` of ``kind``, one query: by case, or through its officers."""
    model = kind.model
    if kind.section.case == "officers":
        statement = (
            select(model, CaseOfficer.case_id)
            .join(CaseOfficer, CaseOfficer.officer_id == model.officer_id)
            .where(CaseOfficer.case_id.in_(case_ids))
        )
    else:
        statement = select(model, model.case_id).where(model.case_id.in_(case_ids))
    if kind.section.badge_candidates is not None:
        statement = statement.where(kind.section.badge_candidates())
    grouped = {}
    rows = db.session.execute(statement.options(*kind.section.badge_load)).unique().all()
    for record, case_id in rows:
        found = grouped.setdefault(case_id, [])
        if record not in found:  # an officer in two roles brings their records twice
            found.append(record)
    return grouped


def case_badges(case_ids):
    """``{case id: [badge text]}`` for ``case_ids``: one query per kind that has badges."""
    case_ids = list(case_ids)
    badges = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return badges
    for kind in section_kinds("case"):
        if not kind.section.badge:
            continue
        grouped = _records_by_case(kind, case_ids)
        for case_id in case_ids:
            earned = [kind.section.badge(record) for record in grouped.get(case_id, [])]
            earned = list(dict.fromkeys(text for text in earned if text))
            if not earned and kind.section.no_badge:
                earned = [kind.section.no_badge]
            badges[case_id].extend(earned)
    return badges
