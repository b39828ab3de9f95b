"""Public reads from a PostgreSQL replica, when one is configured (``DATABASE_REPLICA_URL``).

Every public request already runs on a session of its own (the visibility boundary,
``tracker/records/visibility.py``). With a replica configured, that session sends its SELECTs
to the replica's engine (the ``replica`` bind) and everything else to the primary. The first
statement that is not a SELECT (a flush, an INSERT, an UPDATE, a DELETE, a hand-written
statement) turns the routing off for the rest of the session: a public request that writes (the
multi-case report starting a job) then reads its own writes from the primary instead of a
replica that may lag behind. The workspace, sign-in, jobs and the CLI never read a replica.

This module imports nothing of the tracker, so ``tracker.extensions`` can name the session class.
"""

from flask_sqlalchemy.session import Session
from sqlalchemy.sql.selectable import CompoundSelect, Select

REPLICA_BIND = "replica"
# session.info key: True while this session may read from the replica.
READS_FROM_REPLICA = "reads_from_replica"


class TrackerSession(Session):
    """Flask-SQLAlchemy's session, which reads from the replica when told to."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        """The replica's engine for a SELECT of a session that reads from it; else the default.

        ``self._flushing`` is SQLAlchemy's own flag for a flush in progress (writes).
        """
        if bind is None and self.info.get(READS_FROM_REPLICA):
            if not self._flushing and isinstance(clause, Select | CompoundSelect):
                return self._db.engines[REPLICA_BIND]
            if self._flushing or clause is not None:
                self.info[READS_FROM_REPLICA] = False  # from now on, read our own writes
            # No statement at all (asking which dialect): the primary's, routing unchanged.
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def read_from_replica(session, engines):
    """Let ``session`` read from the replica when the app has one (``engines``: db.engines)."""
    if REPLICA_BIND in engines:
        session.info[READS_FROM_REPLICA] = True
