"""How many of the Post's fatal shootings by the department the tracker has logged (demand 3).

From the editors' confirmed matches (``/manage/fatal-force``): the Post's rows of the agency last
reconciled that an editor confirmed as a published case. The total and the date of the data are
the last run's (``FatalForceRun``).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import FatalForceDecision, FatalForceRun, Record
from tracker.models.choices import PUBLISHED

DATASET = "The Washington Post, Fatal Force database"
DATASET_URL = "https://github.com/washingtonpost/data-police-shootings"


@dataclass(frozen=True)
class Coverage:
    """One agency's figures: logged of the Post's rows (data through a date)."""

    logged: int
    rows: int
    agency: str
    data_through: date | None
    dataset: str = DATASET
    dataset_url: str = DATASET_URL


def fatal_force_coverage(session=None):
    """``[Coverage]`` of each reconciled agency (usually one), two queries."""
    session = session or db.session
    runs = list(session.scalars(select(FatalForceRun).order_by(FatalForceRun.agency_id)))
    if not runs:
        return []
    logged = dict(
        session.execute(
            select(
                FatalForceDecision.agency_id, func.count(func.distinct(FatalForceDecision.post_id))
            )
            .join(Record, Record.id == FatalForceDecision.case_id)
            .where(FatalForceDecision.decision == "confirmed", Record.status == PUBLISHED)
            .group_by(FatalForceDecision.agency_id)
        ).all()
    )
    return [
        Coverage(logged.get(run.agency_id, 0), run.rows, run.agency_name, run.data_through)
        for run in runs
    ]
