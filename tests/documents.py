"""Real and hostile documents for upload tests, made on the spot with pypdf and Pillow."""

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(pages=1, javascript=False, launch=False, attachment=False, password=None):
    """A PDF of ``pages`` blank pages, with the asked-for hostile parts."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    if javascript:
        action = {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}
        _open_action(writer, action)
    if launch:
        _open_action(writer, {"/S": NameObject("/Launch"), "/F": TextStringObject("calc.exe")})
    if attachment:
        writer.add_attachment("hidden.txt", b"a private name nobody reviewed")
    if password is not None:
        writer.encrypt(password, "owner password")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(writer, action):
    """Run ``action`` when the document opens."""
    entries = {NameObject(key): value for key, value in action.items()}
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(entries)


def image_bytes(kind="PNG", size=(40, 30)):
    """A small PNG or JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, kind)
    return buffer.getvalue()


def upload(client, data, filename="document.pdf", record=None, **fields):
    """Post the new-source form with ``data`` as the file (cited on ``record`` when given)."""
    form = {"title": "Uploaded scan", "source_kind": "official_record", **fields}
    form["document"] = (io.BytesIO(data), filename)
    url = "/manage/sources/new" + (f"?record={record.id}" if record is not None else "")
    return client.post(url, data=form, content_type="multipart/form-data")
