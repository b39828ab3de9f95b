"""Keyset pagination: the page after a given record, read from an index instead of OFFSET.

``OFFSET 40000`` makes the database produce and throw away 40,000 rows; "the rows after the
last one shown" lets it start reading at that row. ``after(statement, model, record_id)`` takes
any SELECT with an ORDER BY that ends in a unique column (the id) and keeps only the rows that
come after record ``record_id`` in that order. A NULL in a sort key only ever meets other NULLs
(the orders put ``col IS NULL`` first), so "after" there means "the same NULL, later in the
following keys".
"""

from array import array
from dataclasses import dataclass

from sqlalchemy import Boolean, false, func, not_, select, union_all
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from tracker.extensions import db

KEPT_TOTALS = 500  # list totals kept per process (lists times filters), for the newest data
# A page asked for by number (``?page=N``) within this many rows of either end of its list is
# read directly (OFFSET from the start, or from the end in the reversed order); deeper ones by
# the ids of the list's kept order. The first and last pages, the ones readers and API
# clients (``links.last``) reach most, never need the order read.
DIRECT_ROWS = 500
KEPT_ORDERS = 20  # lists (times filters) whose order of ids is kept per process
# At most this long, a last guard for what the stamp does not cover (a search reindex changes
# which cases ``q`` matches without changing a record).
KEPT_SECONDS = 300


def sort_keys(statement):
    """``[(expression, descending)]`` of ``statement``'s ORDER BY."""
    keys = []
    for clause in statement._order_by_clauses:  # no public accessor; stable across SQLAlchemy 2
        if isinstance(clause, UnaryExpression) and clause.modifier is operators.desc_op:
            keys.append((clause.element, True))
        elif isinstance(clause, UnaryExpression) and clause.modifier is operators.asc_op:
            keys.append((clause.element, False))
        else:
            keys.append((clause, False))
    return keys


def after(statement, model, record_id, limit):
    """The first ``limit`` rows of ``statement`` after record ``record_id``, or None if unknown.

    One query reads the record's sort values (behind the visibility boundary a draft's id is
    unknown, so it reveals nothing). "After" is one branch a sort key: the keys before it the
    same as the record's and this one later. Each branch is an equality prefix and a range,
    which the list's index serves in its order, so each reads at most ``limit`` ids from where
    the record is; the page is the rows of those ids, in the list's order. As one OR of the
    branches, PostgreSQL walked the index from the list's start and filtered (54,000 rows to
    reach the middle of 100,000 cases: 130-180 ms).
    """
    keys = sort_keys(statement)
    values = db.session.execute(
        select(*(expression for expression, _ in keys)).where(model.id == record_id)
    ).first()
    if values is None:
        return None
    identity = keys[-1][0]
    ids = statement.with_only_columns(identity, maintain_column_froms=True).limit(limit)
    branches, same = [], []
    for (expression, descending), value in zip(keys, values, strict=True):
        if value is None:
            later, equal = None, expression.is_(None)
        elif isinstance(expression.type, Boolean):  # "undated last": compare as true/false
            equal = expression if value else not_(expression)
            opposite = not_(expression) if value else expression
            # True sorts after false: later rows are the opposite value in that direction only.
            later = opposite if bool(value) == descending else None
        else:
            later = expression < value if descending else expression > value
            equal = expression == value
        if later is not None:
            branch = ids.where(*same, later).subquery()  # a subquery: SQLite's compound rule
            branches.append(select(branch.c[0]))
        same.append(equal)
    if not branches:
        return statement.where(false())
    return statement.where(identity.in_(union_all(*branches))).limit(limit)


@dataclass
class Page:
    """One page of a list, with what its navigation needs (the names of Flask-SQLAlchemy's)."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self):
        """How many pages the list fills (at least one)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self):
        """Is there a page before this one?"""
        return self.page > 1

    @property
    def prev_num(self):
        """The number of the page before."""
        return self.page - 1

    @property
    def has_next(self):
        """Is there a page after this one?"""
        return self.page < self.pages and bool(self.items)

    @property
    def next_num(self):
        """The number of the page after."""
        return self.page + 1

    @property
    def next_after(self):
        """The ``after`` value of the next page's link: the last record shown."""
        return self.items[-1].id if self.has_next else None


def paginate(statement, model, page, per_page, cursor=None, indexed=True):
    """Page ``page`` of ``statement``: after record ``cursor`` when given (keyset), else by number.

    Two queries: the total (kept per change of the data, see ``kept_total``) and the page
    (three with a cursor: its sort values). A page by number deep in the list costs the same
    two (``numbered``). Records, or plain rows for a SELECT of columns (``rows_of``).
    ``indexed=False``: no index serves the list's order (it spans two tables, like the
    officer list's), so reading any page from the database would sort the whole list; every
    page is then read from the list's kept order (``kept_page``).
    """
    if not indexed:
        return kept_page(statement, page, per_page, cursor)
    total = kept_total(statement)
    narrowed = after(statement, model, cursor, per_page) if cursor else None
    if narrowed is not None:
        items = rows_of(narrowed)
    else:
        items = numbered(statement, (page - 1) * per_page, per_page, total)
    return Page(items=items, total=total, page=page, per_page=per_page)


