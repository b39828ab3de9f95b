"""Import presets: saved column mappings (name, kind, mapping JSON) for the mapping import.

Revision ID: 5e8a0c3f71b2
Revises: 20ef93750bd7
"""

import sqlalchemy as sa
from alembic import op

revision = "5e8a0c3f71b2"
down_revision = "20ef93750bd7"
branch_labels = None
depends_on = None


def upgrade():
    """Add the import_presets table."""
    op.create_table(
        "import_presets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_import_presets_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_presets")),
        sa.UniqueConstraint("name", name=op.f("uq_import_presets_name")),
    )


def downgrade():
    """Drop the import_presets table."""
    op.drop_table("import_presets")
