"""Officers' careers: the assignment record kind, how and when an officer left, other known
names, and the private facts of an OpenOversight roster (gender, race, birth year).

Each officer with a rank, unit, serial or badge number gets one assignment carrying them (same
status and citations as the officer, an "import" revision naming this migration); the officer
keeps its own columns, so the downgrade only removes what was added.

Revision ID: 20ef93750bd7
Revises: 03106cef98ba
Create Date: 2026-12-06 17:45:00

"""

from datetime import UTC, datetime
import re

from alembic import op
import sqlalchemy as sa

from choice_checks import add_choices, remove_choices

# revision identifiers, used by Alembic.
revision = "20ef93750bd7"
down_revision = "03106cef98ba"
branch_labels = None
depends_on = None

SEPARATIONS = ("resigned", "retired", "terminated", "decertified", "left")
SEPARATION_CHECK = "separation IN ({})".format(", ".join(f"'{value}'" for value in SEPARATIONS))
COMMENT = "Career started from the officer's rank, unit and numbers (migration 20ef93750bd7)"


def _officer_columns():
    """The officer's new plain columns (the separation choice is added on its own)."""
    return [
        sa.Column("other_names", sa.Text(), nullable=True),
        sa.Column("employed_on", sa.Date(), nullable=True),
        sa.Column("separated_on", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=40), nullable=True),
        sa.Column("race", sa.String(length=80), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
    ]


def upgrade():
    add_choices("records", "kind", ["assignment"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("badge_number", sa.String(length=40), nullable=True),
        sa.Column("serial_number", sa.String(length=40), nullable=True),
        sa.Column("rank", sa.String(length=80), nullable=True),
        sa.Column("unit", sa.String(length=120), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on",
            name=op.f("ck_assignments_ends_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_assignments_agency_id_agencies"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["records.id"], name=op.f("fk_assignments_id_records"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
            name=op.f("fk_assignments_officer_id_officers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    op.create_index(op.f("ix_assignments_officer_id"), "assignments", ["officer_id"], unique=False)
    op.create_index(op.f("ix_assignments_agency_id"), "assignments", ["agency_id"], unique=False)
    op.create_index(
        op.f("ix_assignments_badge_number"), "assignments", ["badge_number"], unique=False
    )
    for column in _officer_columns():
        op.add_column("officers", column)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # A column CHECK added in place: batch mode would copy (drop) the officers table.
        op.execute(
            "ALTER TABLE officers ADD COLUMN separation VARCHAR(16) "
            f"CONSTRAINT ck_officers_separation_choice CHECK ({SEPARATION_CHECK})"
        )
    else:
        op.add_column("officers", sa.Column("separation", sa.String(length=16), nullable=True))
        op.create_check_constraint(
            op.f("ck_officers_separation_choice"), "officers", SEPARATION_CHECK
        )
    _start_careers(bind)


def _slug(text, record_id):
    """A slug unique within the kind (the record id keeps it so)."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "assignment"
    return f"{base}-{record_id}"


def _title(rank, unit, badge, serial):
    """The title the model computes: "Rank, unit (badge 123)"."""
    words = ", ".join(part for part in (rank, unit) if part) or "Assignment"
    if badge:
        return f"{words} (badge {badge})"
    return f"{words} (serial {serial})" if serial else words


def _start_careers(bind):
    """One assignment per officer with a rank, unit, serial or badge number."""
    records = sa.table(
        "records",
        *(
            sa.column(name)
            for name in (
                "id",
                "kind",
                "title",
                "slug",
                "summary",
                "status",
                "version",
                "submitted_at",
                "published_at",
                "created_at",
                "updated_at",
                "created_by_id",
                "updated_by_id",
            )
        ),
    )
    assignments = sa.table(
        "assignments",
        *(
            sa.column(name)
            for name in (
                "id",
                "officer_id",
                "badge_number",
                "serial_number",
                "rank",
                "unit",
                "agency_id",
            )
        ),
    )
    revisions = sa.table(
        "revisions",
        *(
            sa.column(name)
            for name in (
                "record_id",
                "user_id",
                "created_at",
                "action",
                "version",
                "changes",
                "private_changes",
                "comment",
            )
        ),
        sa.column("changes", sa.JSON),
        sa.column("private_changes", sa.JSON),
    )
    officers = bind.execute(
        sa.text(
            "SELECT o.id, o.rank, o.unit, o.badge_number, o.serial_number, o.agency_id, r.status, "
            "r.submitted_at, r.published_at FROM officers o JOIN records r ON r.id = o.id "
            "WHERE o.rank IS NOT NULL OR o.unit IS NOT NULL OR o.badge_number IS NOT NULL "
            "OR o.serial_number IS NOT NULL ORDER BY o.id"
        )
    ).all()
    now = datetime.now(UTC)
    for row in officers:
        title = _title(row.rank, row.unit, row.badge_number, row.serial_number)
        result = bind.execute(
            records.insert()
            .values(
                kind="assignment",
                title=title,
                slug=f"assignment-of-{row.id}",
                summary=None,
                status=row.status,
                version=1,
                submitted_at=row.submitted_at,
                published_at=row.published_at,
                created_at=now,
                updated_at=now,
            )
            .returning(records.c.id)
        )
        new_id = result.scalar_one()
        bind.execute(
            records.update().where(records.c.id == new_id).values(slug=_slug(title, new_id))
        )
        bind.execute(
            assignments.insert().values(
                id=new_id,
                officer_id=row.id,
                badge_number=row.badge_number,
                serial_number=row.serial_number,
                rank=row.rank,
                unit=row.unit,
                agency_id=row.agency_id,
            )
        )
        # The officer's sources are the assignment's: a published record cites its sources.
        bind.execute(
            sa.text(
                "INSERT INTO citations (record_id, source_id, position, locator, quote, created_at, "
                "updated_at) SELECT :new, source_id, position, locator, quote, created_at, updated_at "
                "FROM citations WHERE record_id = :old"
            ),
            {"new": new_id, "old": row.id},
        )
        changes = {
            name: [None, value]
            for name, value in (
                ("title", title),
                ("officer_id", row.id),
                ("rank", row.rank),
                ("unit", row.unit),
                ("badge_number", row.badge_number),
                ("serial_number", row.serial_number),
                ("status", row.status),
            )
            if value is not None
        }
        bind.execute(
            revisions.insert().values(
                record_id=new_id,
                user_id=None,
                created_at=now,
                action="import",
                version=1,
                changes=changes,
                private_changes=[],
                comment=COMMENT,
            )
        )


def downgrade():
    bind = op.get_bind()
    for table in ("assignments", "citations", "revisions", "search_documents", "demand_links"):
        column = "id" if table == "assignments" else "record_id"
        bind.execute(
            sa.text(
                f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM records WHERE kind = 'assignment')"
            )
        )
    bind.execute(sa.text("DELETE FROM records WHERE kind = 'assignment'"))
    op.drop_index(op.f("ix_assignments_badge_number"), table_name="assignments")
    op.drop_index(op.f("ix_assignments_agency_id"), table_name="assignments")
    op.drop_index(op.f("ix_assignments_officer_id"), table_name="assignments")
    op.drop_table("assignments")
    remove_choices("records", "kind", ["assignment"])
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_officers_separation_choice"), "officers", type_="check")
    op.drop_column("officers", "separation")
    for column in reversed(_officer_columns()):
        op.drop_column("officers", column.name)
