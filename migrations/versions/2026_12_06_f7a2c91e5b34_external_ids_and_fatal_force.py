"""external_ids: a record's ids in outside datasets; fatal_force_decisions and
fatal_force_runs: the reconciliation with The Washington Post's Fatal Force database.

New tables only, so the order among the day's migrations does not matter.

Revision ID: f7a2c91e5b34
Revises: d41f0b7c2e95
Create Date: 2026-12-06 17:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f7a2c91e5b34"
down_revision = "d41f0b7c2e95"
branch_labels = None
depends_on = None

SCHEMES = ("fatal_force", "mpv", "ori", "docket")


def upgrade():
    schemes = ", ".join(f"'{name}'" for name in SCHEMES)
    op.create_table(
        "external_ids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(f"scheme IN ({schemes})", name=op.f("ck_external_ids_scheme_choice")),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_external_ids_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_external_ids_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["users.id"],
            name=op.f("fk_external_ids_updated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_ids")),
        sa.UniqueConstraint("scheme", "value", name=op.f("uq_external_ids_scheme_value")),
    )
    op.create_index(op.f("ix_external_ids_record_id"), "external_ids", ["record_id"])
    op.create_table(
        "fatal_force_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.String(length=300), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "decision IN ('confirmed', 'rejected')",
            name=op.f("ck_fatal_force_decisions_decision_choice"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_fatal_force_decisions_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_fatal_force_decisions_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fatal_force_decisions")),
        sa.UniqueConstraint(
            "post_id", "case_id", name=op.f("uq_fatal_force_decisions_post_id_case_id")
        ),
    )
    for column in ("post_id", "agency_id", "case_id"):
        op.create_index(
            op.f(f"ix_fatal_force_decisions_{column}"), "fatal_force_decisions", [column]
        )
    op.create_table(
        "fatal_force_runs",
        sa.Column("agency_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("agency_name", sa.String(length=200), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("unlisted", sa.Integer(), nullable=False),
        sa.Column("data_through", sa.Date(), nullable=True),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("agency_id", name=op.f("pk_fatal_force_runs")),
    )


def downgrade():
    op.drop_table("fatal_force_runs")
    for column in ("post_id", "agency_id", "case_id"):
        op.drop_index(
            op.f(f"ix_fatal_force_decisions_{column}"), table_name="fatal_force_decisions"
        )
    op.drop_table("fatal_force_decisions")
    op.drop_index(op.f("ix_external_ids_record_id"), table_name="external_ids")
    op.drop_table("external_ids")
