"""Stored files every server can read: documents and job results, named by their SHA-256.

By default the bytes live in the database (``document_blobs``), so one database backup holds
everything and any number of servers can serve any document. ``DOCUMENT_STORE = "s3"`` keeps
the bytes in an S3-compatible bucket instead (``tracker.storage.s3``); the row still records
the checksum, size and type, so every server knows the file exists.
"""

import hashlib

from flask import current_app
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import DocumentBlob

CHUNK_BYTES = 1024 * 1024


def _s3():
    """The S3 store when ``DOCUMENT_STORE`` is "s3", else None."""
    if current_app.config.get("DOCUMENT_STORE", "database") != "s3":
        return None
    from tracker.storage.s3 import s3_store

    return s3_store(current_app)


def save_blob(data, content_type):
    """Store ``data`` once (by checksum) in the session's transaction; return its SHA-256.

    The caller commits: a document and its bytes land together or not at all.
    """
    digest = hashlib.sha256(data).hexdigest()
    if db.session.get(DocumentBlob, digest) is not None:
        return digest
    store = _s3()
    blob = DocumentBlob(sha256=digest, size=len(data), content_type=content_type)
    if store is None:
        blob.location, blob.data = "database", data
    else:
        store.put(digest, data, content_type)  # an orphan object if the commit fails: harmless
        blob.location, blob.data = "s3", None
    db.session.add(blob)
    return digest


def load_blob(digest):
    """The bytes stored under ``digest``, or None when there are none."""
    if not digest:
        return None
    blob = db.session.get(DocumentBlob, digest)
    if blob is None:
        return None
    if blob.location == "s3":
        from tracker.storage.s3 import s3_store

        return s3_store(current_app).get(digest)
    return bytes(blob.data) if blob.data is not None else None


def blob_size(digest):
    """The size in bytes of the file stored under ``digest``, or None when there is none."""
    blob = db.session.get(DocumentBlob, digest) if digest else None
    return blob.size if blob is not None else None


def blob_chunks(app, digest, chunk_bytes=None):
    """The file under ``digest`` a megabyte at a time, for a response body.

    Each piece is read in an app context of its own (the body is sent after the view has
    returned), so serving a large prepared download never holds the whole file in memory.
    """
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    offset = 0
    while True:
        with app.app_context():
            blob = db.session.get(DocumentBlob, digest)
            if blob is None:
                return
            if blob.location == "s3":
                data = load_blob(digest)
                piece = data[offset : offset + chunk_bytes] if data is not None else b""
            else:
                piece = db.session.scalar(
                    select(func.substr(DocumentBlob.data, offset + 1, chunk_bytes)).where(
                        DocumentBlob.sha256 == digest
                    )
                )
            db.session.remove()
        if not piece:
            return
        yield bytes(piece)
        offset += len(piece)
