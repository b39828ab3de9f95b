"""The open-data page and its downloads.

A download is served from the file a job prepared (``tracker.jobs``) when that file is of the
data as it is now; otherwise it is streamed, 500 rows at a time, so the server's memory does
not grow with the data.
"""

from flask import Response, abort, current_app, render_template
from sqlalchemy import select

from tracker.data import bp
from tracker.extensions import db
from tracker.jobs.service import prepared_download
from tracker.kinds import api_collections, collection_named, exported_collections
from tracker.models import AllegationCategory
from tracker.opendata.export import LIST_SEPARATOR
from tracker.opendata.stream import csv_chunks, json_chunks
from tracker.storage import blob_chunks, blob_size

FORMATS = {"csv": ("text/csv", csv_chunks), "json": ("application/json", json_chunks)}


@bp.route("/data")
def index():
    """Downloads of every published record kind, the data dictionary and the API."""
    return render_template(
        "data/index.html",
        collections=exported_collections(),
        api_collections=api_collections(),
        separator=LIST_SEPARATOR,
        categories=db.session.scalars(
            select(AllegationCategory).order_by(AllegationCategory.label)
        ).all(),
    )


def _download(kind, extension):
    """The file ``kind.extension``: prepared by a job when fresh, else streamed."""
    if collection_named(kind) is None:
        abort(404)
    mimetype, chunks = FORMATS[extension]
    filename = f"{kind}.{extension}"
    app = current_app._get_current_object()
    prepared = prepared_download(kind, extension)
    if prepared is not None:
        # A megabyte at a time from the document store, with its length known.
        response = Response(blob_chunks(app, prepared), mimetype=mimetype)
        response.content_length = blob_size(prepared)
    else:
        # The body is written after this view returns, outside the request: each chunk opens
        # its own app context and public view (see tracker.opendata.stream).
        response = Response(chunks(app, kind), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/data/<kind>.csv")
def download_csv(kind):
    """Every published record of ``kind`` as CSV."""
    return _download(kind, "csv")


@bp.route("/data/<kind>.json")
def download_json(kind):
    """Every published record of ``kind`` as JSON."""
    return _download(kind, "json")
