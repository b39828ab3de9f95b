"""Allegations become a record kind (one per officer and category, with findings and discipline);
a complaint records how it was brought and who refused it, when.

Data: each complaint's allegation categories become allegation records (final finding: the
complaint's finding; officer: the complaint's officer when it names exactly one, else none;
status, audit columns and citations copied from the complaint), a complaint with a finding but
no category gets one allegation of category "not_recorded"; then ``complaint_allegations`` and
``complaints.finding`` are dropped. The downgrade rebuilds them from the allegations (the
categories the old list knew; the finding when every allegation agrees, else pending) and drops
the allegation records.

Revision ID: b7e3a91c5d20
Revises: b3e8c51f7a20
Create Date: 2026-12-06 17:50:00

"""

import re

import sqlalchemy as sa
from alembic import op
from choice_checks import add_choices, remove_choices, rewrite_sqlite_table

revision = "b7e3a91c5d20"
down_revision = "b3e8c51f7a20"
branch_labels = None
depends_on = None

FINDINGS = (
    "pending",
    "sustained",
    "not_sustained",
    "exonerated",
    "unfounded",
    "administratively_closed",
    "no_cooperation",
)
OLD_FINDINGS = FINDINGS[:-1]
DISCIPLINE = (
    "none",
    "counseling",
    "written_reprimand",
    "suspension",
    "demotion",
    "termination",
    "resigned_before_finding",
)
OUTCOMES = ("unknown", "served", "overturned_on_appeal")
CHANNELS = ("in_person", "phone", "online", "mail", "prosecutor", "civilian_office")
CATEGORIES = (
    (
        "bias_based_policing",
        "Bias-based policing",
        "Acting on a person's race, ethnicity, religion, sex, sexual orientation, disability "
        "or similar trait rather than on their conduct.",
    ),
    (
        "discourtesy",
        "Discourtesy",
        "Rude, insulting or profane words or gestures towards a member of the public.",
    ),
    (
        "excessive_force",
        "Excessive use of force",
        "More physical force than the situation called for, or force when none was needed.",
    ),
    (
        "harassment",
        "Harassment",
        "Repeated stops, contacts or threats that serve no police purpose.",
    ),
    (
        "improper_member_conduct",
        "Improper member conduct",
        "Conduct unbecoming an officer, on or off duty, not covered by another category.",
    ),
    (
        "improper_procedure",
        "Improper procedure",
        "Not following the department's rules and procedures (for searches, arrests, reports, "
        "body cameras and the like).",
    ),
    (
        "refused_complaint",
        "Refused to take a complaint",
        "Refusing, discouraging or not answering a person who tried to make a complaint.",
    ),
)
# The earlier fixed list: a category in use that the new list lacks is kept as a row of its own.
OLD_CATEGORIES = {
    "excessive_force": "Excessive force",
    "unlawful_arrest": "Unlawful arrest or detention",
    "unlawful_search": "Unlawful search",
    "discrimination": "Discrimination",
    "discourtesy": "Discourtesy",
    "dishonesty": "Dishonesty",
    "failure_to_act": "Failure to act",
    "retaliation": "Retaliation",
    "other": "Other",
}
NOT_RECORDED = (
    "not_recorded",
    "Category not recorded",
    "The complaint's finding was recorded before its allegations were; what it alleged is not "
    "on record.",
)

# Columns added to ``complaints`` as SQLite keeps them: the CHECK on the column, the foreign
# keys as table constraints (so their names read back), all removed in place on downgrade.
REFUSAL_COLUMNS = (
    (
        "channel",
        "VARCHAR(32) CONSTRAINT ck_complaints_channel_choice CHECK (channel IS NULL OR "
        f"channel IN ({', '.join(repr(value) for value in CHANNELS)}))",
    ),
    ("refused_by_agency_id", "INTEGER"),
    ("refused_by_officer_id", "INTEGER"),
    ("refused_on", "DATE"),
)
REFUSAL_KEYS = "".join(
    f", CONSTRAINT fk_complaints_{name}_{table} FOREIGN KEY({name}) REFERENCES {table} (id) "
    "ON DELETE RESTRICT"
    for name, table in (("refused_by_agency_id", "agencies"), ("refused_by_officer_id", "officers"))
)


