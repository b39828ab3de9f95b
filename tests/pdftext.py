"""Read a PDF's text and metadata with poppler's ``pdftotext`` and ``pdfinfo``."""

import shutil
import subprocess

from tests.conftest import unavailable


def _tool(name):
    """The path of a poppler tool, or skip (fail under CI) when it is missing."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} (poppler-utils)")
    return path


def pdf_text(data):
    """The text of the PDF ``data``, pages joined."""
    result = subprocess.run(  # noqa: S603 (fixed tool, bytes on stdin)
        [_tool("pdftotext"), "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_info(data):
    """The ``pdfinfo`` fields of the PDF ``data`` as a dict."""
    result = subprocess.run(  # noqa: S603
        [_tool("pdfinfo"), "-"], input=data, capture_output=True, check=True
    )
    info = {}
    for line in result.stdout.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info
