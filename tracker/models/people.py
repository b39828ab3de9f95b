"""Who appears in the record: agencies, officers and people (subjects, complainants, witnesses)."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import choice_check
from tracker.models.choices import AGENCY_KINDS, IDENTITY_STATUSES, SEPARATIONS
from tracker.models.facts import private, public
from tracker.models.records import Record


class Agency(Record):
    """A police department, internal affairs unit, oversight office, prosecutor or court."""

    __tablename__ = "agencies"
    __table_args__ = (choice_check("agency_kind", AGENCY_KINDS),)
    __mapper_args__ = {"polymorphic_identity": "agency"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, info=public("Name", required=True))
    short_name: Mapped[str | None] = mapped_column(
        String(60), info=public("Short name", search=True)
    )
    agency_kind: Mapped[str] = mapped_column(
        String(32),
        info=public("Kind", "Kind of agency.", choices=AGENCY_KINDS, search=True, required=True),
    )
    jurisdiction: Mapped[str | None] = mapped_column(
        String(200), info=public("Jurisdiction", search=True)
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"),
        index=True,
        info=public("Part of", "Id of the agency it belongs to.", imported=False),
    )
    url: Mapped[str | None] = mapped_column(String(500), info=public("Web site"))

    parent = relationship(
        "Agency", remote_side=[id], foreign_keys=[parent_id], back_populates="units"
    )
    units = relationship("Agency", foreign_keys=[parent_id], back_populates="parent")

    def compute_title(self):
        """An agency's title is its name."""
        return self.name


class Officer(Record):
    """A police officer, named or not; duty status is derived from duty events."""

    __tablename__ = "officers"
    __table_args__ = (
        choice_check("identity_status", IDENTITY_STATUSES),
        CheckConstraint("identity_status <> 'named' OR name IS NOT NULL", name="named_has_name"),
        UniqueConstraint("agency_id", "serial_number"),
        choice_check("separation", SEPARATIONS),
    )
    __mapper_args__ = {"polymorphic_identity": "officer"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    identity_status: Mapped[str] = mapped_column(
        String(16),
        default="named",
        info=public(
            "Identity",
            "Whether the officer is named.",
            choices=IDENTITY_STATUSES,
            hint="named (default), withheld or unknown.",
        ),
    )
    # Public only while the officer is named: the kind exports it by that rule.
    name: Mapped[str | None] = mapped_column(
        String(200),
        index=True,
        info=public("Name", "Name, only when the officer is named.", exported=False),
    )
    serial_number: Mapped[str | None] = mapped_column(
        String(40), info=public("Serial number", search=True)
    )
    badge_number: Mapped[str | None] = mapped_column(
        String(40), info=public("Badge number", search=True)
    )
    rank: Mapped[str | None] = mapped_column(String(80), info=public("Rank", search=True))
    unit: Mapped[str | None] = mapped_column(String(120), info=public("Unit", search=True))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"),
        index=True,
        info=public("Agency", "Id of the agency (see agencies in the downloads)."),
    )
    public_description: Mapped[str | None] = mapped_column(
        Text, info=public("Public description", "Public description in Markdown.", search=True)
    )
    private_notes: Mapped[str | None] = mapped_column(
        Text, info=private("Private notes", hint="Never published.")
    )
    # Public only while the officer is named (they would tell who a withheld officer is): the
    # kind exports them by that rule. One name a line.
    other_names: Mapped[str | None] = mapped_column(
        Text,
        info=public(
            "Other known names",
            "Other names the officer is known by (maiden name, nickname, misspellings).",
            exported=False,
            hint="One name a line, or separated by semicolons.",
        ),
    )
    employed_on: Mapped[date | None] = mapped_column(
        Date, info=public("Employed on", "When the officer joined the agency.")
    )
    separation: Mapped[str | None] = mapped_column(
        String(16),
        info=public(
            "How they left",
            "How the officer left the agency.",
            choices=SEPARATIONS,
            search=True,
            hint="resigned, retired, terminated, decertified or left.",
        ),
    )
    separated_on: Mapped[date | None] = mapped_column(
        Date, info=public("Left on", "When the officer left the agency.")
    )
    gender: Mapped[str | None] = mapped_column(String(40), info=private("Gender"))
    race: Mapped[str | None] = mapped_column(String(80), info=private("Race"))
    birth_year: Mapped[int | None] = mapped_column(Integer, info=private("Birth year"))

    agency = relationship("Agency", foreign_keys=[agency_id])
    assignments = relationship(
        "Assignment",
        back_populates="officer",
        foreign_keys="Assignment.officer_id",
        order_by="(Assignment.started_on, Assignment.id)",
    )
    duty_events = relationship(
        "DutyEvent",
        back_populates="officer",
        foreign_keys="DutyEvent.officer_id",
        order_by="(DutyEvent.occurred_on, DutyEvent.id)",
    )

    @property
    def known_names(self):
        """The other known names, one per entry (lines or semicolons), blanks left out."""
        return known_names_in(self.other_names)

    @property
    def is_identified(self):
        """True when the officer's name is on record and public."""
        return is_identified(self.identity_status)

    @property
    def display_name(self):
        """The name to show, or what is known about why there is none."""
        if self.is_identified:
            return " ".join(part for part in (self.rank, self.name) if part)
        return self.title

    def compute_title(self):
        """A named officer's title is the name; otherwise the typed description stays.

        An officer switched from named to withheld must not keep the name as a public title, so
        a description equal to the name gives way to the identity label.
        """
        if self.identity_status == "named" and self.name:
            return self.name
        title = (self.title or "").strip()
        if not title or (self.name and title.casefold() == self.name.strip().casefold()):
            return IDENTITY_STATUSES[self.identity_status]
        return title