def _in(column, values):
    """``column IN ('a', 'b')``."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _sqlite():
    """True on SQLite."""
    return op.get_bind().dialect.name == "sqlite"


def _create_tables():
    """The categories (seeded) and the allegations."""
    categories = op.create_table(
        "allegation_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allegation_categories")),
        sa.UniqueConstraint("slug", name=op.f("uq_allegation_categories_slug")),
    )
    op.bulk_insert(
        categories,
        [{"slug": slug, "label": label, "definition": text} for slug, label, text in CATEGORIES],
    )

    def agency(name):
        """A reference to an agency."""
        return sa.Column(name, sa.Integer(), nullable=True)

    op.create_table(
        "allegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("recommended_finding", sa.String(length=32), nullable=False),
        agency("recommended_by_id"),
        sa.Column("recommended_on", sa.Date(), nullable=True),
        sa.Column("final_finding", sa.String(length=32), nullable=False),
        agency("final_by_id"),
        sa.Column("final_on", sa.Date(), nullable=True),
        sa.Column("discipline", sa.String(length=32), nullable=False),
        sa.Column("discipline_days", sa.Integer(), nullable=True),
        sa.Column("discipline_on", sa.Date(), nullable=True),
        sa.Column("discipline_outcome", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            _in("recommended_finding", FINDINGS),
            name=op.f("ck_allegations_recommended_finding_choice"),
        ),
        sa.CheckConstraint(
            _in("final_finding", FINDINGS), name=op.f("ck_allegations_final_finding_choice")
        ),
        sa.CheckConstraint(
            _in("discipline", DISCIPLINE), name=op.f("ck_allegations_discipline_choice")
        ),
        sa.CheckConstraint(
            _in("discipline_outcome", OUTCOMES),
            name=op.f("ck_allegations_discipline_outcome_choice"),
        ),
        sa.CheckConstraint(
            "discipline_days IS NULL OR discipline_days >= 0",
            name=op.f("ck_allegations_discipline_days_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["category"],
            ["allegation_categories.slug"],
            name=op.f("fk_allegations_category_allegation_categories"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_allegations_complaint_id_complaints"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["final_by_id"],
            ["agencies.id"],
            name=op.f("fk_allegations_final_by_id_agencies"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["records.id"], name=op.f("fk_allegations_id_records"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
            name=op.f("fk_allegations_officer_id_officers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recommended_by_id"],
            ["agencies.id"],
            name=op.f("fk_allegations_recommended_by_id_agencies"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allegations")),
    )
    for column in (
        "category",
        "complaint_id",
        "discipline",
        "final_by_id",
        "final_finding",
        "officer_id",
        "recommended_by_id",
        "recommended_finding",
    ):
        op.create_index(op.f(f"ix_allegations_{column}"), "allegations", [column])
    return categories


def _add_refusal_columns():
    """How a complaint was brought, who refused it and when."""
    if _sqlite():
        for name, definition in REFUSAL_COLUMNS:
            op.execute(f"ALTER TABLE complaints ADD COLUMN {name} {definition}")
        rewrite_sqlite_table("complaints", lambda sql: sql[: sql.rindex(")")] + REFUSAL_KEYS + ")")
    else:
        op.add_column("complaints", sa.Column("channel", sa.String(length=32), nullable=True))
        op.create_check_constraint(
            op.f("ck_complaints_channel_choice"),
            "complaints",
            f"channel IS NULL OR {_in('channel', CHANNELS)}",
        )
        for name, table in (
            ("refused_by_agency_id", "agencies"),
            ("refused_by_officer_id", "officers"),
        ):
            op.add_column("complaints", sa.Column(name, sa.Integer(), nullable=True))
            op.create_foreign_key(
                op.f(f"fk_complaints_{name}_{table}"),
                "complaints",
                table,
                [name],
                ["id"],
                ondelete="RESTRICT",
            )
        op.add_column("complaints", sa.Column("refused_on", sa.Date(), nullable=True))
    for name in ("channel", "refused_by_agency_id", "refused_by_officer_id"):
        op.create_index(f"ix_complaints_{name}", "complaints", [name])


def _move_allegations(categories):
    """Every complaint's categories and finding become allegation records."""
    bind = op.get_bind()
    known = set(bind.execute(sa.text("SELECT slug FROM allegation_categories")).scalars())
    complaints = (
        bind.execute(
            sa.text(
                "SELECT c.id, c.finding, r.title, r.status, r.created_at, r.updated_at, "
                "r.created_by_id, r.updated_by_id, r.published_at, r.submitted_at "
                "FROM complaints c JOIN records r ON r.id = c.id ORDER BY c.id"
            )
        )
        .mappings()
        .all()
    )
    pairs = bind.execute(
        sa.text("SELECT complaint_id, category FROM complaint_allegations ORDER BY id")
    ).all()
    by_complaint = {}
    for complaint_id, category in pairs:
        by_complaint.setdefault(complaint_id, []).append(category)
    officers = {}
    for complaint_id, officer_id in bind.execute(
        sa.text("SELECT complaint_id, officer_id FROM complaint_officers")
    ):
        officers.setdefault(complaint_id, []).append(officer_id)
    records = sa.table(
        "records",
        *(
            sa.column(name)
            for name in (
                "id",
                "kind",
                "title",
                "slug",
                "status",
                "version",
                "created_at",
                "updated_at",
                "created_by_id",
                "updated_by_id",
                "published_at",
                "submitted_at",
            )
        ),
    )
    allegations = sa.table(
        "allegations",
        *(
            sa.column(name)
            for name in (
                "id",
                "complaint_id",
                "officer_id",
                "category",
                "recommended_finding",
                "final_finding",
                "discipline",
                "discipline_outcome",
            )
        ),
    )
    for complaint in complaints:
        wanted = by_complaint.get(complaint["id"], [])
        if not wanted and complaint["finding"] != "pending":
            wanted = [NOT_RECORDED[0]]
        named = officers.get(complaint["id"], [])
        for category in wanted:
            if category not in known:
                label, text = OLD_CATEGORIES.get(category), "From the earlier list of categories."
                if category == NOT_RECORDED[0]:
                    label, text = NOT_RECORDED[1], NOT_RECORDED[2]
                op.bulk_insert(categories, [{"slug": category, "label": label, "definition": text}])
                known.add(category)
            record_id = bind.execute(
                records.insert()
                .values(
                    kind="allegation",
                    title=f"{category.replace('_', ' ').capitalize()}: {complaint['title']}"[:300],
                    slug=f"{category.replace('_', '-')}-{complaint['id']}",
                    status=complaint["status"],
                    version=1,
                    **{
                        name: complaint[name]
                        for name in (
                            "created_at",
                            "updated_at",
                            "created_by_id",
                            "updated_by_id",
                            "published_at",
                            "submitted_at",
                        )
                    },
                )
                .returning(records.c.id)
            ).scalar_one()
            bind.execute(
                allegations.insert().values(
                    id=record_id,
                    complaint_id=complaint["id"],
                    officer_id=named[0] if len(named) == 1 else None,
                    category=category,
                    recommended_finding="pending",
                    final_finding=complaint["finding"],
                    discipline="none",
                    discipline_outcome="unknown",
                )
            )
            bind.execute(
                sa.text(
                    "INSERT INTO citations (record_id, source_id, position, locator, quote, "
                    "created_at, updated_at, created_by_id, updated_by_id) "
                    "SELECT :new, source_id, position, locator, quote, created_at, updated_at, "
                    "created_by_id, updated_by_id FROM citations WHERE record_id = :old"
                ),
                {"new": record_id, "old": complaint["id"]},
            )


