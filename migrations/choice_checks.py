"""Widen or narrow an enumerated column's CHECK (``<column> IN (...)``) from a migration.

Several features add values to the same CHECK (every new record kind widens
``ck_records_kind_choice``), so a migration names only the values it adds or removes, and the
list is read from the database: migrations written side by side chain in any order.

On PostgreSQL the constraint is dropped and created again. On SQLite a CHECK cannot be altered
and batch mode would copy the table: for ``records`` that DROP cascades to every row that hangs
off a record. So on SQLite the table's stored CREATE statement is rewritten in place, the
procedure SQLite documents for such changes (writable_schema); no table is copied, no trigger,
index or foreign key is touched. Narrowing is the caller's to make safe (move rows off the
values first).
"""

import re

from alembic import op

QUOTED = re.compile(r"'([^']*)'")


def _name(table, column):
    """The naming convention's name of the choice CHECK."""
    return f"ck_{table}_{column}_choice"


def _sql_list(values):
    """``'a', 'b'`` for an IN list."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _postgresql_values(bind, table, column):
    """The values the PostgreSQL constraint allows today, in their order."""
    definition = bind.exec_driver_sql(
        "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname = %(table)s "
        "AND c.conname = %(name)s",
        {"table": table, "name": _name(table, column)},
    ).scalar()
    if definition is None:
        raise RuntimeError(f"{table} has no CHECK {_name(table, column)}")
    return QUOTED.findall(definition)


def _sqlite_clause(bind, table, column):
    """The table's CREATE statement and the ``column IN (...)`` match inside it."""
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar()
    match = re.search(rf"\b{re.escape(column)} IN \(([^)]*)\)", sql or "")
    if match is None:
        raise RuntimeError(f"{table} has no CHECK ({column} IN (...)) to change")
    return sql, match


def _change(table, column, change):
    """Set the CHECK's values to ``change(current values)``."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        values = change(_postgresql_values(bind, table, column))
        # ``op.f``: the name is final; the naming convention would prefix it a second time.
        op.drop_constraint(op.f(_name(table, column)), table, type_="check")
        op.create_check_constraint(
            op.f(_name(table, column)), table, f"{column} IN ({_sql_list(values)})"
        )
        return
    sql, match = _sqlite_clause(bind, table, column)
    values = change(QUOTED.findall(match.group(1)))
    new_clause = f"{column} IN ({_sql_list(values)})"
    rewrite_sqlite_table(table, lambda sql: sql[: match.start()] + new_clause + sql[match.end() :])


def rewrite_sqlite_table(table, change):
    """On SQLite, set ``table``'s stored CREATE statement to ``change(statement)`` in place.

    For constraint changes only (a CHECK, a foreign key): the rows are untouched, so no table
    is copied and no foreign key cascades (see above). Every row must satisfy the new statement.
    """
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar()
    new_sql = change(sql)
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema=ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (new_sql, table)
    )
    # A new schema version makes every connection read the changed schema again.
    bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def add_choices(table, column, values):
    """Allow ``values`` in ``table.column`` besides those allowed today."""
    _change(table, column, lambda current: current + [v for v in values if v not in current])


def remove_choices(table, column, values):
    """No longer allow ``values`` in ``table.column`` (no row may hold them)."""
    _change(table, column, lambda current: [v for v in current if v not in values])
