"""ix_timeline_events_source_id and ix_demand_status_changes_source_id: a source's public page
finds the timeline entries and demand status changes citing it through an index instead of
reading every one (230 ms at 100,000 cases).

Revision ID: c4d2e8a1f9b3
Revises: 5be0c7d91a34
Create Date: 2026-12-06 20:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4d2e8a1f9b3'
down_revision = '5be0c7d91a34'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_timeline_events_source_id', 'timeline_events', ['source_id'])
    op.create_index(
        'ix_demand_status_changes_source_id', 'demand_status_changes', ['source_id']
    )


def downgrade():
    op.drop_index('ix_demand_status_changes_source_id', table_name='demand_status_changes')
    op.drop_index('ix_timeline_events_source_id', table_name='timeline_events')
