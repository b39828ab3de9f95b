"""Whole-kind downloads in bounded memory: rows read and written 500 at a time.

A streamed response's body is produced after the view has returned, outside the request's app
context and its public session. So each batch opens an app context and a ``public_view()`` of
its own: the public visibility rule holds for every batch, not only for the first.
Batches follow the id (keyset), so a batch costs the same at the end of 100,000 rows as at
the start.
"""

import csv
import io
import json
from datetime import UTC, datetime

from tracker.extensions import db
from tracker.kinds import batch_rows, collection_named
from tracker.opendata.export import BATCH_SIZE, csv_cell
from tracker.records.visibility import public_view


def row_batches(app, name, batch_size=None):
    """Yield lists of exported rows of the collection ``name``, each read behind the boundary."""
    batch_size = batch_size or BATCH_SIZE
    after = 0
    while True:
        with app.app_context(), public_view():
            collection = collection_named(name)
            statement = collection.published_statement()
            model = statement.column_descriptions[0]["entity"]
            records = db.session.scalars(statement.where(model.id > after).limit(batch_size)).all()
            rows = batch_rows(collection, records)
            after = records[-1].id if records else after
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return


def csv_chunks(app, name, batch_size=None):
    """The CSV download of ``name`` as text chunks: the header, then one chunk per batch."""
    with app.app_context():
        names = collection_named(name).field_names
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    yield buffer.getvalue()
    for rows in row_batches(app, name, batch_size):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([csv_cell(row[field]) for field in names])
        yield buffer.getvalue()


def json_chunks(app, name, batch_size=None):
    """The JSON download of ``name`` as text chunks.

    The same document ``to_json_document`` builds, with its count written last.
    """
    with app.app_context():
        collection = collection_named(name)
        fields = [
            {"name": field.name, "type": field.type, "description": field.description}
            for field in collection.fields
        ]
    head = {
        "kind": name,
        "generated_at": datetime.now(UTC).isoformat(),
        "fields": fields,
    }
    yield json.dumps(head)[:-1] + ', "records": ['
    count = 0
    for rows in row_batches(app, name, batch_size):
        yield ("," if count else "") + ",".join(json.dumps(row) for row in rows)
        count += len(rows)
    yield f'], "count": {count}}}'
