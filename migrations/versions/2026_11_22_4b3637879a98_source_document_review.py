"""sources.document_reviewed_at/_by_id: an editor has checked the uploaded document for private
data (only then is it public), and source_revisions: the history of those reviews.

Revision ID: 4b3637879a98
Revises: 5b1f0c7e9a2d
Create Date: 2026-11-22 00:38:35.958896

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4b3637879a98'
down_revision = '5b1f0c7e9a2d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('source_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.CheckConstraint("action IN ('document_reviewed', 'document_unreviewed')", name=op.f('ck_source_revisions_action_choice')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_revisions_source_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_source_revisions_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_revisions'))
    )
    with op.batch_alter_table('source_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_revisions_source_id'), ['source_id'], unique=False)

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('document_reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_sources_document_reviewed_by_id_users'), 'users', ['document_reviewed_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(
            batch_op.f('ck_sources_document_reviewed_has_document'),
            'document_reviewed_at IS NULL OR document_sha256 IS NOT NULL',
        )


def downgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_sources_document_reviewed_has_document'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_sources_document_reviewed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('document_reviewed_by_id')
        batch_op.drop_column('document_reviewed_at')

    with op.batch_alter_table('source_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_revisions_source_id'))

    op.drop_table('source_revisions')
