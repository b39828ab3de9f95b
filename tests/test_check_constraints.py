"""The CHECK constraints of the migrated database match the models' choices.

Alembic's autogenerate does not compare CHECK constraints, so without this test a new choice (or
a new record kind) would keep ``test_models_and_migrations_agree`` green with no migration.
"""

import re

from sqlalchemy import CheckConstraint, inspect

from tracker.extensions import db

QUOTED = re.compile(r"'([^']*)'")


def _normalised(sql):
    """A constraint's text reduced to what both databases keep: its words and quoted values."""
    sql = re.sub(r"::[a-z ]+(\[\])?", "", str(sql).lower())  # PostgreSQL's casts
    sql = sql.replace("any (array[", "in (").replace("])", ")")  # PostgreSQL's IN
    return sorted(QUOTED.findall(sql)), re.sub(r"[^a-z_<>=]+", " ", QUOTED.sub("", sql)).split()


def _model_checks():
    """``{(table, constraint name): text}`` of every CHECK the models declare."""
    checks = {}
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                checks[(table.name, constraint.name)] = constraint.sqltext
    return checks


def _database_checks():
    """``{(table, constraint name): text}`` of every CHECK in the migrated database."""
    inspector = inspect(db.engine)
    return {
        (table, check["name"]): check["sqltext"]
        for table in inspector.get_table_names()
        for check in inspector.get_check_constraints(table)
    }


def test_every_check_constraint_of_the_models_is_in_the_database(app):
    in_models, in_database = _model_checks(), _database_checks()
    assert sorted(in_models) == sorted(name for name in in_database if name in in_models)
    for name, sql in in_models.items():
        model_values, model_words = _normalised(sql)
        database_values, database_words = _normalised(in_database[name])
        assert model_values == database_values, name
        if not model_values:  # value lists are compared above; other checks word by word
            assert set(model_words) <= set(database_words), name


def test_a_choice_without_a_migration_fails(app):
    """The comparison above notices a value the database does not allow."""
    from tracker.models import Case

    check = next(c for c in Case.__table__.constraints if c.name == "ck_cases_case_kind_choice")
    model_values, _ = _normalised(str(check.sqltext).replace("'shooting'", "'new_kind'"))
    database_values, _ = _normalised(_database_checks()[("cases", check.name)])
    assert model_values != database_values
