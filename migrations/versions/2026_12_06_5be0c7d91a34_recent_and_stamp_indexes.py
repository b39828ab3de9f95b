"""ix_records_status_updated_at and ix_sources_updated_at: the newest published records (front
page, feed) walk an index instead of sorting every record, and the page cache's data stamp
reads the sources' last change from an index instead of scanning the table.

Revision ID: 5be0c7d91a34
Revises: 5e8a0c3f71b2
Create Date: 2026-12-06 18:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5be0c7d91a34'
down_revision = '5e8a0c3f71b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_records_status_updated_at', 'records', ['status', 'updated_at', 'id'])
    op.create_index('ix_sources_updated_at', 'sources', ['updated_at'])


def downgrade():
    op.drop_index('ix_sources_updated_at', table_name='sources')
    op.drop_index('ix_records_status_updated_at', table_name='records')