def _drop_old_shape():
    """``complaint_allegations`` and ``complaints.finding`` go."""
    op.drop_table("complaint_allegations")
    if _sqlite():
        rewrite_sqlite_table(
            "complaints",
            lambda sql: re.sub(
                r",\s*CONSTRAINT ck_complaints_finding_choice CHECK \(finding IN \([^)]*\)\)",
                "",
                sql,
            ),
        )
        op.execute("ALTER TABLE complaints DROP COLUMN finding")
    else:
        op.drop_column("complaints", "finding")


def upgrade():

    categories = _create_tables()
    add_choices("records", "kind", ["allegation"])
    _add_refusal_columns()
    _move_allegations(categories)
    _drop_old_shape()


def _restore_old_shape():
    """``complaints.finding`` and ``complaint_allegations``, filled from the allegations."""
    check = _in("finding", OLD_FINDINGS)
    if _sqlite():
        op.execute(
            "ALTER TABLE complaints ADD COLUMN finding VARCHAR(32) NOT NULL DEFAULT 'pending' "
            f"CONSTRAINT ck_complaints_finding_choice CHECK ({check})"
        )
    else:
        op.add_column(
            "complaints",
            sa.Column("finding", sa.String(length=32), nullable=False, server_default="pending"),
        )
        op.alter_column("complaints", "finding", server_default=None)
        op.create_check_constraint(op.f("ck_complaints_finding_choice"), "complaints", check)
    op.create_table(
        "complaint_allegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            _in("category", OLD_CATEGORIES), name=op.f("ck_complaint_allegations_category_choice")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_allegations_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_allegations")),
        sa.UniqueConstraint(
            "complaint_id", "category", name=op.f("uq_complaint_allegations_complaint_id_category")
        ),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT complaint_id, category, final_finding FROM allegations ORDER BY id")
    ).all()
    categories, findings = {}, {}
    for complaint_id, category, finding in rows:
        if category in OLD_CATEGORIES:
            categories.setdefault(complaint_id, {})[category] = None
        findings.setdefault(complaint_id, set()).add(finding)
    for complaint_id, wanted in categories.items():
        for category in wanted:
            bind.execute(
                sa.text(
                    "INSERT INTO complaint_allegations (complaint_id, category) VALUES (:c, :k)"
                ),
                {"c": complaint_id, "k": category},
            )
    for complaint_id, found in findings.items():
        finding = found.pop() if len(found) == 1 else "pending"
        bind.execute(
            sa.text("UPDATE complaints SET finding = :f WHERE id = :c"),
            {"f": finding if finding in OLD_FINDINGS else "pending", "c": complaint_id},
        )


