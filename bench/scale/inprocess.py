"""Timing a page through the Flask test client: the hand-run world_* scripts share it."""

import statistics
import time

from sqlalchemy import event


def measure_page(client, engine, url, reps):
    """(median ms, KB, queries) of ``reps`` warm GETs of ``url`` (one more counts the SQL)."""
    statements = []

    def record(*_args):
        """Count one statement."""
        statements.append(1)

    client.get(url)  # warm
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    event.listen(engine, "before_cursor_execute", record)
    client.get(url)
    event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(response.data) / 1024, len(statements)
