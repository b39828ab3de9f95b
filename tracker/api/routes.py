"""API routes: a list (paginated, filtered) and a detail route per kind, and the OpenAPI file.

Errors are answered in JSON here, never with the HTML error page, so clients can rely on the
content type the OpenAPI document promises.
"""

from flask import jsonify, request, url_for

from tracker.api import bp
from tracker.api.openapi import openapi_document
from tracker.extensions import db
from tracker.kinds import api_collections, batch_rows
from tracker.kinds.base import positive_int
from tracker.kinds.keyset import paginate
from tracker.quick_urls import quick_url_for
from tracker.request_guards import MAX_ID

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
# Which collection an id field points into, for the links between records.
LINKED = {
    "case_id": ("case", "cases"),
    "officer_id": ("officer", "officers"),
    "officer_ids": ("officers", "officers"),
    "investigation_ids": ("investigations", "investigations"),
    "source_ids": ("sources", "sources"),
    "case_ids": ("cases", "cases"),
    "legal_action_id": ("legal_action", "legal_actions"),
    "docket_entry_ids": ("docket_entries", "docket_entries"),
    "source_id": ("source", "sources"),
}


def error(status, message):
    """A JSON error answer."""
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    return response


def record_url(collection, record_id):
    """The API URL of one record of ``collection`` (``cases``)."""
    return url_for(f"api.{collection}_detail", record_id=record_id)


def linked_url(collection, record_id):
    """``record_url``, from the request's URL template of ``collection``'s records.

    A page of 25 rows links to 130 records or so; building each link through ``url_for`` was a
    sixth of the page's time (``quick_url_for`` builds the template once a request).
    """
    return quick_url_for(f"api.{collection}_detail", record_id=record_id)


def with_links(collection, record, row):
    """``row`` plus ``links``: itself, its public page and the records it refers to."""
    links = {"self": linked_url(collection.collection, row["id"])}
    page = collection.public_url(record)
    if page:
        links["html"] = page
    for field, (name, target) in LINKED.items():
        if field not in row or (collection.collection == "sources" and field == "source_ids"):
            continue
        value = row[field]
        if isinstance(value, list):
            links[name] = [linked_url(target, item) for item in value]
        elif value is not None:
            links[name] = linked_url(target, value)
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


def list_view(collection):
    """One page of the published records of ``collection`` that the filters keep."""
    paging, problem = _page_args()
    if problem is not None:
        return problem
    page, per_page = paging
    statement = collection.filtered(collection.published_statement(), request.args)
    model = statement.column_descriptions[0]["entity"]
    # ``after``: the id of the last record of the previous page. The next page then starts at
    # that record in the index (keyset) instead of skipping ``(page - 1) * per_page`` rows.
    listed = paginate(statement, model, page, per_page, positive_int(request.args.get("after")))
    records, total = listed.items, listed.total
    pages = max(1, -(-total // per_page))
    args = {key: value for key, value in request.args.items() if key not in ("page", "after")}

    def page_url(number, **extra):
        """The URL of page ``number`` with the same filters."""
        return url_for(f"api.{collection.collection}_list", **{**args, "page": number, **extra})

    following = page_url(page + 1, after=listed.next_after) if listed.has_next else None
    return jsonify(
        {
            "data": [
                with_links(collection, record, row)
                for record, row in zip(records, batch_rows(collection, records), strict=True)
            ],
            "meta": {"page": page, "per_page": per_page, "total": total, "pages": pages},
            "links": {
                "self": page_url(page),
                "first": page_url(1),
                "last": page_url(pages),
                "prev": page_url(page - 1) if page > 1 else None,
                "next": following,
            },
        }
    )


def detail_view(collection, record_id):
    """One published record of ``collection`` by its stable id."""
    missing = f"There is no published record {record_id} in {collection.path}."
    if record_id > MAX_ID:
        return error(404, missing)
    statement = collection.published_statement()
    model = statement.column_descriptions[0]["entity"]
    record = db.session.scalars(statement.where(model.id == record_id)).first()
    if record is None:
        return error(404, missing)
    row = collection.row(record)
    # Fields only a single record's answer carries (an officer's figures), before the links.
    for item in getattr(collection, "detail_fields", ()):
        row[item.name] = item.value(record)
    return jsonify({"data": with_links(collection, record, row)})


@bp.record
def add_collection_routes(state):
    """Add the list and detail routes of every collection the API serves, as the app starts."""
    for collection in api_collections():
        name = collection.collection
        state.add_url_rule(
            f"/{collection.path}",
            f"{name}_list",
            lambda collection=collection: list_view(collection),
            methods=["GET"],
        )
        state.add_url_rule(
            f"/{collection.path}/<int:record_id>",
            f"{name}_detail",
            lambda record_id, collection=collection: detail_view(collection, record_id),
            methods=["GET"],
        )


@bp.route("/")
def index():
    """Where everything is: each collection and the OpenAPI document."""
    return jsonify(
        {
            "collections": {
                item.collection: url_for(f"api.{item.collection}_list")
                for item in api_collections()
            },
            "openapi": url_for("api.openapi"),
        }
    )


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API."""
    return jsonify(openapi_document(request.script_root + bp.url_prefix))
