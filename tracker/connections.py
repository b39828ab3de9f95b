"""What a PostgreSQL connection costs a request beyond its own statements, kept to none.

On a warm page every round trip to the server that is not one of the page's statements is a
fixed cost: a wait for the server process and back, on a busy two-core server 0.3-1 ms each.
A public page used to pay three of them around its statements:

- ``pool_pre_ping`` sent an empty statement on every checkout, to learn whether the
  connection still worked. ``watch_connections`` checks that without a round trip: a
  connection the server ended (a restart, ``pg_terminate_backend``, an idle timeout) has its
  goodbye or its end waiting on the socket, which a zero-time ``select`` sees. Only such a
  connection, or one idle in the pool longer than ``DATABASE_PING_IDLE_SECONDS``, is pinged;
  a failed ping makes the pool open a new connection, as ``pool_pre_ping`` did.
- ``BEGIN`` before the first statement and ``ROLLBACK`` when the connection goes back to the
  pool. A public session only reads (``tracker/records/visibility.py``), and at PostgreSQL's
  READ COMMITTED every statement reads its own snapshot, in a transaction or not; so the
  public session's connections run in autocommit (``read_without_transaction``), which
  sends neither. The first statement that is not a plain read (a flush, an INSERT, an UPDATE,
  a DELETE, hand-written SQL, a ``FOR UPDATE`` or streamed read) switches its connection back
  to a transaction for the rest of the checkout: the multi-case report that starts a job
  writes, commits and rolls back exactly as before.

Prepared statements: psycopg prepares a statement on the server once it ran five times on a
connection, and forgets its counts at every ROLLBACK. With a ROLLBACK after every request only a
statement run five times in one request (a download's batches) was ever prepared, so PostgreSQL
planned every page statement on every request (at 100,000 cases, the server's CPU per request:
the busiest case page 12.1 ms, of which executing its statements takes about 1.5; /feed.xml
6.3). Without the ROLLBACK the counts last as long as the connection, the page statements get
prepared, and after five runs PostgreSQL keeps a generic plan when it costs no more than the
custom ones (``plan_cache_mode``): 3.5 and 1.6 ms. The threshold is
``POSTGRESQL_PREPARE_THRESHOLD`` (0: never, every statement planned each time as before).

SQLite connections are left alone: they are files in the process, with no round trip to save.
"""

import select
import time

from sqlalchemy import event, exc
from sqlalchemy.sql.selectable import CompoundSelect, Select

# session.info key: this session's PostgreSQL connections read without a transaction.
READS_WITHOUT_TRANSACTION = "reads_without_transaction"
# Connection record info keys: in autocommit for a public read; when it went back to the pool.
_AUTOCOMMIT = "read_autocommit"
_CHECKED_IN = "checked_in_at"


def read_without_transaction(session):
    """Let ``session``'s PostgreSQL connections read without BEGIN and ROLLBACK."""
    session.info[READS_WITHOUT_TRANSACTION] = True


def _is_idle(driver_connection):
    """True when the psycopg connection is outside any transaction (safe to switch modes)."""
    from psycopg.pq import TransactionStatus

    return driver_connection.info.transaction_status == TransactionStatus.IDLE


def _start_reading(session, transaction, connection):
    """``after_begin``: a public session's PostgreSQL connection runs in autocommit.

    psycopg sends BEGIN lazily, before the first statement, so switching now costs nothing.
    """
    if not session.info.get(READS_WITHOUT_TRANSACTION):
        return
    if connection.dialect.name != "postgresql":
        return
    fairy = connection.connection
    driver = fairy.driver_connection
    if not driver.autocommit and _is_idle(driver):
        driver.autocommit = True
        fairy.info[_AUTOCOMMIT] = True


def _is_plain_read(context):
    """True when the statement about to run only reads, and needs no transaction."""
    compiled = context.compiled
    if compiled is None or not isinstance(compiled.statement, Select | CompoundSelect):
        return False  # hand-written SQL or a write: it gets a transaction
    if context.isinsert or context.isupdate or context.isdelete:
        return False
    if getattr(compiled.statement, "_for_update_arg", None) is not None:
        return False  # row locks last only as long as a transaction
    # A server-side (named) cursor needs a transaction to live in.
    return not context.execution_options.get("stream_results")


def _keep_writes_in_a_transaction(conn, cursor, statement, parameters, context, executemany):
    """``before_cursor_execute``: a statement that is not a plain read ends autocommit.

    psycopg then sends BEGIN before it, and the session's commit or rollback works as ever.
    """
    fairy = conn.connection
    if fairy.info.get(_AUTOCOMMIT) and not _is_plain_read(context):
        driver = fairy.driver_connection
        if _is_idle(driver):
            driver.autocommit = False
            del fairy.info[_AUTOCOMMIT]


def _alive(dbapi_connection, connection_record, idle_seconds, dialect):
    """Raise DisconnectionError when the connection is known or found to be gone.

    No round trip unless the server left something on the socket (usually its goodbye) or
    the connection sat in the pool longer than ``idle_seconds``.
    """
    if dbapi_connection.broken or dbapi_connection.closed:
        raise exc.DisconnectionError("the connection was lost")
    if connection_record.info.get(_AUTOCOMMIT):
        # Its checkin could not take it out of autocommit: never let a session write on it.
        raise exc.DisconnectionError("the connection was left in autocommit")
    checked_in = connection_record.info.get(_CHECKED_IN)
    stale = checked_in is None or time.monotonic() - checked_in > idle_seconds
    try:
        waiting, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        waiting = True
    if waiting or stale:
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError(f"the connection failed its ping: {error}") from error


def watch_connections(engine, idle_seconds, prepare_threshold=None):
    """Install the checks above on a PostgreSQL ``engine`` (the primary or a replica).

    ``prepare_threshold``: psycopg prepares a statement on the server after it ran this many
    times on a connection (0 or None: never). See ``POSTGRESQL_PREPARE_THRESHOLD``.
    """
    if engine.dialect.name != "postgresql":
        return
    dialect = engine.dialect

    def checkout(dbapi_connection, connection_record, connection_proxy):
        """Hand out only a connection that still works (the pool retries with a new one)."""
        _alive(dbapi_connection, connection_record, idle_seconds, dialect)

    def connect(dbapi_connection, connection_record):
        """A new connection counts as just used (no ping on its first checkout); its prepares."""
        connection_record.info[_CHECKED_IN] = time.monotonic()
        dbapi_connection.prepare_threshold = prepare_threshold or None

    def checkin(dbapi_connection, connection_record):
        """Back in the pool (after its reset): out of autocommit, and note when.

        Left in autocommit (closed, or somehow in a transaction), the checkout check
        replaces it.
        """
        connection_record.info[_CHECKED_IN] = time.monotonic()
        if (
            connection_record.info.get(_AUTOCOMMIT)
            and dbapi_connection is not None
            and not dbapi_connection.closed
            and _is_idle(dbapi_connection)
        ):
            dbapi_connection.autocommit = False
            del connection_record.info[_AUTOCOMMIT]

    event.listen(engine, "connect", connect)
    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)
    event.listen(engine, "before_cursor_execute", _keep_writes_in_a_transaction)


def watch_sessions(session_class):
    """Switch public sessions' connections to autocommit as they begin (once per process)."""
    if not event.contains(session_class, "after_begin", _start_reading):
        event.listen(session_class, "after_begin", _start_reading)
