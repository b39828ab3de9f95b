"""Records requests: the records_requests table (a record kind), the dated steps of each
(request_events) and the kind's value in ck_records_kind_choice.

Revision ID: 03106cef98ba
Revises: b7e3a91c5d20
Create Date: 2026-12-06 17:14:35.179247

"""
from alembic import op
import sqlalchemy as sa

from choice_checks import add_choices, remove_choices


# revision identifiers, used by Alembic.
revision = '03106cef98ba'
down_revision = 'b7e3a91c5d20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('records_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('custodian_id', sa.Integer(), nullable=True),
    sa.Column('asked', sa.Text(), nullable=True),
    sa.Column('sent_by', sa.String(length=16), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('law', sa.String(length=32), nullable=False),
    sa.Column('reference_number', sa.String(length=80), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('requester_id', sa.Integer(), nullable=True),
    sa.Column('requester_is_public', sa.Boolean(), nullable=False),
    sa.Column('private_notes', sa.Text(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('request_status', sa.String(length=32), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answered_late', sa.Boolean(), nullable=True),
    sa.CheckConstraint("law IN ('mo_sunshine')", name=op.f('ck_records_requests_law_choice')),
    sa.CheckConstraint("request_status IN ('sent', 'acknowledged', 'delayed', 'fee_estimate', 'released', 'partly_released', 'denied', 'no_records', 'appealed', 'sued', 'withdrawn')", name=op.f('ck_records_requests_request_status_choice')),
    sa.CheckConstraint("sent_by IN ('email', 'mail', 'portal', 'in_person', 'fax', 'phone', 'other', 'unknown')", name=op.f('ck_records_requests_sent_by_choice')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_records_requests_case_id_cases'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['custodian_id'], ['agencies.id'], name=op.f('fk_records_requests_custodian_id_agencies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_records_requests_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requester_id'], ['people.id'], name=op.f('fk_records_requests_requester_id_people'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_records_requests'))
    )
    op.create_index(op.f('ix_records_requests_case_id'), 'records_requests', ['case_id'], unique=False)
    op.create_index(op.f('ix_records_requests_custodian_id'), 'records_requests', ['custodian_id'], unique=False)
    op.create_index(op.f('ix_records_requests_due_on'), 'records_requests', ['due_on'], unique=False)
    op.create_index(op.f('ix_records_requests_request_status'), 'records_requests', ['request_status'], unique=False)
    op.create_index(op.f('ix_records_requests_requester_id'), 'records_requests', ['requester_id'], unique=False)
    op.create_index(op.f('ix_records_requests_sent_on'), 'records_requests', ['sent_on'], unique=False)

    op.create_table('request_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=True),
    sa.Column('event_kind', sa.String(length=32), nullable=False),
    sa.Column('available_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('exemption', sa.String(length=300), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("event_kind IN ('acknowledged', 'delayed', 'fee_estimate', 'released', 'partly_released', 'denied', 'no_records', 'appealed', 'sued', 'withdrawn')", name=op.f('ck_request_events_event_kind_choice')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_request_events_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['records_requests.id'], name=op.f('fk_request_events_request_id_records_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_request_events_source_id_sources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_request_events_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_events'))
    )
    op.create_index(op.f('ix_request_events_request_id'), 'request_events', ['request_id'], unique=False)

    add_choices('records', 'kind', ['records_request'])


def downgrade():
    op.drop_index(op.f('ix_request_events_request_id'), table_name='request_events')

    op.drop_table('request_events')
    op.drop_index(op.f('ix_records_requests_sent_on'), table_name='records_requests')
    op.drop_index(op.f('ix_records_requests_requester_id'), table_name='records_requests')
    op.drop_index(op.f('ix_records_requests_request_status'), table_name='records_requests')
    op.drop_index(op.f('ix_records_requests_due_on'), table_name='records_requests')
    op.drop_index(op.f('ix_records_requests_custodian_id'), table_name='records_requests')
    op.drop_index(op.f('ix_records_requests_case_id'), table_name='records_requests')

    op.drop_table('records_requests')
    # The kind's rows in records go before its value leaves the CHECK.
    op.execute("DELETE FROM records WHERE kind = 'records_request'")
    remove_choices('records', 'kind', ['records_request'])