class Person(Record):
    """A subject, complainant or witness. Contact, medical and minors' names stay private."""

    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("age IS NULL OR (age >= 0 AND age <= 120)", name="age_range"),
        CheckConstraint("NOT (is_minor AND name_is_public)", name="minor_name_private"),
    )
    __mapper_args__ = {"polymorphic_identity": "person"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200), info=private("Name"))
    # The name is shown only where the person (or public reporting) makes it public.
    name_is_public: Mapped[bool] = mapped_column(
        default=False, info=public("Name is public", exported=False)
    )
    public_label: Mapped[str | None] = mapped_column(
        String(120), info=public("Public label", exported=False)
    )
    age: Mapped[int | None] = mapped_column(Integer, info=public("Age", "Age as reported."))
    race: Mapped[str | None] = mapped_column(String(80), info=public("Race", "Race as reported."))
    gender: Mapped[str | None] = mapped_column(
        String(80), info=public("Gender", "Gender as reported.")
    )
    is_minor: Mapped[bool] = mapped_column(
        default=False,
        info=public("Minor", "True for a minor (whose name is never published)."),
    )
    contact_details: Mapped[str | None] = mapped_column(Text, info=private("Contact details"))
    medical_details: Mapped[str | None] = mapped_column(Text, info=private("Medical details"))
    private_notes: Mapped[str | None] = mapped_column(Text, info=private("Private notes"))

    @property
    def public_name(self):
        """The name the public may read: the real one only when it is public."""
        return public_name_of(self)

    def compute_title(self):
        """A person's title is always the public name, so lists never leak a private one."""
        return self.public_name


def public_name_columns():
    """The columns ``public_name_of`` reads: what a plain-value read selects to name a person."""
    return (Person.name, Person.name_is_public, Person.is_minor, Person.public_label)


def public_name_of(person):
    """``Person.public_name`` of anything with a person's name columns (a plain row, too).

    The search reindex reads people as plain rows, not as records; one rule serves both.
    """
    if person.name and person.name_is_public and not person.is_minor:
        return person.name
    if person.public_label:
        return person.public_label
    return "A minor (name withheld)" if person.is_minor else "Name withheld"


def known_names_in(other_names):
    """``Officer.known_names`` of an ``other_names`` value (a plain row's, too)."""
    text = (other_names or "").replace(";", "\n")
    return [name.strip() for name in text.splitlines() if name.strip()]


def is_identified(identity_status):
    """``Officer.is_identified`` of an ``identity_status`` value (a plain row's, too)."""
    return identity_status == "named"
