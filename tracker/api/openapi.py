"""The OpenAPI 3 document, generated from the data dictionary so it always matches the API."""

from tracker.kinds import api_collections

NOT_NULL = {"id", "title", "version", "number"}
TYPES = {
    "integer": {"type": "integer"},
    "string": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "boolean": {"type": "boolean"},
    "number": {"type": "number"},
    "integer list": {"type": "array", "items": {"type": "integer"}},
    "string list": {"type": "array", "items": {"type": "string"}},
}


def field_schema(field):
    """The JSON schema of one exported field."""
    schema = {**TYPES[field.type], "description": field.description}
    if field.choices:
        schema["enum"] = list(field.choices)
    if field.name not in NOT_NULL and not field.type.endswith("list"):
        schema["nullable"] = True
        if field.choices:
            schema["enum"].append(None)
    return schema


def record_schema(collection):
    """The schema of one record of ``collection`` as the API returns it."""
    properties = {field.name: field_schema(field) for field in collection.fields}
    properties["links"] = {
        "type": "object",
        "description": "URLs of this record, its public page and the records it refers to.",
        "properties": {"self": {"type": "string"}},
        "required": ["self"],
        "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def detail_schema(collection, name):
    """The schema of one record in its own answer: the record, plus its detail fields."""
    ref = {"$ref": f"#/components/schemas/{name}"}
    extra = getattr(collection, "detail_fields", ())
    if not extra:
        return name, ref
    schema = record_schema(collection)
    properties = {**schema["properties"], **{item.name: item.schema for item in extra}}
    schema = {**schema, "properties": properties, "required": list(properties)}
    return f"{name}Detail", schema


def _query(name, description, schema):
    """A query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def filter_schema(item):
    """The JSON schema of one filter's value."""
    if item.choices:
        return {"type": "string", "enum": list(item.choices)}
    if item.text:
        return {"type": "string"}
    return {"type": "integer", "minimum": 1}


def list_parameters(collection):
    """Pagination and the filters of ``collection``."""
    parameters = [
        _query(
            "page",
            "Page number, from 1.",
            {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1},
        ),
        _query(
            "per_page",
            "Records per page.",
            {"type": "integer", "minimum": 1, "maximum": 100, "default": 25},
        ),
        _query(
            "after",
            "The id of the last record of the previous page (the `next` link sets it): the "
            "page starts after that record, as fast at page 4,000 as at page 2.",
            {"type": "integer", "minimum": 1},
        ),
    ]
    for item in collection.api_filters:
        parameters.append(_query(item.name, item.description, filter_schema(item)))
    return parameters


ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema, description):
    """A JSON response."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(base_path):
    """The whole OpenAPI 3.0 document, with ``base_path`` as the server URL."""
    paths = {}
    schemas = {
        "Error": {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
                    "required": ["status", "message"],
                }
            },
            "required": ["error"],
        },
        "PageMeta": {
            "type": "object",
            "properties": {
                name: {"type": "integer"} for name in ("page", "per_page", "total", "pages")
            },
            "required": ["page", "per_page", "total", "pages"],
        },
        "PageLinks": {
            "type": "object",
            "properties": {
                name: {"type": "string", "nullable": name in ("prev", "next")}
                for name in ("self", "first", "last", "prev", "next")
            },
            "required": ["self", "first", "last", "prev", "next"],
        },
    }
    for collection in api_collections():
        kind = collection.collection
        name = "".join(part.title() for part in kind.split("_"))
        schemas[name] = record_schema(collection)
        ref = {"$ref": f"#/components/schemas/{name}"}
        detail_name, detail = detail_schema(collection, name)
        if detail_name != name:
            schemas[detail_name] = detail
        detail_ref = {"$ref": f"#/components/schemas/{detail_name}"}
        segment = collection.path
        paths[f"/{segment}"] = {
            "get": {
                "operationId": f"list_{kind}",
                "summary": f"{collection.plural}: published records, a page at a time.",
                "parameters": list_parameters(collection),
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {
                                "data": {"type": "array", "items": ref},
                                "meta": {"$ref": "#/components/schemas/PageMeta"},
                                "links": {"$ref": "#/components/schemas/PageLinks"},
                            },
                            "required": ["data", "meta", "links"],
                        },
                        "A page of records.",
                    ),
                    "400": _json(ERROR, "page or per_page out of range."),
                },
            }
        }
        paths[f"/{segment}/{{record_id}}"] = {
            "get": {
                "operationId": f"get_{kind}",
                "summary": f"One published record of {collection.plural.lower()} by its stable id.",
                "parameters": [
                    {
                        "name": "record_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 0},
                    }
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"data": detail_ref},
                            "required": ["data"],
                        },
                        "The record.",
                    ),
                    "404": _json(ERROR, "No published record with this id."),
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "KC Police Accountability Tracker API",
            "version": "1.0.0",
            "description": "Read-only JSON of published records. Private fields and unpublished "
            "records are never included. Ids are stable.",
        },
        "servers": [{"url": base_path}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
