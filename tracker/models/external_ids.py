"""Ids a record carries in outside datasets, and the registry of the datasets (schemes) known.

A scheme is declared once here (its label, the record kinds it names, the dataset's address and,
where the dataset has a page per row, the row's URL template); the workspace form, the public
"Also listed as" line, the downloads, the API and the CSV import (``external_id:<scheme>``
columns) all read this registry. A new scheme is a line here and a migration widening
``ck_external_ids_scheme_choice`` (``add_choices("external_ids", "scheme", [...])``).
"""

from dataclasses import dataclass

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import AuditMixin, Base, choice_check


@dataclass(frozen=True)
class Scheme:
    """An outside dataset: how people call it, what it lists and where to find it."""

    label: str
    kinds: tuple  # the record kinds whose ids it holds
    dataset_url: str
    row_url: str | None = None  # "{value}" is replaced by the id; None: no page per row
    hint: str = ""

    def url(self, value):
        """The address of ``value``'s row, else of the dataset."""
        return self.row_url.format(value=value) if self.row_url else self.dataset_url


SCHEMES = {
    "fatal_force": Scheme(
        "The Washington Post, Fatal Force",
        ("case",),
        "https://github.com/washingtonpost/data-police-shootings",
        hint="The row id of the Post's database (column id).",
    ),
    "mpv": Scheme(
        "Mapping Police Violence",
        ("case",),
        "https://mappingpoliceviolence.org/",
        hint="The MPV id of the killing.",
    ),
    "ori": Scheme(
        "FBI ORI agency code",
        ("agency",),
        "https://cde.ucr.cjis.gov/",
        hint="Nine characters, e.g. MOKPD0000 (the Post gives seven: MOKPD00).",
    ),
    "docket": Scheme(
        "Court docket number",
        ("legal_action", "investigation", "complaint"),
        "https://www.courts.mo.gov/cnet/",
        hint="The docket or case number the court gives it.",
    ),
}


def schemes_for(kind):
    """``{name: Scheme}`` of the schemes that hold ids of records of ``kind``."""
    return {name: scheme for name, scheme in SCHEMES.items() if kind in scheme.kinds}


class ExternalId(AuditMixin, Base):
    """A record's id in an outside dataset: one (scheme, value) names one record."""

    __tablename__ = "external_ids"
    __table_args__ = (
        UniqueConstraint("scheme", "value"),  # also the index of find(scheme, value)
        choice_check("scheme", SCHEMES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    scheme: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(120))

    record = relationship("Record", back_populates="external_ids")

    @property
    def label(self):
        """The dataset's name."""
        return SCHEMES[self.scheme].label

    @property
    def url(self):
        """Where the public can look the id up."""
        return SCHEMES[self.scheme].url(self.value)

    def revision_parent(self):
        """The record whose history notes this change."""
        return self.record

    def revision_label(self):
        """How the id reads in a revision (ids are public)."""
        return f"{self.label}: {self.value}"
