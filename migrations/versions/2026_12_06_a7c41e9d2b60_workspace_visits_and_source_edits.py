"""users.last_workspace_visit_at (the dashboard's inbox: what happened since your last visit),
source_revisions.changes and the "edited" action (a source's page edits are on record, field by
field, like a record's).

Revision ID: a7c41e9d2b60
Revises: 5e2c9a7d41b3
Create Date: 2026-12-06 14:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c41e9d2b60'
down_revision = '5e2c9a7d41b3'
branch_labels = None
depends_on = None

OLD_ACTIONS = "action IN ('document_reviewed', 'document_unreviewed')"
NEW_ACTIONS = "action IN ('document_reviewed', 'document_unreviewed', 'edited')"


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_workspace_visit_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('source_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changes', sa.JSON(), nullable=True))
        batch_op.drop_constraint(batch_op.f('ck_source_revisions_action_choice'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_source_revisions_action_choice'), NEW_ACTIONS)


def downgrade():
    op.execute("DELETE FROM source_revisions WHERE action = 'edited'")
    with op.batch_alter_table('source_revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_source_revisions_action_choice'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_source_revisions_action_choice'), OLD_ACTIONS)
        batch_op.drop_column('changes')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_workspace_visit_at')
