"""The migrations: one head, in step with the models, and reversible on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tracker import BASE_DIR
from tracker.extensions import db
from tracker.models.search import include_object


def _script_directory():
    """The project's Alembic scripts (alembic.ini puts their helpers on the path)."""
    config = Config(str(BASE_DIR / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(BASE_DIR / "migrations"))
    return ScriptDirectory.from_config(config)


def test_single_migration_head():
    assert len(_script_directory().get_heads()) == 1


def test_migration_files_are_date_prefixed():
    for script in _script_directory().walk_revisions():
        name = script.path.rsplit("/", 1)[-1]
        assert name[:4].isdigit() and name[4] == "_", name


def test_models_and_migrations_agree(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, db.metadata) == []


def test_downgrade_to_base_and_upgrade_again(app):
    downgrade(revision="base")
    tables = set(inspect(db.engine).get_table_names())
    assert tables <= {"alembic_version"}, tables
    upgrade()
    assert "records" in inspect(db.engine).get_table_names()


BEFORE_ALLEGATIONS = "b3e8c51f7a20"


def _old_complaint(connection, title, finding, categories, officer_ids, source_id):
    """A published complaint in the shape before allegations: categories and one finding."""
    from sqlalchemy import text

    now = "2026-01-01 00:00:00"
    record_id = connection.execute(
        text(
            "INSERT INTO records (kind, title, slug, status, version, created_at, updated_at) "
            "VALUES ('complaint', :t, :s, 'published', 1, :n, :n) RETURNING id"
        ),
        {"t": title, "s": title.lower().replace(" ", "-"), "n": now},
    ).scalar_one()
    connection.execute(
        text(
            "INSERT INTO complaints (id, complaint_kind, acceptance, finding, "
            "complainant_is_public) VALUES (:id, 'criminal', 'accepted', :f, :p)"
        ),
        {"id": record_id, "f": finding, "p": False},
    )
    for category in categories:
        connection.execute(
            text("INSERT INTO complaint_allegations (complaint_id, category) VALUES (:c, :k)"),
            {"c": record_id, "k": category},
        )
    for officer_id in officer_ids:
        connection.execute(
            text("INSERT INTO complaint_officers (complaint_id, officer_id) VALUES (:c, :o)"),
            {"c": record_id, "o": officer_id},
        )
    connection.execute(
        text(
            "INSERT INTO citations (record_id, source_id, position, created_at, updated_at) "
            "VALUES (:r, :s, 1, :n, :n)"
        ),
        {"r": record_id, "s": source_id, "n": now},
    )
    return record_id


def test_complaint_findings_and_categories_move_into_allegations_and_back(app):
    from sqlalchemy import text

    from tests import factories

    officers = [factories.make_officer(publish=True) for _ in range(2)]
    source = factories.make_source()
    db.session.commit()
    officer_ids, source_id = [officer.id for officer in officers], source.id
    db.session.remove()
    downgrade(revision=BEFORE_ALLEGATIONS)
    with db.engine.begin() as connection:
        one = _old_complaint(
            connection,
            "One officer",
            "sustained",
            ["excessive_force", "unlawful_search"],
            officer_ids[:1],
            source_id,
        )
        two = _old_complaint(
            connection, "Two officers", "unfounded", ["discourtesy"], officer_ids, source_id
        )
        bare = _old_complaint(connection, "No category", "exonerated", [], [], source_id)
        untouched = _old_complaint(connection, "Pending", "pending", [], [], source_id)
    upgrade()
    with db.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT a.complaint_id, a.officer_id, a.category, a.final_finding, r.status, "
                "(SELECT count(*) FROM citations c WHERE c.record_id = a.id) "
                "FROM allegations a JOIN records r ON r.id = a.id "
                "ORDER BY a.complaint_id, a.category"
            )
        ).all()
        labels = dict(
            connection.execute(text("SELECT slug, label FROM allegation_categories")).all()
        )
    assert [tuple(row) for row in rows] == [
        (one, officer_ids[0], "excessive_force", "sustained", "published", 1),
        (one, officer_ids[0], "unlawful_search", "sustained", "published", 1),
        (two, None, "discourtesy", "unfounded", "published", 1),
        (bare, None, "not_recorded", "exonerated", "published", 1),
    ]
    assert labels["unlawful_search"] == "Unlawful search"
    assert labels["refused_complaint"] == "Refused to take a complaint"
    downgrade(revision=BEFORE_ALLEGATIONS)
    with db.engine.connect() as connection:
        findings = dict(connection.execute(text("SELECT id, finding FROM complaints")).all())
        categories = sorted(
            tuple(row)
            for row in connection.execute(
                text("SELECT complaint_id, category FROM complaint_allegations")
            )
        )
        left = connection.execute(text("SELECT count(*) FROM records WHERE kind = 'allegation'"))
        assert left.scalar() == 0
    assert findings == {
        one: "sustained",
        two: "unfounded",
        bare: "exonerated",
        untouched: "pending",
    }
    assert categories == sorted(
        [(one, "excessive_force"), (one, "unlawful_search"), (two, "discourtesy")]
    )
    upgrade()
