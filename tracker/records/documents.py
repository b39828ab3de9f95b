"""Uploaded source documents: checked whole, stored by SHA-256, served only as attachments.

The bytes go to the document store (``tracker.storage``) that every server reads.

A file is recognised by its first bytes, then parsed whole (pypdf for a PDF, Pillow for a PNG
or JPEG); it is served under a generated name with ``nosniff`` and a sandbox CSP.
"""

import io
import time
from pathlib import Path

from flask import abort, current_app, send_file
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from tracker.storage import load_blob, save_blob

# What a file's first bytes say it is; the name and the browser's claim are ignored.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)

# PDF names that make a document act rather than show, or hide content from an editor who
# reviews its pages for private data: what each one is, as the refusal says it.
ACTIVE_PDF_NAMES = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "an action that launches a program",
    "/EmbeddedFile": "an embedded file",
    "/EmbeddedFiles": "an embedded file",
    "/RichMedia": "embedded media",
    "/XFA": "an XFA form",
}
PDF_CHECK_SECONDS = 30  # a 20 MB PDF of ordinary pages takes a few seconds
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
IMAGE_MAX_PIXELS = 50_000_000  # a 50-megapixel photograph decodes to about 150 MB

PRINT_IT = "Print it to a new PDF (or scan it) and upload that."
UNREADABLE_PDF = (
    "This PDF could not be read: the file is damaged or is not a complete PDF. "
    "Nothing was saved; export or scan it again and upload the new file."
)
ENCRYPTED_PDF = (
    "This PDF is encrypted (a password or copy protection). The tracker keeps only unencrypted "
    "PDFs, so that editors can check them for private data and every reader can open them. "
    + PRINT_IT
)
TOO_COMPLEX_PDF = (
    "This PDF is too complex to check in reasonable time. Upload the pages the record cites, "
    "printed to a new PDF."
)
UNREADABLE_IMAGE = (
    "This image could not be read: the file is damaged or is not a complete {kind} image. "
    "Nothing was saved; save or scan it again and upload the new file."
)


class UploadError(ValueError):
    """An upload the tracker will not keep; the message says why."""


def sniff(head):
    """The content type that ``head`` (the first bytes) shows, or None."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def _in_time(deadline):
    """Refuse the PDF once checking it has taken longer than ``PDF_CHECK_SECONDS``."""
    if time.monotonic() > deadline:
        raise UploadError(TOO_COMPLEX_PDF)


def _active_names(reader, deadline):
    """The ``ACTIVE_PDF_NAMES`` found in any object reachable from the PDF's trailer."""
    found, seen, stack = set(), set(), [reader.trailer]
    while stack:
        _in_time(deadline)
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # streams too: their dictionary is walked
            found.update(name for name in obj if name in ACTIVE_PDF_NAMES)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, NameObject) and obj in ACTIVE_PDF_NAMES:
            found.add(str(obj))
    return found


def check_pdf(data):
    """Parse the whole PDF: its cross-reference table, every page and every reachable object.

    Refused: a file pypdf cannot read, no pages, encryption, JavaScript, launch actions,
    embedded files, rich media or XFA forms anywhere in it, and a file whose check takes
    longer than ``PDF_CHECK_SECONDS``.
    """
    deadline = time.monotonic() + PDF_CHECK_SECONDS
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadError(ENCRYPTED_PDF)
        pages = len(reader.pages)
        for page in reader.pages:
            _in_time(deadline)
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()  # decodes every content stream: a cut-off file fails here
        active = _active_names(reader, deadline)
    except UploadError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise UploadError(UNREADABLE_PDF) from error
    if pages == 0:
        raise UploadError("This PDF has no pages. " + PRINT_IT)
    if active:
        what = sorted({ACTIVE_PDF_NAMES[name] for name in active})
        raise UploadError(
            f"This PDF contains {' and '.join(what)}, which the tracker does not keep: an editor "
            "reviewing its pages would not see it, and a reader's PDF viewer might run it. "
            + PRINT_IT
        )


def check_image(data, content_type):
    """Decode the whole PNG or JPEG with Pillow (checksums verified, every pixel loaded)."""
    kind = IMAGE_FORMATS[content_type]
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            if width * height > IMAGE_MAX_PIXELS:
                raise UploadError(_too_many_pixels(width, height))
            image.verify()
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            image.load()
    except UploadError:
        raise
    except Image.DecompressionBombError as error:
        raise UploadError(_too_many_pixels()) from error
    except Exception as error:  # so does Pillow
        raise UploadError(UNREADABLE_IMAGE.format(kind=kind)) from error


def _too_many_pixels(width=None, height=None):
    """The refusal of an image too large to decode safely."""
    size = f" ({width} × {height} pixels)" if width else ""
    return (
        f"This image is too large{size}: at most {IMAGE_MAX_PIXELS // 1_000_000} megapixels. "
        "Save a smaller copy and upload that."
    )


def upload_folder():
    """The folder of document files (``instance/uploads`` unless ``UPLOAD_FOLDER`` says).

    Documents used to be stored there; backups and restores still copy files there.
    """
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
    if content_type == "application/pdf":
        check_pdf(data)
    else:
        check_image(data, content_type)
    # In the document store every server reads (the database unless S3 is configured); it is
    # written with the source, in the same transaction.
    digest = save_blob(data, content_type)
    return {
        "document_path": f"uploads/{digest}",
        "document_filename": (storage.filename or "document")[-255:],
        "document_content_type": content_type,
        "document_size": len(data),
        "document_sha256": digest,
    }


def document_response(source, private):
    """The source's document as a download: a generated name, never rendered by the browser.

    ``private`` (the workspace) keeps it out of every cache; a public copy may be cached but is
    revalidated, so withdrawing a review takes effect at once.
    """
    data = load_blob(source.document_sha256)
    if data is None:
        abort(404)
    response = send_file(
        io.BytesIO(data),
        mimetype=source.document_content_type,
        as_attachment=True,
        download_name=source.document_download_name,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if private:
        response.headers["Cache-Control"] = "private, no-store"
    return response
