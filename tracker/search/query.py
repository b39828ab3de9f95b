"""Running a search: ranked hits with highlighted snippets, on SQLite FTS5 or PostgreSQL.

The visitor's words are reduced to plain word tokens before they reach the database, so no
query syntax (quotes, ``NEAR``, ``:*``) typed in the box can break or widen the search; the last
word matches as a prefix, which helps while typing (on SQLite only while the word as typed
matches no more than the count's cap: past it the prefix would cost much and show nothing more).
A document's body holds a line per field (``RecordKind.search_text_of``): snippets show the lines
joined with " · ", and a hit whose first match is in a part of a page (a timeline entry) leads
to that part.
"""

import re
from dataclasses import dataclass, field

from flask import current_app, url_for
from markupsafe import Markup, escape
from sqlalchemy import Integer, text

from tracker.extensions import db
from tracker.kinds import kind_labels, kind_named

MAX_TOKENS = 12
# Marks the database puts around matches; replaced with <mark> after escaping the snippet.
OPEN, CLOSE = "\u27e6", "\u27e7"
FIELD_SEPARATOR = " · "


@dataclass
class Hit:
    """One search result."""

    record_id: int
    kind: str
    title: str
    snippet: Markup
    page_endpoint: str | None
    page_key: int | None
    anchor: str | None = None
    marked_title: Markup = Markup("")  # the title with the searched words marked

    @property
    def kind_label(self):
        """The record kind as people say it."""
        return kind_named(self.kind).label

    @property
    def url(self):
        """The public page that shows this record, at the part of it the match is in."""
        if not self.page_endpoint:
            return None
        rule = kind_named(self.kind).page
        param = rule.param if rule is not None and rule.endpoint == self.page_endpoint else None
        values = {param or "record_id": self.page_key} if self.page_key is not None else {}
        return url_for(self.page_endpoint, _anchor=self.anchor or None, **values)


