"""Uploaded source documents: recognised by their first bytes, stored under their SHA-256."""

import hashlib
from pathlib import Path

from flask import current_app

# What a file's first bytes say it is; the name and the browser's claim are ignored.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


class UploadError(ValueError):
    """An upload the tracker will not keep; the message says why."""


def sniff(head):
    """The content type that ``head`` (the first bytes) shows, or None."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def upload_folder():
    """Where documents are stored (``instance/uploads`` unless ``UPLOAD_FOLDER`` says)."""
    folder = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_document(storage):
    """Check and store an uploaded ``FileStorage``; return the Source document fields."""
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    data = storage.read(limit + 1)
    if not data:
        raise UploadError("The file is empty.")
    if len(data) > limit:
        raise UploadError("The file is larger than 20 MB.")
    content_type = sniff(data[:16])
    if content_type is None:
        raise UploadError(
            "Only PDF, PNG and JPEG files can be uploaded; this file is none of them."
        )
    digest = hashlib.sha256(data).hexdigest()
    path = upload_folder() / digest
    if not path.exists():
        path.write_bytes(data)
    return {
        "document_path": f"uploads/{digest}",
        "document_filename": (storage.filename or "document")[-255:],
        "document_content_type": content_type,
        "document_size": len(data),
        "document_sha256": digest,
    }
