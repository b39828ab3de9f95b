"""The allegations of a generated world: about 1.5 per complaint, findings and discipline.

Each complaint gets one or two allegations (1.5 on average, ``plan.PER_CASE``), against one of
the officers the complaint names (one in ten unidentified), with a final finding drawn from
weights close to what oversight agencies report (most not sustained or unfounded, about one in
eight sustained), a recommended finding that mostly agrees, and discipline for most sustained
ones (a suspension has its days). The same seed gives the same allegations.
"""

from datetime import timedelta

from tracker.models import Allegation
from tracker.models import choices as C

# Final findings, weighted: sustained about one in eight, as in published oversight reports.
FINDINGS = {
    "sustained": 12,
    "not_sustained": 35,
    "exonerated": 15,
    "unfounded": 20,
    "administratively_closed": 8,
    "no_cooperation": 5,
    "pending": 5,
}
# Categories, weighted: force and procedure are the most alleged.
CATEGORIES = {
    "excessive_force": 30,
    "improper_procedure": 25,
    "discourtesy": 15,
    "improper_member_conduct": 12,
    "harassment": 8,
    "bias_based_policing": 6,
    "refused_complaint": 4,
}
# Discipline of a sustained allegation, weighted.
DISCIPLINE = {
    "none": 8,
    "counseling": 30,
    "written_reprimand": 27,
    "suspension": 25,
    "demotion": 3,
    "termination": 7,
}
OUTCOMES = {"served": 80, "overturned_on_appeal": 8, "unknown": 12}
UNIDENTIFIED_SHARE = 0.1


def _pick(rng, weights):
    """One key of ``weights``, drawn by its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class AllegationRows:
    """``allegation_row`` for ``WorldRows`` (it needs the complaints' officers, ``accused``)."""

    def complaint_of(self, record_id):
        """The complaint of allegation ``record_id``: 1.5 allegations a complaint, in turn."""
        allegations, complaints = self.ranges["allegation"], self.ranges["complaint"]
        index = (record_id - allegations.start) * len(complaints) // len(allegations)
        return complaints[index]

    def allegation_row(self, rows, record_id):
        """One allegation against one of its complaint's officers, its findings and discipline."""
        complaint_id = self.complaint_of(record_id)
        named = self.accused.get(complaint_id) or [None]
        unidentified = self.rng.random() < UNIDENTIFIED_SHARE
        officer_id = None if unidentified else self.rng.choice(named)
        category = _pick(self.rng, CATEGORIES)
        final = _pick(self.rng, FINDINGS)
        agreed = final == "pending" or self.rng.random() < 0.85
        recommended = final if agreed else _pick(self.rng, FINDINGS)
        decided_on = self.day(0.1) if final != "pending" else None
        discipline = _pick(self.rng, DISCIPLINE) if final == "sustained" else "none"
        if final == "administratively_closed" and self.rng.random() < 0.2:
            discipline = "resigned_before_finding"
        imposed = discipline != "none"
        self.add_record(
            rows,
            Allegation,
            record_id,
            f"{C.ALLEGATION_CATEGORIES[category][0]} allegation {record_id}",
            summary="An allegation of the complaint.",
            complaint_id=complaint_id,
            officer_id=officer_id,
            category=category,
            recommended_finding=recommended,
            recommended_by_id=self.agency("internal_affairs") if final != "pending" else None,
            recommended_on=decided_on - timedelta(days=30) if decided_on else None,
            final_finding=final,
            final_by_id=self.agency("police_department") if final != "pending" else None,
            final_on=decided_on,
            discipline=discipline,
            discipline_days=self.rng.randint(1, 30) if discipline == "suspension" else None,
            discipline_on=decided_on + timedelta(days=14) if imposed and decided_on else None,
            discipline_outcome=_pick(self.rng, OUTCOMES) if imposed else "unknown",
        )
