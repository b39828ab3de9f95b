"""ix_cases_newest: the case list's default order (undated last, newest first, then id) as an
index, so a page of cases (and a keyset page deep in the list) walks the index in order.

Revision ID: d41f0b7c2e95
Revises: d15ca4de0b17
Create Date: 2026-12-06 15:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd41f0b7c2e95'
down_revision = 'd15ca4de0b17'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_cases_newest',
        'cases',
        [sa.text('(occurred_on IS NULL)'), sa.text('occurred_on DESC'), sa.text('id DESC')],
    )


def downgrade():
    op.drop_index('ix_cases_newest', table_name='cases')
