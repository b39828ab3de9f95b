"""The sitemap: every published page, newest change first within each group.

The list pages (the site's and each kind's own, ``list_pages()``), then every published record
with a page of its own (the kinds whose ``page`` is ``own_page``: cases, officers, meetings,
records requests, demands), then every public source page. Run it behind the visibility
boundary: only published records load.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import select

from tracker.extensions import db
from tracker.kind_pages import own_page_kinds
from tracker.kinds import all_kinds
from tracker.models import Source
from tracker.records.sources import cited_by_published

# The public list pages around the kinds' own lists, each one address whatever the data.
LIST_PAGES_BEFORE = ("public.index", "demands.scoreboard", "cases.index", "officers.index")
LIST_PAGES_AFTER = ("calendar.index", "data.index")


@dataclass(frozen=True)
class Entry:
    """One address in the sitemap and when what it shows last changed (None: not known)."""

    loc: str
    lastmod: datetime | None = None


def list_pages():
    """The endpoints of the public list pages: the site's and each kind's own, in order."""
    kinds = tuple(kind.own_pages.list_endpoint for kind in own_page_kinds())
    return (*LIST_PAGES_BEFORE, *kinds, *LIST_PAGES_AFTER)


def page_kinds():
    """The record kinds whose records have a page of their own (not an anchor on another)."""
    return [
        kind
        for kind in all_kinds()
        if kind.page is not None and kind.page.key and not kind.page.anchored
    ]


def entries():
    """Every published page's ``Entry``, list pages first (one query per kind, one more).

    The sources follow the records: a source's page is public while a published record cites it.
    """
    found = [Entry(url_for(endpoint, _external=True)) for endpoint in list_pages()]
    seen = {entry.loc for entry in found}
    for kind in page_kinds():
        records = db.session.scalars(select(kind.model).order_by(kind.model.id)).all()
        for record in records:
            loc = kind.public_url(record, _external=True)
            if loc and loc not in seen:
                seen.add(loc)
                found.append(Entry(loc, record.updated_at))
    sources = db.session.execute(
        select(Source.id, Source.updated_at).where(cited_by_published()).order_by(Source.id)
    ).all()
    for source_id, updated_at in sources:
        loc = url_for("sources.detail", source_id=source_id, _external=True)
        found.append(Entry(loc, updated_at))
    return found


def part_count(total, size):
    """How many sitemap parts ``total`` addresses need at ``size`` a part (at least one)."""
    return max(1, math.ceil(total / size))


def part(found, number, size):
    """The entries of part ``number`` (from 1), or None when there is no such part."""
    if not 1 <= number <= part_count(len(found), size):
        return None
    return found[(number - 1) * size : number * size]
