"""Count the SQL statements a block of code, or a GET of a page, runs.

One ``before_cursor_execute`` listener for every test that counts queries: ``count_queries``
around any block, ``page_queries`` for the common case of one request.
"""

from contextlib import contextmanager

from sqlalchemy import event

from tracker.extensions import db


class QueryCount:
    """The statements seen so far, with their parameters."""

    def __init__(self):
        """Start with none."""
        self.executed = []  # [(sql, parameters)]

    @property
    def statements(self):
        """The SQL of each statement, in the order run."""
        return [statement for statement, _ in self.executed]

    @property
    def count(self):
        """How many statements ran."""
        return len(self.executed)


@contextmanager
def count_queries():
    """Yield a ``QueryCount`` that records every statement run on the app's engine."""
    seen = QueryCount()

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.executed.append((statement, parameters))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def page_queries(client, path, warm=False):
    """The SQL statements a GET of ``path`` runs (it must answer 200).

    The session's objects are expired first, so the count does not depend on what earlier
    steps of the test loaded. ``warm``: a first GET fills what is kept before the counted one.
    """
    if warm:
        client.get(path)
    db.session.expire_all()
    with count_queries() as seen:
        response = client.get(path)
    assert response.status_code == 200, path
    return seen.count
