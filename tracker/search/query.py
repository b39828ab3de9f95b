"""Running a search: ranked hits with highlighted snippets, on SQLite FTS5 or PostgreSQL.

The visitor's words are reduced to plain word tokens before they reach the database, so no
query syntax (quotes, ``NEAR``, ``:*``) typed in the box can break or widen the search; the last
word matches as a prefix, which helps while typing.
"""

import re
from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import text

from tracker.extensions import db
from tracker.kinds import kind_labels, kind_named

MAX_TOKENS = 12
# Marks the database puts around matches; replaced with <mark> after escaping the snippet.
OPEN, CLOSE = "\u27e6", "\u27e7"


@dataclass
class Hit:
    """One search result."""

    record_id: int
    kind: str
    title: str
    snippet: Markup
    page_endpoint: str | None
    page_key: int | None

    @property
    def kind_label(self):
        """The record kind as people say it."""
        return kind_named(self.kind).label

    @property
    def url(self):
        """The public page that shows this record (with an anchor for parts of a page)."""
        rule = kind_named(self.kind).page
        if not self.page_endpoint or rule is None:
            return None
        place = rule.place_of(self.record_id, self.page_key)
        return url_for(self.page_endpoint, _anchor=place.anchor, **place.values)


@dataclass
class SearchResults:
    """A page of hits and the total number of matches."""

    query: str
    hits: list
    total: int
    page: int
    per_page: int
    kind: str | None = None

    @property
    def pages(self):
        """How many pages the matches fill."""
        return max(1, -(-self.total // self.per_page))


def tokens(query):
    """The plain words of ``query``, at most ``MAX_TOKENS``."""
    return re.findall(r"\w+", query or "")[:MAX_TOKENS]


def highlight(snippet):
    """Escape ``snippet`` and turn the database's match marks into ``<mark>`` elements."""
    if not snippet:
        return Markup("")
    html = str(escape(snippet)).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    return Markup(html)  # noqa: S704  # nosec B704  # escaped above; only our marks are tags


def search(query, page=1, per_page=20, kind=None):
    """Search published records for ``query`` (of one ``kind`` if given).

    Returns ``SearchResults``, empty when the query has no words.
    """
    words = tokens(query)
    page = max(1, page)
    kind = kind if kind in kind_labels() else None
    if not words:
        return SearchResults(query or "", [], 0, page, per_page, kind)
    run = _search_postgresql if db.engine.dialect.name == "postgresql" else _search_sqlite
    hits, total = run(words, per_page, (page - 1) * per_page, kind)
    return SearchResults(query, hits, total, page, per_page, kind)


def _hit(row):
    """A ``Hit`` from a result row."""
    return Hit(
        record_id=row.record_id,
        kind=row.kind,
        title=row.title,
        snippet=highlight(row.snippet),
        page_endpoint=row.page_endpoint,
        page_key=row.page_key,
    )


def _search_sqlite(words, limit, offset, kind):
    """FTS5: every word must match (the last as a prefix), ranked by BM25, title weighted."""
    match = " ".join(f'"{word}"' for word in words) + "*"
    params = {
        "match": match,
        "limit": limit,
        "offset": offset,
        "open": OPEN,
        "close": CLOSE,
        "kind": kind,
    }
    total = db.session.execute(
        text(
            "SELECT count(*) FROM search_fts JOIN search_documents d "
            "ON d.record_id = search_fts.rowid "
            "WHERE search_fts MATCH :match AND (:kind IS NULL OR d.kind = :kind)"
        ),
        params,
    ).scalar_one()
    rows = db.session.execute(
        text(
            "SELECT d.record_id, d.kind, d.title, d.page_endpoint, d.page_key, "
            "snippet(search_fts, 1, :open, :close, '…', 24) AS snippet "
            "FROM search_fts JOIN search_documents d ON d.record_id = search_fts.rowid "
            "WHERE search_fts MATCH :match AND (:kind IS NULL OR d.kind = :kind) "
            "ORDER BY bm25(search_fts, 10.0, 1.0), d.record_id LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    return [_hit(row) for row in rows], total


def _search_postgresql(words, limit, offset, kind):
    """PostgreSQL tsvector + GIN: every word must match (the last as a prefix), by ts_rank."""
    expression = " & ".join(words[:-1] + [f"{words[-1]}:*"])
    options = (
        f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=35, MinWords=12, MaxFragments=2, "
        'FragmentDelimiter=" … "'
    )
    params = {
        "expression": expression,
        "limit": limit,
        "offset": offset,
        "options": options,
        "kind": kind or "",
    }
    total = db.session.execute(
        text(
            "SELECT count(*) FROM search_documents d "
            "WHERE d.tsv @@ to_tsquery('english', :expression) "
            "AND (:kind = '' OR d.kind = :kind)"
        ),
        params,
    ).scalar_one()
    rows = db.session.execute(
        text(
            "SELECT d.record_id, d.kind, d.title, d.page_endpoint, d.page_key, "
            "ts_headline('english', d.body, q, :options) AS snippet "
            "FROM search_documents d, to_tsquery('english', :expression) q "
            "WHERE d.tsv @@ q AND (:kind = '' OR d.kind = :kind) "
            "ORDER BY ts_rank(d.tsv, q) DESC, d.record_id LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    return [_hit(row) for row in rows], total
