"""The case list's badges: what makes each case newsworthy, read from the kinds' sections.

A kind whose case section declares a ``badge`` (a refused complaint, an external investigation,
a premature reinstatement, a suit) says in SQL which text a record of it earns, or NULL. The
badges of a whole page of cases, of every such kind, are one statement of plain values (a
SELECT per kind, UNION ALL: the kind's place, the case, the record, the text), only over the
records that may earn one (``Section.badge_candidates``): a page of cases costs one query for
its badges however long it is and whatever its records hold, and loads no record.
Run it behind the visibility boundary: only published records earn a badge.
"""

from functools import cache

from sqlalchemy import bindparam, case, literal_column, select, union_all

from tracker.extensions import db
from tracker.models import CaseOfficer
from tracker.pages.common import section_kinds


def badge_kinds():
    """The kinds with a section on case pages that award badges, in the sections' order."""
    return [kind for kind in section_kinds("case") if kind.section.badge]


def _part(position, kind, case_ids):
    """The SELECT of ``kind``'s badges for ``case_ids``: (position, case id, record id, text).

    By case, or through the case's officers (an officer's duty events).
    """
    model, section = kind.model, kind.section
    columns = (literal_column(str(position)).label("position"),)
    if section.case == "officers":
        statement = select(*columns, CaseOfficer.case_id.label("case_id"))
        statement = statement.select_from(model).join(
            CaseOfficer, CaseOfficer.officer_id == model.officer_id
        )
        statement = statement.where(CaseOfficer.case_id.in_(case_ids))
    else:
        statement = select(*columns, model.case_id.label("case_id")).select_from(model)
        statement = statement.where(model.case_id.in_(case_ids))
    text = section.badge()
    if section.badge_candidates is not None:
        # Tested before the badge, in its CASE: as a WHERE, PostgreSQL answered it from the
        # index on the condition (every reinstatement on record, 5,000 at 100,000 cases) and
        # hashed them all, where the page's officers' few duty events are read by officer.
        text = case((section.badge_candidates(), text))
    return statement.add_columns(model.id.label("record_id"), text.label("badge"))


@cache
def _statement():
    """The SELECT of every kind's badges, for the case ids bound as ``case_ids``.

    Built once a process: it is the same for every page (only the ids change), and building
    its SQL expressions cost more than running it.
    """
    case_ids = bindparam("case_ids", expanding=True)
    parts = [_part(position, kind, case_ids) for position, kind in enumerate(badge_kinds())]
    every = union_all(*parts).subquery()
    statement = select(every.c.position, every.c.case_id, every.c.badge)
    return statement.order_by(every.c.position, every.c.record_id)


def earned_badges(case_ids):
    """``{(case id, position): [text]}``: each kind's badges of ``case_ids``, one query.

    In the kind's order, then by record id, each text once (an officer in two roles brings
    their records twice).
    """
    if not badge_kinds():
        return {}
    earned = {}
    for position, case_id, text in db.session.execute(_statement(), {"case_ids": case_ids}):
        if text:
            earned.setdefault((case_id, position), {})[text] = None
    return {key: list(texts) for key, texts in earned.items()}


def case_badges(case_ids):
    """``{case id: [badge text]}`` for ``case_ids``: one query for every kind that has badges."""
    case_ids = list(case_ids)
    badges = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return badges
    earned = earned_badges(case_ids)
    for position, kind in enumerate(badge_kinds()):
        for case_id in case_ids:
            texts = earned.get((case_id, position))
            if not texts and kind.section.no_badge:
                texts = [kind.section.no_badge]
            badges[case_id].extend(texts or ())
    return badges
