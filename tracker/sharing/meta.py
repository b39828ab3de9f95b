"""What the sharing tags of a page say: its address and its preview image.

``base.html`` calls ``share_links(page)`` on pages of the public blueprints only: a workspace
page is never previewed. Titles and descriptions are the page's own (its ``title`` and
``description`` blocks), so the tags say nothing the page does not.
"""

from flask import request, url_for

from tracker.kinds import kind_of
from tracker.models import Record
from tracker.models.choices import PUBLISHED
from tracker.records.visibility import public_blueprints


def shared_record(page):
    """The published record a page model shows (``page.record``), or None."""
    record = getattr(page, "record", None) if page is not None else None
    if isinstance(record, Record) and record.status == PUBLISHED:
        return record
    return None


def share_links(page=None):
    """``{"url", "image", "type"}`` for the sharing tags of the current page.

    A record's page shares its canonical address (with the slug) and the preview image of its
    key facts; any other page its address (without the query string) and the site's card.
    """
    record = shared_record(page)
    if record is not None:
        kind = kind_of(record)
        return {
            "url": kind.public_url(record, _external=True),
            "image": url_for(
                "sharing.preview_image", kind=kind.path, record_id=record.id, _external=True
            ),
            "type": "article",
        }
    # Without the query string: the tags never repeat what a visitor typed (a search).
    return {
        "url": request.base_url,
        "image": url_for("sharing.site_preview", _external=True),
        "type": "website",
    }


def share_context():
    """Template globals: whether this page carries sharing tags, and ``share_links``."""
    return {
        "share_tags": request.blueprint in public_blueprints(),
        "share_links": share_links,
    }
