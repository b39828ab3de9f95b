"""Read a PDF's text and metadata with poppler's ``pdftotext`` and ``pdfinfo``."""

import shutil
import subprocess

import pytest


def _tool(name):
    """The path of a poppler tool, or skip (fail under CI) when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} (poppler-utils) is required") if _in_ci() else pytest.skip(name)
    return path


def _in_ci():
    """True when running under CI, where a missing tool is a failure."""
    import os

    return bool(os.environ.get("CI"))


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
