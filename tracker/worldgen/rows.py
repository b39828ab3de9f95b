"""The rows of a generated world, batch by batch, from one seeded random generator.

Each batch is ``{table: [row, ...]}`` for the models' own tables, in an order that satisfies
the foreign keys: sources, agencies, officers, people, cases, complaints, investigations, duty
events, allegations. Ids are handed out in advance (``base.RowMaker``), so rows can refer to
each other before they are written and the same seed gives the same world.
"""

from collections import defaultdict
from datetime import timedelta

from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    CasePerson,
    Complaint,
    DutyEvent,
    Investigation,
    Officer,
    Person,
    Source,
)
from tracker.models import choices as C
from tracker.models.proceedings import (
    complaint_officers,
    duty_event_investigations,
    investigation_officers,
)
from tracker.worldgen import vocabulary as V
from tracker.worldgen.allegations import AllegationRows
from tracker.worldgen.base import WORLD_NOW, RowMaker

BATCH = 2000


class WorldRows(AllegationRows, RowMaker):
    """Makes the rows of each kind of record of a world."""

    def batches(self):
        """Every batch of the world, in an order that satisfies the foreign keys."""
        yield from self._chunked(self.sources, self.source_rows)
        yield self.agency_rows()
        for kind, maker in (
            ("officer", self.officer_row),
            ("person", self.person_row),
            ("case", self.case_row),
            ("complaint", self.complaint_row),
            ("investigation", self.investigation_row),
            ("duty_event", self.duty_event_row),
            ("allegation", self.allegation_row),
        ):
            yield from self._chunked(self.ranges[kind], maker)

    def _chunked(self, ids, maker):
        """Batches of ``BATCH`` rows made by ``maker(rows, id)`` for each id."""
        for start in range(0, len(ids), BATCH):
            rows = defaultdict(list)
            for record_id in ids[start : start + BATCH]:
                maker(rows, record_id)
            yield rows

    def source_rows(self, rows, source_id):
        """A news report or official record that records cite."""
        publisher = self.rng.choice(V.PUBLISHERS)
        rows[Source.__table__].append(
            {
                "id": source_id,
                "title": f"{publisher} report {source_id}",
                "url": f"https://example.org/world-{self.seed}/source-{source_id}",
                "publisher": publisher,
                "published_on": self.day(0),
                "source_kind": self.rng.choice(list(C.SOURCE_KINDS)),
                "notes": f"{V.PRIVATE_MARKER} source notes",
                "created_at": WORLD_NOW,
                "updated_at": WORLD_NOW,
                "created_by_id": None,
                "updated_by_id": None,
            }
        )

    def agency_rows(self):
        """The generated world's agencies, all published."""
        rows = defaultdict(list)
        for record_id, (name, short, kind) in zip(self.ranges["agency"], V.AGENCIES, strict=True):
            self.add_record(
                rows,
                Agency,
                record_id,
                f"{name} ({self.seed})",
                status="published",
                name=f"{name} ({self.seed})",
                short_name=short,
                agency_kind=kind,
                jurisdiction="Metro City",
                parent_id=None,
                url=None,
            )
        return rows

    def officer_row(self, rows, record_id):
        """A named (mostly), withheld or unknown officer of the police department."""
        identity = self.rng.choices(["named", "withheld", "unknown"], weights=[80, 15, 5])[0]
        name = self.person_name()
        if identity != "named":
            name = f"{name} {V.PRIVATE_MARKER}" if identity == "withheld" else None
        title = name if identity == "named" else C.IDENTITY_STATUSES[identity]
        self.add_record(
            rows,
            Officer,
            record_id,
            title,
            summary=f"An officer of the {self.rng.choice(V.UNITS)}.",
            identity_status=identity,
            name=name,
            serial_number=f"S{record_id}",
            badge_number=str(1000 + record_id % 9000),
            rank=self.rng.choice(V.RANKS),
            unit=self.rng.choice(V.UNITS),
            agency_id=self.agency("police_department"),
            public_description=None,
            private_notes=f"{V.PRIVATE_MARKER} officer notes",
        )

    def person_row(self, rows, record_id):
        """A person whose name is mostly private; some are minors."""
        is_minor = self.rng.random() < 0.05
        name_is_public = not is_minor and self.rng.random() < 0.3
        name = self.person_name()
        if not name_is_public:
            name = f"{name} {V.PRIVATE_MARKER}"
        title = (
            name if name_is_public else ("A minor (name withheld)" if is_minor else "Name withheld")
        )
        self.add_record(
            rows,
            Person,
            record_id,
            title,
            name=name,
            name_is_public=name_is_public,
            public_label=None,
            age=None if is_minor else self.rng.randint(18, 80),
            race=None,
            gender=None,
            is_minor=is_minor,
            contact_details=f"{V.PRIVATE_MARKER} contact",
            medical_details=f"{V.PRIVATE_MARKER} medical",
            private_notes=None,
        )

    def case_row(self, rows, record_id):
        """A case with a subject (for most), officers and a narrative."""
        case_kind = self.rng.choices(list(C.CASE_KINDS), weights=[10, 5, 55, 30])[0]
        occurred = self.day()
        street = self.rng.choice(V.STREETS)
        label = C.CASE_KINDS[case_kind]
        title = f"{label} on {street}" + (f", {occurred:%B %Y}" if occurred else "")
        self.add_record(
            rows,
            Case,
            record_id,
            title,
            summary=f"{label} near {street}; witnesses spoke to {V.COMMON_WORD} and reporters.",
            occurred_on=occurred,
            date_precision="day" if occurred else "unknown",
            place=f"{street}, Metro City",
            case_kind=case_kind,
            outcome=self.rng.choices(list(C.CASE_OUTCOMES), weights=[5, 40, 40, 15])[0],
            narrative=self.sentence_text(self.rng.randint(2, 5)),
        )
        if self.rng.random() < 0.6:
            rows[CasePerson.__table__].append(
                self._part(case_id=record_id, person_id=self.person_id(), role="subject")
            )
        for officer_id in self.officer_ids():
            role = self.rng.choice(list(C.CASE_OFFICER_ROLES))
            rows[CaseOfficer.__table__].append(
                self._part(case_id=record_id, officer_id=officer_id, role=role)
            )
        self.link_demand(rows, record_id, 0.01)

    def complaint_row(self, rows, record_id):
        """A complaint filed with the police or internal affairs (its allegations come later)."""
        kind = self.rng.choices(list(C.COMPLAINT_KINDS), weights=[70, 30])[0]
        has_complainant = self.rng.random() < 0.7
        self.add_record(
            rows,
            Complaint,
            record_id,
            f"{C.COMPLAINT_KINDS[kind]} complaint {record_id}",
            summary="A complaint about the conduct of officers.",
            filed_on=self.day(),
            complaint_kind=kind,
            filed_with_id=self.agency(self.rng.choice(["police_department", "internal_affairs"])),
            reference_number=f"C-{record_id}",
            acceptance=self.rng.choice(list(C.COMPLAINT_ACCEPTANCE)),
            acceptance_reason=None,
            channel=self.rng.choice([None, *C.COMPLAINT_CHANNELS]),
            description=self.sentence_text(2),
            complainant_id=self.person_id() if has_complainant else None,
            complainant_is_public=has_complainant and self.rng.random() < 0.2,
            case_id=self.case_id() if self.rng.random() < 0.9 else None,
        )
        self.accused[record_id] = self.officer_ids(2)
        for officer_id in self.accused[record_id]:
            rows[complaint_officers].append({"complaint_id": record_id, "officer_id": officer_id})
        self.link_demand(rows, record_id, 0.01)

    def investigation_row(self, rows, record_id):
        """An internal or external investigation of a case."""
        scope = self.rng.choices(list(C.INVESTIGATION_SCOPES), weights=[75, 25])[0]
        status = self.rng.choice(list(C.INVESTIGATION_STATUSES))
        opened = self.day(0.05)
        closed = None
        if status == "closed" and opened is not None:
            closed = opened + timedelta(days=self.rng.randint(10, 900))
        agency = "internal_affairs" if scope == "internal" else "civilian_oversight"
        self.add_record(
            rows,
            Investigation,
            record_id,
            f"{C.INVESTIGATION_SCOPES[scope]} investigation {record_id}",
            summary="An investigation of the case.",
            case_id=self.case_id(),
            scope=scope,
            agency_id=self.agency(agency),
            opened_on=opened,
            closed_on=closed,
            investigation_status=status,
            finding=self.rng.choice(list(C.INVESTIGATION_FINDINGS)),
            outcome=None,
        )
        for officer_id in self.officer_ids(2):
            rows[investigation_officers].append(
                {"investigation_id": record_id, "officer_id": officer_id}
            )
        self.link_demand(rows, record_id, 0.02)

    def duty_event_row(self, rows, record_id):
        """A duty event of an officer; reinstatements cite an investigation."""
        duty_kind = self.rng.choices(list(C.DUTY_EVENT_KINDS), weights=[30, 15, 15, 25, 5, 5, 5])[0]
        occurred = self.day()
        self.add_record(
            rows,
            DutyEvent,
            record_id,
            f"{C.DUTY_EVENT_KINDS[duty_kind]} {record_id}",
            officer_id=self.officer_id(),
            duty_kind=duty_kind,
            occurred_on=occurred,
            date_precision="day" if occurred else "unknown",
            note=None,
        )
        if duty_kind == "reinstated" and self.rng.random() < 0.5:
            rows[duty_event_investigations].append(
                {
                    "duty_event_id": record_id,
                    "investigation_id": self.rng.choice(self.ranges["investigation"]),
                }
            )