def kept_page(statement, page, per_page, cursor=None):
    """Page ``page`` of ``statement``, or the page after record ``cursor``, by its kept order.

    The total is the kept order's length (no count to keep), the cursor is found by its place
    in it, and the page's rows are loaded by id: one query (and the loader's), warm, on any
    page. A cursor not in the list (behind the visibility boundary a draft's id is unknown,
    as the public order holds no draft) reveals nothing: the page its number names is shown.
    """
    order = kept_order(statement)
    skipped = (page - 1) * per_page
    if cursor and cursor in order:
        skipped = order.index(cursor) + 1
    items = by_ids(statement, order[skipped : skipped + per_page])
    return Page(items=items, total=len(order), page=page, per_page=per_page)


def numbered(statement, skipped, per_page, total):
    """The ``per_page`` rows of ``statement`` after its first ``skipped``: OFFSET's rows.

    ``total``: how many rows the list has. Near the start (``DIRECT_ROWS``) by OFFSET; near
    the end by OFFSET in the reversed order; elsewhere by the ids at those places in the
    list's kept order (``kept_order``), loaded by primary key. So page 2,000 reads about as
    many rows as page 1. Past the end of the list: no rows, as OFFSET gives.
    """
    if skipped < DIRECT_ROWS:
        return rows_of(statement.offset(skipped).limit(per_page))
    if skipped >= total:
        return []
    if total - skipped <= DIRECT_ROWS:
        shown = min(per_page, total - skipped)
        backwards = statement.order_by(None).order_by(*reversed_order(statement))
        items = rows_of(backwards.offset(total - skipped - shown).limit(shown))
        return items[::-1]
    return by_ids(statement, kept_order(statement)[skipped : skipped + per_page])


def by_ids(statement, ids):
    """The rows of ``statement`` with the ids ``ids`` (a slice of its kept order), in that order.

    Loaded by primary key in one query; none for no ids (past the end of the list, as OFFSET).
    """
    ids = list(ids)
    if not ids:
        return []
    identity = sort_keys(statement)[-1][0]
    # By primary key, in no order (an ORDER BY could tempt the planner to walk the list's
    # index past every row before these), then placed as the kept order has them.
    found = rows_of(statement.order_by(None).where(identity.in_(ids)), unique=True)
    place = {record_id: n for n, record_id in enumerate(ids)}
    return sorted(found, key=lambda record: place[record.id])


def rows_of(statement, unique=False):
    """The rows ``statement`` selects: its records, or plain rows when it selects columns.

    A list that shows a few columns (the case list) selects just those: a page of plain rows
    (each with the ``id`` the cursor and the kept order read) costs the ORM no objects.
    """
    if len(statement.column_descriptions) == 1:
        records = db.session.scalars(statement)
        return (records.unique() if unique else records).all()
    return db.session.execute(statement).all()


def reversed_order(statement):
    """``statement``'s ORDER BY, each key the other way round: the list read from its end.

    Each database sorts NULL as one fixed end of a column's order, so turning every key
    around reverses the whole order exactly, NULLs included.
    """
    return [
        expression.asc() if descending else expression.desc()
        for expression, descending in sort_keys(statement)
    ]


def kept_order(statement):
    """The ids of ``statement``'s rows in its order (an ``array``), kept per data stamp.

    One query reads only the ids, in the list's order (its ORDER BY ends in the id), from
    the index where one matches; 8 bytes an id (800 KB for 100,000 cases), for at most
    ``KEPT_ORDERS`` lists a process. Keyed like ``kept_total``: the SQL with its values, and
    whether the session is public, so an editor's order (drafts among the rows) is never a
    reader's.
    """
    from tracker.records.kept import kept

    identity = sort_keys(statement)[-1][0]
    ordered = statement.with_only_columns(identity, maintain_column_froms=True)
    return kept(
        "list_orders",
        statement_key(ordered),
        lambda: array("q", db.session.scalars(ordered)),
        limit=KEPT_ORDERS,
        seconds=KEPT_SECONDS,
    )


def kept_total(statement):
    """How many rows ``statement`` lists, counted once per change of the data.

    Counting reads every row the filters keep (100,000 published cases: most of a list page's
    time at that size), so the total is kept (``tracker.records.kept``), like the front page's
    counts. The key holds the SQL and its values (and the store keys apart whether the session
    is behind the visibility boundary, so an editor's total, drafts counted, is never a
    reader's).
    """
    from tracker.records.kept import kept

    counting = select(func.count()).select_from(statement.order_by(None).subquery())
    return kept(
        "list_totals",
        statement_key(counting),
        lambda: db.session.scalar(counting),
        limit=KEPT_TOTALS,
        seconds=KEPT_SECONDS,
    )


def statement_key(statement):
    """A key naming ``statement``'s SQL and its values, for the kept answers.

    SQLAlchemy's own cache key (the structure it caches compiled SQL under) and the values of
    its parameters: compiling the statement to text for a key took 3-5 ms of an API list page.
    A statement SQLAlchemy cannot key (none of the app's lists) is compiled instead.
    """
    cache_key = statement._generate_cache_key()  # no public accessor; stable in SQLAlchemy 2
    if cache_key is None:
        compiled = statement.compile(dialect=db.session.get_bind().dialect)
        return (str(compiled), repr(sorted(compiled.params.items())))
    values = [parameter.effective_value for parameter in cache_key.bindparams]
    return (cache_key.key, repr(values))
