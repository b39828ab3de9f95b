"""API routes: a list (paginated, filtered) and a detail route per kind, and the OpenAPI file.

Errors are answered in JSON here, never with the HTML error page, so clients can rely on the
content type the OpenAPI document promises.
"""

from flask import jsonify, request, url_for
from sqlalchemy import func, select

from tracker.api import bp
from tracker.api.filters import apply_filters
from tracker.api.openapi import openapi_document
from tracker.extensions import db
from tracker.models import Source
from tracker.opendata.fields import API_KINDS
from tracker.opendata.serialize import MODELS, published_statement, to_row
from tracker.templating import has_endpoint

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
# Ids beyond a 32-bit integer cannot exist, and SQLite refuses to even compare them.
MAX_ID = 2**31 - 1
# Which collection an id field points into, for the links between records.
LINKED = {
    "case_id": ("case", "cases"),
    "officer_id": ("officer", "officers"),
    "officer_ids": ("officers", "officers"),
    "investigation_ids": ("investigations", "investigations"),
    "source_ids": ("sources", "sources"),
}
PUBLIC_PAGES = {"cases": "cases.detail", "officers": "officers.detail"}


def path_of(kind):
    """The URL segment of ``kind`` (duty_events -> duty-events)."""
    return kind.replace("_", "-")


def error(status, message):
    """A JSON error answer."""
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    return response


def record_url(kind, record_id):
    """The API URL of one record."""
    return url_for(f"api.{kind}_detail", record_id=record_id)


def with_links(kind, row):
    """``row`` plus ``links``: itself, its public page and the records it refers to."""
    links = {"self": record_url(kind, row["id"])}
    endpoint = PUBLIC_PAGES.get(kind)
    if endpoint and has_endpoint(endpoint):
        links["html"] = url_for(endpoint, record_id=row["id"])
    elif kind == "demands" and has_endpoint("demands.detail"):
        links["html"] = url_for("demands.detail", number=row["number"])
    for field, (name, target) in LINKED.items():
        if field not in row or (kind == "sources" and field == "source_ids"):
            continue
        value = row[field]
        if isinstance(value, list):
            links[name] = [record_url(target, item) for item in value]
        elif value is not None:
            links[name] = record_url(target, value)
    return {**row, "links": links}


def _page_args():
    """``(page, per_page)`` from the query string, or an error answer."""
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", DEFAULT_PER_PAGE))
    except ValueError:
        return None, error(400, "page and per_page must be whole numbers.")
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= MAX_PER_PAGE:
        return None, error(
            400, f"page must be from 1 to {MAX_PAGE}; per_page from 1 to {MAX_PER_PAGE}."
        )
    return (page, per_page), None


def list_view(kind):
    """One page of the published records of ``kind`` that the filters keep."""
    paging, problem = _page_args()
    if problem is not None:
        return problem
    page, per_page = paging
    statement = apply_filters(kind, published_statement(kind), request.args)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    records = db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).all()
    pages = max(1, -(-total // per_page))
    args = {key: value for key, value in request.args.items() if key != "page"}

    def page_url(number):
        """The URL of page ``number`` with the same filters."""
        return url_for(f"api.{kind}_list", **{**args, "page": number})

    return jsonify(
        {
            "data": [with_links(kind, to_row(kind, record)) for record in records],
            "meta": {"page": page, "per_page": per_page, "total": total, "pages": pages},
            "links": {
                "self": page_url(page),
                "first": page_url(1),
                "last": page_url(pages),
                "prev": page_url(page - 1) if page > 1 else None,
                "next": page_url(page + 1) if page < pages else None,
            },
        }
    )


def detail_view(kind, record_id):
    """One published record of ``kind`` by its stable id."""
    if record_id > MAX_ID:
        return error(404, f"There is no published record {record_id} in {path_of(kind)}.")
    statement = published_statement(kind)
    id_column = MODELS[kind].id if kind in MODELS else Source.id
    record = db.session.scalars(statement.where(id_column == record_id)).first()
    if record is None:
        return error(404, f"There is no published record {record_id} in {path_of(kind)}.")
    return jsonify({"data": with_links(kind, to_row(kind, record))})


def _register(kind):
    """Add the list and detail routes of ``kind``."""
    bp.add_url_rule(f"/{path_of(kind)}", f"{kind}_list", lambda: list_view(kind), methods=["GET"])
    bp.add_url_rule(
        f"/{path_of(kind)}/<int:record_id>",
        f"{kind}_detail",
        lambda record_id: detail_view(kind, record_id),
        methods=["GET"],
    )


for _kind in API_KINDS:
    _register(_kind)


@bp.route("/")
def index():
    """Where everything is: each collection and the OpenAPI document."""
    return jsonify(
        {
            "collections": {kind: url_for(f"api.{kind}_list") for kind in API_KINDS},
            "openapi": url_for("api.openapi"),
        }
    )


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    return jsonify(openapi_document(request.script_root + bp.url_prefix))
