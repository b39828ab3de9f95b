"""The migrations: one head, in step with the models, and reversible on every backend."""

import sys

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
    """The project's Alembic scripts (their helpers importable, as ``env.py`` makes them)."""
    if str(BASE_DIR / "migrations") not in sys.path:
        sys.path.insert(0, str(BASE_DIR / "migrations"))
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
