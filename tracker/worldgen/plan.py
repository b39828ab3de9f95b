"""How many records of each kind a world of N cases holds.

Per 100,000 cases: 50,000 complaints, 20,000 investigations, 20,000 duty events, 10,000
officers, 60,000 people and 330,000 citations (issue 12's measured tracker), plus one source
per five cases and a handful of agencies; and 75,000 allegations (1.5 a complaint, issue 13),
which bring the citations to one per record at least (335,000).
"""

from dataclasses import dataclass

# Records of each kind per case.
PER_CASE = {
    "complaint": 0.5,
    "investigation": 0.2,
    "duty_event": 0.2,
    "officer": 0.1,
    "person": 0.6,
    "allegation": 0.75,  # 1.5 a complaint
}
CITATIONS_PER_CASE = 3.3
SOURCES_PER_CASE = 0.2
# The generated agencies (``vocabulary.AGENCIES``): police, internal affairs, oversight, ...
AGENCIES = 6

# Share of records in each lifecycle status: most are published.
STATUS_WEIGHTS = {"published": 92, "draft": 4, "in_review": 2, "unpublished": 2}


@dataclass(frozen=True)
class WorldPlan:
    """The number of rows of each kind for ``cases`` cases."""

    cases: int

    def count(self, kind):
        """How many records of ``kind`` (at least one of each, so every page has something)."""
        if kind == "case":
            return self.cases
        return max(1, round(self.cases * PER_CASE[kind]))

    @property
    def sources(self):
        """How many sources the citations point at."""
        return max(3, round(self.cases * SOURCES_PER_CASE))

    @property
    def records(self):
        """All generated records."""
        return AGENCIES + self.cases + sum(self.count(kind) for kind in PER_CASE)

    @property
    def citations(self):
        """Total citations: one per record, and a second one for enough cases to reach 3.3/case."""
        return max(self.records, round(self.cases * CITATIONS_PER_CASE))

    @property
    def second_citations(self):
        """How many cases cite a second source."""
        return min(self.cases, self.citations - self.records)
