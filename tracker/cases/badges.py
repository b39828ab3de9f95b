"""The case list's badges: what makes each case newsworthy, read from the kinds' sections.

A kind whose case section declares a ``badge`` (a refused complaint, an external investigation,
a premature reinstatement, a suit) is loaded for the whole page of cases in one query, as the
case page loads it, so a page of cases costs the same few queries however long it is. Run it
behind the visibility boundary: only published records earn a badge.
"""

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import CaseOfficer
from tracker.pages.case import _section_records
from tracker.pages.common import section_kinds


def case_badges(case_ids):
    """``{case id: [badge text]}`` for ``case_ids``: one query per kind with badges, plus one."""
    case_ids = list(case_ids)
    badges = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return badges
    kinds = [kind for kind in section_kinds("case") if kind.section.badge]
    officers = {}
    if any(kind.section.case == "officers" for kind in kinds):
        rows = db.session.execute(
            select(CaseOfficer.case_id, CaseOfficer.officer_id).where(
                CaseOfficer.case_id.in_(case_ids)
            )
        ).all()
        for case_id, officer_id in rows:
            officers.setdefault(case_id, set()).add(officer_id)
    every_officer = set().union(*officers.values()) if officers else set()
    for kind in kinds:
        grouped = _section_records(kind, case_ids, every_officer)
        for case_id in case_ids:
            if kind.section.case == "officers":
                records = [r for o in sorted(officers.get(case_id, ())) for r in grouped.get(o, [])]
            else:
                records = grouped.get(case_id, [])
            earned = [kind.section.badge(record) for record in records]
            earned = list(dict.fromkeys(text for text in earned if text))
            badges[case_id].extend(
                earned or ([kind.section.no_badge] if kind.section.no_badge else [])
            )
    return badges
