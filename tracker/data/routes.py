"""The open-data page and its downloads."""

from flask import Response, abort, jsonify, render_template

from tracker.data import bp
from tracker.opendata.export import LIST_SEPARATOR, to_csv, to_json_document
from tracker.opendata.fields import API_KINDS, KINDS, LABELS


@bp.route("/data")
def index():
    """Downloads of every published record kind, the data dictionary and the API."""
    return render_template(
        "data/index.html",
        kinds=KINDS,
        labels=LABELS,
        api_kinds=API_KINDS,
        separator=LIST_SEPARATOR,
    )


def _known(kind):
    """``kind`` when it is exported, else 404."""
    if kind not in KINDS:
        abort(404)
    return kind


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