@dataclass
class SearchResults:
    """A page of hits, the total number of matches and how they spread over kinds and years."""

    query: str
    hits: list
    total: int
    page: int
    per_page: int
    kind: str | None = None
    year: int | None = None
    kinds: list = field(default_factory=list)  # [(kind, label, count)] of every match
    years: list = field(default_factory=list)  # [(year, count)] of every match, newest first
    capped: bool = False  # more than ``total`` match: the count stopped at the cap

    @property
    def pages(self):
        """How many pages the matches fill (the pages of the first ``total`` when capped)."""
        return max(1, -(-self.total // self.per_page))


def tokens(query):
    """The plain words of ``query``, at most ``MAX_TOKENS``."""
    return re.findall(r"\w+", query or "")[:MAX_TOKENS]


def highlight(snippet):
    """Escape ``snippet``, turn the database's match marks into ``<mark>`` and show field breaks."""
    if not snippet:
        return Markup("")
    html = str(escape(snippet)).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    html = html.replace("\n", FIELD_SEPARATOR)
    return Markup(html)  # noqa: S704  # nosec B704  # escaped above; only our marks are tags


def highlight_title(title, words):
    """``title`` escaped, with the words that start like a searched word in ``<mark>``."""
    stems = [word.lower()[: max(3, len(word) - 2)] for word in words]

    def mark(match):
        """One word of the title, marked when it matches."""
        word = match.group(0)
        if any(word.lower().startswith(stem) for stem in stems):
            return f"{OPEN}{word}{CLOSE}"
        return word

    return highlight(re.sub(r"\w+", mark, title or ""))


def part_anchor(marked_body, part_anchors):
    """The anchor of the body line where the first match is ("" for the record's own fields)."""
    if not marked_body or not part_anchors:
        return ""
    anchors = part_anchors.split("\n")
    for number, line in enumerate(marked_body.split("\n")):
        if OPEN in line:
            return anchors[number] if number < len(anchors) else ""
    return ""


def search(query, page=1, per_page=20, kind=None, year=None):
    """Search published records for ``query`` (of one ``kind``, of one ``year`` if given).

    Returns ``SearchResults``, empty when the query has no words.
    """
    words = tokens(query)
    page = max(1, page)
    kind = kind if kind in kind_labels() else None
    year = year if isinstance(year, int) and 1000 <= year <= 9999 else None
    if not words:
        return SearchResults(query or "", [], 0, page, per_page, kind, year)
    backend = _PostgreSQL if db.engine.dialect.name == "postgresql" else _SQLite
    cap = current_app.config["SEARCH_COUNT_CAP"]
    params = {"kind": kind or "", "year": year or 0, "open": OPEN, "close": CLOSE}
    params.update(backend.params(words, query[:200]), cap=cap + 1)
    # Every page the count promises has hits: at least ``cap`` matches are ranked.
    params.update(candidates=max(cap, current_app.config["SEARCH_RANK_CANDIDATES"]))
    # The counts by kind and year over at most cap + 1 matches: all of them, or "too many".
    counts = db.session.execute(text(backend.FACETS), params).all()
    backend.typed_whole(params, counts)
    counts = [row[:3] for row in counts]
    capped = sum(count for _kind, _year, count in counts) > cap
    if not capped:
        total = sum(
            count
            for row_kind, row_year, count in counts
            if (not kind or row_kind == kind) and (not year or row_year == year)
        )
        kinds, years = _facets(counts, kind, year)
    else:
        # Past the cap the counts by kind and year would describe an arbitrary part of the
        # matches, so there are none; a narrowed search counts its own matches, capped too.
        kinds, years = [], []
        total = cap + 1
        if kind or year:
            total = db.session.execute(text(backend.COUNT), params).scalar()
        capped = total > cap
        total = min(total, cap)
    params.update(limit=per_page, offset=(page - 1) * per_page)
    rows = db.session.execute(text(backend.HITS), params).all()
    hits = [_hit(row, words) for row in rows]
    return SearchResults(query, hits, total, page, per_page, kind, year, kinds, years, capped)


def matching_ids(query):
    """A SELECT of the ids of published records matching ``query`` (None when it has no words).

    The case list's search box narrows its SELECT with it, so the box combines with the filters.
    """
    words = tokens(query)
    if not words:
        return None
    backend = _PostgreSQL if db.engine.dialect.name == "postgresql" else _SQLite
    params = backend.params(words, query[:200])
    return (
        text(backend.IDS)
        .bindparams(**{key: params[key] for key in backend.ID_PARAMS})
        .columns(record_id=Integer)
    )


def _facets(counts, kind, year):
    """Kinds (within the chosen year) and years (within the chosen kind) with their counts."""
    labels = kind_labels()
    by_kind, by_year = {}, {}
    for row_kind, row_year, count in counts:
        if not year or row_year == year:
            by_kind[row_kind] = by_kind.get(row_kind, 0) + count
        if row_year and (not kind or row_kind == kind):
            by_year[row_year] = by_year.get(row_year, 0) + count
    kinds = [(name, label, by_kind[name]) for name, label in labels.items() if name in by_kind]
    return kinds, sorted(by_year.items(), reverse=True)


def _hit(row, words):
    """A ``Hit`` from a result row: the anchor of the part matched, else the record's own."""
    return Hit(
        record_id=row.record_id,
        kind=row.kind,
        title=row.title,
        marked_title=highlight_title(row.title, words),
        snippet=highlight(row.snippet),
        page_endpoint=row.page_endpoint,
        page_key=row.page_key,
        anchor=part_anchor(row.marked, row.part_anchors) or row.anchor,
    )


# The SQL is written out whole (no text is built at run time): only bound values vary.


class _SQLite:
    """FTS5: every word must match (the last as a prefix), ranked by BM25, title weighted."""

    IDS = "SELECT rowid AS record_id FROM search_fts WHERE search_fts MATCH :match"
    ID_PARAMS = ("match",)
    # At most cap + 1 matches, counted by kind and year, and whether the words as typed (the
    # last one whole) already match more than cap records: then the search keeps them whole.
    # FTS5 merges every term a prefix stands for into one list each time a query names it
    # (92,000 records for "police": about 3 ms a time, three times a search), while a whole
    # word's list is read lazily, as far as the limits need. Past the cap a reader sees "more
    # than 1,000" either way, so nothing they can see is lost.
    FACETS = (
        "WITH typed AS MATERIALIZED (SELECT (SELECT count(*) FROM (SELECT 1 FROM search_fts "
        "WHERE search_fts MATCH :whole LIMIT :cap)) = :cap AS whole) "
        "SELECT kind, year, count(*), (SELECT whole FROM typed) FROM (SELECT d.kind, d.year "
        "FROM search_fts JOIN search_documents d ON d.record_id = search_fts.rowid "
        "WHERE search_fts MATCH (SELECT CASE WHEN whole THEN :whole ELSE :match END FROM typed) "
        "LIMIT :cap) GROUP BY 1, 2"
    )
    COUNT = (
        "SELECT count(*) FROM (SELECT 1 "
        "FROM search_fts JOIN search_documents d ON d.record_id = search_fts.rowid "
        "WHERE search_fts MATCH :match "
        "AND (:kind = '' OR d.kind = :kind) AND (:year = 0 OR d.year = :year) LIMIT :cap)"
    )
    # BM25 (title weighted 10:1) reads every ranked match's positions, so only the newest
    # :candidates matches (a rowid range FTS5 walks directly) are ranked for a page; snippets
    # are made for the page's rows only, and search_documents is joined to them afterwards.
    HITS = (
        "SELECT d.record_id, d.kind, d.title, d.page_endpoint, d.page_key, d.anchor, "
        "d.part_anchors, bm25(search_fts, 10.0, 1.0) AS score, "
        "snippet(search_fts, 1, :open, :close, '…', 24) AS snippet, "
        "highlight(search_fts, 1, :open, :close) AS marked "
        "FROM search_fts JOIN search_documents d ON d.record_id = search_fts.rowid "
        "WHERE search_fts MATCH :match AND search_fts.rowid >= coalesce(("
        "SELECT f.rowid FROM search_fts AS f JOIN search_documents m ON m.record_id = f.rowid "
        "WHERE f.search_fts MATCH :match "
        "AND (:kind = '' OR m.kind = :kind) AND (:year = 0 OR m.year = :year) "
        "ORDER BY f.rowid DESC LIMIT 1 OFFSET :candidates), 0) "
        "AND (:kind = '' OR d.kind = :kind) AND (:year = 0 OR d.year = :year) "
        "ORDER BY score, d.record_id LIMIT :limit OFFSET :offset"
    )

    @staticmethod
    def params(words, raw):
        """The MATCH expressions: each word quoted, the last one a prefix (or whole)."""
        whole = " ".join(f'"{word}"' for word in words)
        return {"match": whole + "*", "whole": whole}

    @staticmethod
    def typed_whole(params, counts):
        """Keep the words whole when the facets query found them common (``params`` updated)."""
        if counts and counts[0][3]:
            params["match"] = params["whole"]


class _PostgreSQL:
    """tsvector + GIN: every word must match (the last as a prefix), by length-normalised rank.

    The words as typed, parsed as the documents were (``plainto_tsquery``), match too:
    "IA-2020-118" is one hyphenated token (with "-118" a signed number) in a document, never
    three plain words.
    """

    IDS = (
        "SELECT d.record_id FROM search_documents d WHERE d.tsv @@ "
        "(to_tsquery('english', :expression) || plainto_tsquery('english', :raw))"
    )
    ID_PARAMS = ("expression", "raw")
    # At most cap + 1 matches, counted by kind and year.
    FACETS = (
        "SELECT kind, year, count(*) FROM (SELECT d.kind, d.year FROM search_documents d "
        "WHERE d.tsv @@ (to_tsquery('english', :expression) || plainto_tsquery('english', :raw)) "
        "LIMIT :cap) AS matched GROUP BY 1, 2"
    )
    COUNT = (
        "SELECT count(*) FROM (SELECT 1 FROM search_documents d "
        "WHERE d.tsv @@ (to_tsquery('english', :expression) || plainto_tsquery('english', :raw)) "
        "AND (:kind = '' OR d.kind = :kind) AND (:year = 0 OR d.year = :year) "
        "LIMIT :cap) AS matched"
    )
    # Ranking reads each candidate's tsvector, so at most :candidates matches (found through the
    # GIN index) are ranked; headlines are made for the page's rows only.
    HITS = (
        "SELECT d.record_id, d.kind, d.title, d.page_endpoint, d.page_key, d.anchor, "
        "d.part_anchors, ts_headline('english', d.body, typed.q, :options) AS snippet, "
        "ts_headline('english', d.body, typed.q, :all_options) AS marked "
        "FROM (SELECT to_tsquery('english', :expression) || "
        "plainto_tsquery('english', :raw) AS q) AS typed, LATERAL ("
        "SELECT c.record_id, ts_rank(c.tsv, typed.q, 1) AS score FROM ("
        "SELECT m.record_id, m.tsv FROM search_documents m WHERE m.tsv @@ typed.q "
        "AND (:kind = '' OR m.kind = :kind) AND (:year = 0 OR m.year = :year) "
        "LIMIT :candidates) AS c "
        # Normalisation 1: the rank is divided by 1 + log(length), so a long narrative that
        # mentions a word once does not outrank the short record about it.
        "ORDER BY score DESC, c.record_id LIMIT :limit OFFSET :offset) AS top "
        "JOIN search_documents d ON d.record_id = top.record_id "
        "ORDER BY top.score DESC, d.record_id"
    )

    @staticmethod
    def params(words, raw):
        """The tsquery (every word, the last a prefix) and the headline options."""
        marks = f"StartSel={OPEN}, StopSel={CLOSE}"
        return {
            "raw": raw,
            "expression": " & ".join(words[:-1] + [f"{words[-1]}:*"]),
            "options": f"{marks}, MaxWords=35, MinWords=12, MaxFragments=2, "
            'FragmentDelimiter=" … "',
            "all_options": f"{marks}, HighlightAll=true",
        }

    @staticmethod
    def typed_whole(params, counts):
        """A prefix costs PostgreSQL no more than a whole word: the query is kept as it is."""
