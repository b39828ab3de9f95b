"""A preview of an uploaded document in the workspace: an image shows inline, a PDF its text.

A PDF's first page is shown as text (extracted by pypdf, which checked the file at upload),
never rendered by the browser: the document route forbids that with its sandbox policy.
"""

import io

from tracker.storage import load_blob

PREVIEW_CHARACTERS = 3000


def first_page_text(source, limit=PREVIEW_CHARACTERS):
    """The text of the first page of the source's PDF, cut at ``limit``; "" when there is none."""
    from pypdf import PdfReader  # only when a PDF is previewed

    if source.document_content_type != "application/pdf":
        return ""
    data = load_blob(source.document_sha256)  # the document store every server reaches
    if not data:
        return ""
    try:
        reader = PdfReader(io.BytesIO(data))
        text = reader.pages[0].extract_text() if reader.pages else ""
    except Exception:  # noqa: BLE001 (a damaged file: no preview, the download still works)
        return ""
    text = " ".join((text or "").split())
    return text[:limit] + ("…" if len(text) > limit else "")
