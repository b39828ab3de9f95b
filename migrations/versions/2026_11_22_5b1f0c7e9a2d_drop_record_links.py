"""Drop record_links: a record-to-record link nothing ever wrote or read.

Revision ID: 5b1f0c7e9a2d
Revises: 3881b6f91cce
Create Date: 2026-11-22 00:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1f0c7e9a2d'
down_revision = '3881b6f91cce'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('record_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_links_to_record_id'))
    op.drop_table('record_links')


def downgrade():
    op.create_table('record_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_record_id', sa.Integer(), nullable=False),
    sa.Column('to_record_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('from_record_id <> to_record_id', name=op.f('ck_record_links_not_self')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_record_links_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['from_record_id'], ['records.id'], name=op.f('fk_record_links_from_record_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_record_id'], ['records.id'], name=op.f('fk_record_links_to_record_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_record_links_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_links')),
    sa.UniqueConstraint('from_record_id', 'to_record_id', name=op.f('uq_record_links_from_record_id_to_record_id'))
    )
    with op.batch_alter_table('record_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_links_to_record_id'), ['to_record_id'], unique=False)
