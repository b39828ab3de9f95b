"""search_documents: year (narrowing results by year), anchor (the part of a page a record is)
and part_anchors (which part of the page each line of the body comes from)

Plain ALTER TABLE on SQLite (no batch copy), so the FTS5 triggers on search_documents survive.
After upgrading a database that already holds records, run ``flask search-reindex``.

Revision ID: 5e2c9a7d41b3
Revises: 863b190aa79f
Create Date: 2026-12-06 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e2c9a7d41b3'
down_revision = '863b190aa79f'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('search_documents', sa.Column('year', sa.Integer(), nullable=True))
    op.add_column('search_documents', sa.Column('anchor', sa.String(length=40), nullable=True))
    op.add_column('search_documents', sa.Column('part_anchors', sa.Text(), nullable=True))


def downgrade():
    # SQLite 3.35+ drops a column in place (no table copy), keeping the FTS5 triggers.
    op.drop_column('search_documents', 'part_anchors')
    op.drop_column('search_documents', 'anchor')
    op.drop_column('search_documents', 'year')
