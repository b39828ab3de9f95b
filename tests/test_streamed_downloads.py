"""/data downloads streamed in batches: the same files as before, bounded memory, and the public
visibility rule in every batch (a batch is read after the view returned, outside its request).
"""

import csv
import io
import json

import pytest
from flask import has_request_context

from tests import factories
from tests.privacy import plant_private_markers
from tracker.kinds import collection_named, exported_collections
from tracker.opendata import stream
from tracker.opendata.export import to_json_document
from tracker.records.visibility import public_view

KINDS = [item.collection for item in exported_collections()]


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 2 rows, so a handful of records spans several batches."""
    monkeypatch.setattr(stream, "BATCH_SIZE", 2)


@pytest.fixture
def planted(app, small_batches):
    """Records with a private marker everywhere, and more published cases around the drafts."""
    world = plant_private_markers()
    for number in range(5):
        factories.make_case(publish=True, title=f"Streamed case {number}")
        factories.make_case(title=f"{world.marker} draft between published cases {number}")
    from tracker.extensions import db

    db.session.commit()
    return world


@pytest.mark.parametrize("kind", KINDS)
def test_streamed_downloads_never_show_a_private_marker(client, planted, kind):
    for extension in ("csv", "json"):
        response = client.get(f"/data/{kind}.{extension}")
        assert response.status_code == 200
        assert "Content-Length" not in response.headers  # streamed, not built whole
        body = response.get_data(as_text=True)
        assert planted.marker not in body, (kind, extension)


def test_every_batch_is_read_behind_the_boundary_outside_the_request(
    app, client, planted, monkeypatch
):
    seen = []
    kind_class = type(collection_named("cases"))
    real_rows = kind_class.rows

    def spy(self, records):
        from tracker.extensions import db
        from tracker.records.visibility import is_public

        records = list(records)
        seen.extend((has_request_context(), is_public(db.session())) for _record in records)
        return real_rows(self, records)

    monkeypatch.setattr(kind_class, "rows", spy)
    body = client.get("/data/cases.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 6  # the planted case and the 5 published around the drafts
    assert len(seen) == 6 and all(public for _request, public in seen)
    assert not any(in_request for in_request, _public in seen)  # after the view returned
    assert "Streamed case 4" in body


@pytest.mark.parametrize("kind", KINDS)
def test_streamed_json_is_the_same_document_as_before(client, planted, kind):
    document = json.loads(client.get(f"/data/{kind}.json").get_data(as_text=True))
    with public_view():
        expected = to_json_document(collection_named(kind))
    assert document["records"] == expected["records"]
    assert document["count"] == expected["count"] == len(document["records"])
    assert document["fields"] == expected["fields"] and document["kind"] == kind


def test_rows_are_read_a_batch_at_a_time(app, planted):
    batches = list(stream.row_batches(app, "cases"))
    assert [len(batch) for batch in batches] == [2, 2, 2]
    chunks = list(stream.csv_chunks(app, "cases"))
    assert len(chunks) == 1 + len(batches)  # the header, then one chunk per batch


def test_exported_rows_are_built_a_batch_at_a_time(app, planted, monkeypatch):
    """``export.rows`` (a backup's public record) builds rows a batch of ids at a time.

    Every id in one statement passed SQLite's limit of bound values at 100,000 cases.
    """
    from tracker.opendata import export

    with public_view():
        whole = export.rows(collection_named("cases"))
        sizes, build = [], export.batch_rows
        monkeypatch.setattr(export, "BATCH_SIZE", 2)
        monkeypatch.setattr(
            export,
            "batch_rows",
            lambda kind, records: sizes.append(len(records)) or build(kind, records),
        )
        assert export.rows(collection_named("cases")) == whole
    assert len(whole) > 2 and max(sizes) == 2 and sum(sizes) == len(whole)
