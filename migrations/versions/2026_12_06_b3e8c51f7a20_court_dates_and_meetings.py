"""Docket entries of legal actions (court dates) and the public meeting record kind with its
agenda items.

Revision ID: b3e8c51f7a20
Revises: f7a2c91e5b34
Create Date: 2026-12-06 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3e8c51f7a20'
down_revision = 'f7a2c91e5b34'
branch_labels = None
depends_on = None

DOCKET_KINDS = "entry_kind IN ('filing', 'hearing', 'ruling', 'order', 'appeal_deadline', 'other')"


def _audit_columns(table):
    """The AuditMixin columns every part row carries."""
    return [
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f(f'fk_{table}_created_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f(f'fk_{table}_updated_by_id_users'), ondelete='SET NULL'),
    ]


def upgrade():
    op.create_table(
        'docket_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('legal_action_id', sa.Integer(), nullable=False),
        sa.Column('entry_kind', sa.String(length=32), nullable=False),
        sa.Column('entry_on', sa.Date(), nullable=False),
        sa.Column('entry_time', sa.Time(), nullable=True),
        sa.Column('place', sa.String(length=300), nullable=True),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=True),
        *_audit_columns('docket_entries'),
        sa.CheckConstraint(DOCKET_KINDS, name=op.f('ck_docket_entries_entry_kind_choice')),
        sa.ForeignKeyConstraint(['legal_action_id'], ['legal_actions.id'], name=op.f('fk_docket_entries_legal_action_id_legal_actions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_docket_entries_source_id_sources'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_docket_entries')),
    )
    op.create_index(op.f('ix_docket_entries_legal_action_id'), 'docket_entries', ['legal_action_id'])
    op.create_index(op.f('ix_docket_entries_entry_on'), 'docket_entries', ['entry_on'])
    op.create_index(op.f('ix_docket_entries_source_id'), 'docket_entries', ['source_id'])

    op.create_table(
        'meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('body_id', sa.Integer(), nullable=True),
        sa.Column('meets_on', sa.Date(), nullable=True),
        sa.Column('starts_at', sa.Time(), nullable=True),
        sa.Column('place', sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(['body_id'], ['agencies.id'], name=op.f('fk_meetings_body_id_agencies'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_meetings_id_records'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    )
    op.create_index(op.f('ix_meetings_body_id'), 'meetings', ['body_id'])
    op.create_index(op.f('ix_meetings_meets_on'), 'meetings', ['meets_on'])

    op.create_table(
        'agenda_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('discussion', sa.Text(), nullable=True),
        sa.Column('votes_for', sa.Integer(), nullable=True),
        sa.Column('votes_against', sa.Integer(), nullable=True),
        sa.Column('abstentions', sa.Integer(), nullable=True),
        sa.Column('vote', sa.String(length=300), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        *_audit_columns('agenda_items'),
        sa.CheckConstraint(
            "(votes_for IS NULL OR votes_for >= 0) AND (votes_against IS NULL OR "
            "votes_against >= 0) AND (abstentions IS NULL OR abstentions >= 0)",
            name=op.f('ck_agenda_items_votes_not_negative'),
        ),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_agenda_items_case_id_cases'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    )
    op.create_index(op.f('ix_agenda_items_meeting_id'), 'agenda_items', ['meeting_id'])
    op.create_index(op.f('ix_agenda_items_case_id'), 'agenda_items', ['case_id'])

    # Imported here: env.py puts migrations/ on the path, a bare script listing does not.
    from choice_checks import add_choices

    add_choices('records', 'kind', ['meeting'])


def downgrade():
    op.drop_table('agenda_items')
    op.drop_table('meetings')
    op.drop_table('docket_entries')
    # The meetings' rows in ``records`` (and what hangs off them) go before the value does.
    op.execute("DELETE FROM demand_links WHERE record_id IN (SELECT id FROM records WHERE kind = 'meeting')")
    op.execute("DELETE FROM citations WHERE record_id IN (SELECT id FROM records WHERE kind = 'meeting')")
    op.execute("DELETE FROM revisions WHERE record_id IN (SELECT id FROM records WHERE kind = 'meeting')")
    op.execute("DELETE FROM search_documents WHERE record_id IN (SELECT id FROM records WHERE kind = 'meeting')")
    op.execute("DELETE FROM records WHERE kind = 'meeting'")
    from choice_checks import remove_choices

    remove_choices('records', 'kind', ['meeting'])
