"""records.status "discarded" and the revision actions "discarded" and "undiscarded": a
discarded draft is kept with its history instead of deleted, and can be restored.

Revision ID: d15ca4de0b17
Revises: 29fd4632d93d
Create Date: 2026-12-06 15:20:00

On SQLite a CHECK constraint cannot be altered, and batch mode would copy ``records`` to a new
table and drop the old one: with foreign keys on, that DROP deletes every row that cascades
from a record (each kind's row, people, citations, revisions). So on SQLite the ``records``
check is rewritten in place, the procedure SQLite documents for changing a CHECK constraint
("Making Other Kinds Of Table Schema Changes", writable_schema): no table is copied, so no
foreign key fires and no trigger or index is touched. Every existing row satisfies the new
check (the upgrade only widens it; the downgrade first turns "discarded" back into "draft").
``revisions`` is referenced by nothing and goes through ordinary batch mode.
"""
from alembic import op
from choice_checks import rewrite_sqlite_table


# revision identifiers, used by Alembic.
revision = 'd15ca4de0b17'
down_revision = '29fd4632d93d'
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('draft', 'in_review', 'published', 'unpublished')"
NEW_STATUSES = "status IN ('draft', 'in_review', 'published', 'unpublished', 'discarded')"
OLD_ACTIONS = "action IN ('create', 'edit', 'status', 'restore', 'import')"
NEW_ACTIONS = (
    "action IN ('create', 'edit', 'status', 'restore', 'import', 'discarded', 'undiscarded')"
)


def _records_check(old, new):
    """Replace the records status CHECK ``old`` with ``new`` (in place on SQLite)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f('ck_records_status_choice'), 'records', type_='check')
        op.create_check_constraint(op.f('ck_records_status_choice'), 'records', new)
        return

    def replaced(sql):
        """The statement with ``old`` replaced by ``new``."""
        if old not in sql:
            raise RuntimeError(f"records has no CHECK ({old}) to replace")
        return sql.replace(old, new)

    rewrite_sqlite_table('records', replaced)


def _revisions_check(new):
    """Replace the revisions action CHECK with ``new``."""
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_revisions_action_choice'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_revisions_action_choice'), new)


def upgrade():
    _records_check(OLD_STATUSES, NEW_STATUSES)
    _revisions_check(NEW_ACTIONS)


def downgrade():
    # A discarded draft goes back to being a draft; its history says what happened in words.
    op.execute("UPDATE records SET status = 'draft' WHERE status = 'discarded'")
    op.execute(
        "UPDATE revisions SET action = 'status', comment = COALESCE(comment, "
        "CASE action WHEN 'discarded' THEN 'Discarded' ELSE 'Restored from discarded' END) "
        "WHERE action IN ('discarded', 'undiscarded')"
    )
    _revisions_check(OLD_ACTIONS)
    _records_check(NEW_STATUSES, OLD_STATUSES)
