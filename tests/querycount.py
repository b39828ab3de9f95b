"""Count the SQL statements a block of code runs (a ``before_cursor_execute`` listener)."""

from contextlib import contextmanager

from sqlalchemy import event

from tracker.extensions import db


class QueryCount:
    """The statements seen so far."""

    def __init__(self):
        """Start with none."""
        self.statements = []

    @property
    def count(self):
        """How many statements ran."""
        return len(self.statements)


@contextmanager
def count_queries():
    """Yield a ``QueryCount`` that records every statement run on the app's engine."""
    seen = QueryCount()

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
