"""The declarative base, the constraint naming convention and small column helpers."""

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from tracker.models.facts import bookkeeping

# Named constraints let Alembic (and SQLite batch mode) find and change them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model; its metadata carries the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow():
    """Return the current time in UTC; used as a column default (called per row)."""
    return datetime.now(UTC)


def choice_check(column, choices, name=None, nullable=False):
    """Return a CHECK constraint that keeps ``column`` within ``choices``."""
    quoted = ", ".join(f"'{value}'" for value in choices)
    condition = f"{column} IN ({quoted})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=name or f"{column}_choice")


class AuditMixin:
    """Created/updated at and by, kept by the session listener in ``records.history``."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=bookkeeping("Created at")
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        default=utcnow,
        onupdate=utcnow,
        info=bookkeeping("Updated at", "When it last changed (UTC).", public=True),
    )

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:
        """The user who created the row (None for the CLI and demo data)."""
        return mapped_column(
            ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
            info=bookkeeping("Created by"),
        )

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        """The user who last changed the row."""
        return mapped_column(
            ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
            info=bookkeeping("Updated by"),
        )
