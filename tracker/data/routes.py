"""The open-data page and its downloads."""

from flask import Response, abort, jsonify, render_template

from tracker.data import bp
from tracker.kinds import api_collections, collection_named, exported_collections
from tracker.opendata.export import LIST_SEPARATOR, to_csv, to_json_document


@bp.route("/data")
def index():
    """Downloads of every published record kind, the data dictionary and the API."""
    return render_template(
        "data/index.html",
        collections=exported_collections(),
        api_collections=api_collections(),
        separator=LIST_SEPARATOR,
    )


def _known(kind):
    """The collection called ``kind`` when it is exported, else 404."""
    collection = collection_named(kind)
    if collection is None:
        abort(404)
    return collection


@bp.route("/data/<kind>.csv")
def download_csv(kind):
    """Every published record of ``kind`` as CSV."""
    response = Response(to_csv(_known(kind)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
    return response


@bp.route("/data/<kind>.json")
def download_json(kind):
    """Every published record of ``kind`` as JSON."""
    response = jsonify(to_json_document(_known(kind)))
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}.json"'
    return response
