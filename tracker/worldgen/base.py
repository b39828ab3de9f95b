"""What every generated row shares: ids, dates, statuses, citations and revisions.

``RowMaker`` holds the seeded random generator and the id ranges handed out for each kind, and
writes a record's rows (``records``, its kind's table, citations and the "import" revision the
app's hooks would have written). ``rows.py`` makes each kind's records with it.
"""

import random
from datetime import UTC, date, datetime, timedelta

from tracker.models import Citation, DemandLink, Record, Revision
from tracker.records.slugs import slugify
from tracker.worldgen import vocabulary as V
from tracker.worldgen.plan import STATUS_WEIGHTS

# The generated world's clock: records were last changed before this moment, one a minute.
WORLD_NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
FIRST_DAY = date(2005, 1, 1)
DAYS = 365 * 21


class RowMaker:
    """Ids, random choices and the shared rows of a world of ``plan``."""

    def __init__(self, plan, seed, first_record_id, first_source_id, demand_ids):
        """Hand out id ranges for every kind in a fixed order."""
        self.plan = plan
        self.seed = seed
        # Not for secrets: a seeded generator is what makes the same seed give the same world.
        self.rng = random.Random(seed)  # noqa: S311  # nosec B311
        self.demand_ids = demand_ids
        self.ranges = {}
        start = first_record_id
        for kind in ("agency", "officer", "person", "case", "complaint", "investigation"):
            count = len(V.AGENCIES) if kind == "agency" else plan.count(kind)
            self.ranges[kind] = range(start, start + count)
            start += count
        self.ranges["duty_event"] = range(start, start + plan.count("duty_event"))
        start += plan.count("duty_event")
        self.ranges["allegation"] = range(start, start + plan.count("allegation"))
        self.accused = {}  # complaint id -> the officer ids it names (its allegations' officers)
        self.sources = range(first_source_id, first_source_id + plan.sources)
        self.made = 0
        self.second_citations_left = plan.second_citations

    def pick_status(self):
        """A lifecycle status, most often "published"."""
        return self.rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]

    def day(self, undated_share=0.03):
        """A date in 2005-2025, or None for a small share."""
        if self.rng.random() < undated_share:
            return None
        return FIRST_DAY + timedelta(days=self.rng.randrange(DAYS))

    def officer_id(self):
        """An officer id, skewed so a few officers appear in very many records."""
        officers = self.ranges["officer"]
        return officers[int(len(officers) * self.rng.random() ** 2)]

    def officer_ids(self, most=3):
        """One to ``most`` distinct officer ids."""
        return sorted({self.officer_id() for _ in range(self.rng.randint(1, most))})

    def sentence_text(self, count):
        """``count`` sentences of case narrative."""
        return " ".join(
            self.rng.choice(V.SENTENCES).format(
                place=self.rng.choice(V.PLACES),
                street=self.rng.choice(V.STREETS),
                count=self.rng.randint(2, 9),
            )
            for _ in range(count)
        )

    def person_name(self):
        """A first and last name."""
        return f"{self.rng.choice(V.FIRST_NAMES)} {self.rng.choice(V.LAST_NAMES)}"

    def add_record(self, rows, model, record_id, title, summary=None, status=None, **fields):
        """Add a record of ``model``: its two rows, citations and revision; returns its status."""
        status = status or self.pick_status()
        if record_id % V.RARE_EVERY == 0:
            summary = f"{summary or ''} The file mentions {V.RARE_WORD}.".strip()
        if status != "published":
            title = f"{title} ({V.PRIVATE_MARKER} {status})"
        changed = WORLD_NOW - timedelta(minutes=self.made)
        self.made += 1
        kind = model.__mapper_args__["polymorphic_identity"]
        rows[Record.__table__].append(
            {
                "id": record_id,
                "kind": kind,
                "title": title,
                "slug": f"{slugify(title)[:80]}-{record_id}",
                "summary": summary,
                "status": status,
                "version": 1,
                "review_comment": f"{V.PRIVATE_MARKER} review" if status == "in_review" else None,
                "submitted_at": changed if status != "draft" else None,
                "published_at": changed if status in ("published", "unpublished") else None,
                "created_at": changed,
                "updated_at": changed,
                "created_by_id": None,
                "updated_by_id": None,
            }
        )
        rows[model.__table__].append({"id": record_id, **fields})
        self.cite(rows, record_id, changed, second=kind == "case")
        rows[Revision.__table__].append(
            {
                "record_id": record_id,
                "user_id": None,
                "created_at": changed,
                "action": "import",
                "version": 1,
                "changes": {"title": [None, title], "status": [None, status]},
                "private_changes": [],
                "comment": f"flask generate-world --seed {self.seed}",
            }
        )
        return status

    def cite(self, rows, record_id, when, second):
        """One citation, and a second one while the plan's citations are not all given out."""
        sources = self.sources
        first = self.rng.randrange(len(sources))
        chosen = [sources[first]]
        if second and self.second_citations_left > 0 and len(sources) > 1:
            # Another source than the first: a citation is unique per record and source.
            other = (first + self.rng.randrange(1, len(sources))) % len(sources)
            chosen.append(sources[other])
            self.second_citations_left -= 1
        for position, source_id in enumerate(chosen, start=1):
            rows[Citation.__table__].append(
                {
                    "record_id": record_id,
                    "source_id": source_id,
                    "position": position,
                    "locator": None,
                    "quote": None,
                    "created_at": when,
                    "updated_at": when,
                    "created_by_id": None,
                    "updated_by_id": None,
                }
            )

    def link_demand(self, rows, record_id, share):
        """Link ``record_id`` to a random demand for ``share`` of records."""
        if self.demand_ids and self.rng.random() < share:
            rows[DemandLink.__table__].append(
                {
                    "record_id": record_id,
                    "demand_id": self.rng.choice(self.demand_ids),
                    "note": "Generated link.",
                    "created_at": WORLD_NOW,
                    "updated_at": WORLD_NOW,
                    "created_by_id": None,
                    "updated_by_id": None,
                }
            )

    def agency(self, kind):
        """The id of the generated agency of ``kind``."""
        index = [entry[2] for entry in V.AGENCIES].index(kind)
        return self.ranges["agency"][index]

    def person_id(self):
        """A random person's id."""
        return self.rng.choice(self.ranges["person"])

    def case_id(self):
        """A random case's id."""
        return self.rng.choice(self.ranges["case"])

    @staticmethod
    def _part(**fields):
        """A row of a record's part with its audit columns."""
        return {
            **fields,
            "created_at": WORLD_NOW,
            "updated_at": WORLD_NOW,
            "created_by_id": None,
            "updated_by_id": None,
        }