def _drop_refusal_columns():
    """The refusal columns go (on SQLite: their constraints first, in place, then the column)."""
    for name in ("channel", "refused_by_agency_id", "refused_by_officer_id"):
        op.drop_index(f"ix_complaints_{name}", table_name="complaints")
    if not _sqlite():
        for name in ("channel", "refused_by_agency_id", "refused_by_officer_id", "refused_on"):
            op.drop_column("complaints", name)
        return

    def plain(sql):
        """The CREATE statement without the added columns' constraints."""
        sql = sql.replace(REFUSAL_KEYS, "")
        return sql.replace(REFUSAL_COLUMNS[0][1], REFUSAL_COLUMNS[0][1].split(" ")[0])

    rewrite_sqlite_table("complaints", plain)
    for name, _definition in reversed(REFUSAL_COLUMNS):
        op.execute(f"ALTER TABLE complaints DROP COLUMN {name}")


def downgrade():

    _restore_old_shape()
    bind = op.get_bind()
    # The allegation records go (their citations, links and history cascade with them).
    bind.execute(sa.text("DELETE FROM allegations"))
    bind.execute(
        sa.text(
            "DELETE FROM search_documents WHERE record_id IN "
            "(SELECT id FROM records WHERE kind = 'allegation')"
        )
    )
    bind.execute(sa.text("DELETE FROM records WHERE kind = 'allegation'"))
    op.drop_table("allegations")
    op.drop_table("allegation_categories")
    remove_choices("records", "kind", ["allegation"])
    _drop_refusal_columns()
