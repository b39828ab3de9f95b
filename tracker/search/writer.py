"""Writing a rebuild's batches into the build table, and noting each one done.

On PostgreSQL the ``tsv`` column of every row is computed as it is copied in (most of what
writing a batch costs), by the server, while this process has nothing to do but wait. So a
thread writes each batch on a connection of its own while the next batch is read: the reading
(Python) and the tsvector computing (the server) overlap. On an SQLite file the same thread
overlaps the reading with SQLite's own writing (which lets other threads run while it steps
through a statement); an SQLite database in memory is written in turn on the session's
connection.
"""

import queue
import threading

from tracker.search.build import BUILD
from tracker.search.index import insert_rows


class InTurn:
    """Writes each batch on the session's connection and commits it before the next is read."""

    def __init__(self, session, done):
        """``done(last_id)`` is called after each batch is committed."""
        self.session, self.done = session, done

    def write(self, last_id, documents):
        """Write and commit one batch (rows up to record ``last_id``)."""
        insert_rows(self.session.connection(), documents, table=BUILD)
        self.session.commit()
        self.done(last_id)

    def close(self):
        """Nothing is pending."""


class Alongside:
    """Writes batches from a thread on its own connection, one batch behind the reading."""

    def __init__(self, engine, done):
        """``done(last_id)`` is called (in the thread) after each batch is committed."""
        self.engine, self.done = engine, done
        self.batches = queue.Queue(maxsize=1)  # at most one batch waits: memory stays bounded
        self.error = None
        self.thread = threading.Thread(target=self._run, name="search-reindex-writer")
        self.thread.start()

    def write(self, last_id, documents):
        """Hand one batch to the thread (waiting while the previous one is still queued)."""
        self._raise()
        self.batches.put((last_id, documents))

    def close(self):
        """Wait for every batch handed over to be committed; raise what the thread met."""
        self.batches.put(None)
        self.thread.join()
        self._raise()

    def _raise(self):
        """Raise the thread's error in the caller's thread."""
        if self.error is not None:
            raise self.error

    def _run(self):
        """Write batches until told to stop; after an error, only drain the queue."""
        while (item := self.batches.get()) is not None:
            if self.error is not None:
                continue
            last_id, documents = item
            try:
                # A transaction begun here: the COPY runs on the driver's own cursor, which
                # SQLAlchemy does not see, so a bare connect() would not commit it.
                with self.engine.begin() as connection:
                    insert_rows(connection, documents, table=BUILD)
                self.done(last_id)
            except Exception as error:  # noqa: BLE001  # handed to the reading thread
                self.error = error


def writer_for(session, done):
    """The writer that suits the session's database.

    A thread on every database with connections of its own: PostgreSQL, and an SQLite file
    (WAL: the reading goes on while the thread writes). An SQLite database in memory is one
    connection, so its batches are written in turn.
    """
    engine = session.get_bind()
    if engine.dialect.name == "postgresql" or engine.url.database not in (None, "", ":memory:"):
        return Alongside(engine, done)
    return InTurn(session, done)
