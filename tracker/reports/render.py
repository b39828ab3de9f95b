"""PDF rendering with WeasyPrint inside a sandbox: only the app's static files and ``data:`` URIs.

A narrative is written by volunteers; a report must never make the server read its own files
(``file:``) or reach another host (cloud metadata at 169.254.169.254, an external tracker
pixel). ``SandboxedFetcher`` refuses everything else before any I/O happens, and records each
attempt so tests (and logs) can show what was asked for.
"""

import logging
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse
from werkzeug.security import safe_join

log = logging.getLogger(__name__)

# The base URL reports are rendered against: relative links resolve into the app's own space.
REPORT_BASE_URL = "https://tracker.invalid/"


# A fresh FontConfiguration per render is never freed (about 0.2 MB each), so each thread keeps
# one for all its renders; threads do not share one, as it wraps fontconfig and Pango state.
_fonts = threading.local()


def font_configuration():
    """The current thread's WeasyPrint font configuration, created on first use."""
    if getattr(_fonts, "config", None) is None:
        _fonts.config = FontConfiguration()
    return _fonts.config


class RefusedFetch(ValueError):
    """The sandbox refused a URL."""


class SandboxedFetcher(URLFetcher):
    """Serve ``/static/...`` from the app's static folder and decode ``data:`` URIs; refuse all."""

    def __init__(self, static_folder, static_url_path="/static", base_url=REPORT_BASE_URL):
        """Serve files under ``static_folder`` for URLs under ``base_url`` + ``static_url_path``."""
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.static_folder = str(static_folder)
        self.static_prefix = static_url_path.rstrip("/") + "/"
        self.base = urlsplit(base_url)
        self.attempts = []  # every URL asked for, in order
        self.refused = []

    def fetch(self, url, headers=None):
        """Return the resource for ``url`` or raise ``RefusedFetch`` (WeasyPrint skips it)."""
        self.attempts.append(url)
        parts = urlsplit(url)
        if parts.scheme == "data":
            # Only data: URIs reach urllib here, decoded in memory.
            response = DataHandler().data_open(Request(url))  # noqa: S310
            return URLFetcherResponse(url, response.read(), dict(response.headers))
        if (
            parts.scheme == self.base.scheme
            and parts.netloc == self.base.netloc
            and parts.path.startswith(self.static_prefix)
        ):
            path = safe_join(self.static_folder, unquote(parts.path[len(self.static_prefix) :]))
            if path and Path(path).is_file():
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, Path(path).read_bytes(), {"Content-Type": content_type}
                )
        self.refused.append(url)
        log.info("PDF sandbox refused %s", url[:200])
        raise RefusedFetch(f"The report sandbox does not fetch {url[:200]}")


def render_pdf(html, static_folder, title, author, fetcher=None):
    """Render ``html`` to PDF bytes with the sandboxed fetcher and the given metadata."""
    fetcher = fetcher or SandboxedFetcher(static_folder)
    fonts = font_configuration()
    document = HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher).render(
        font_config=fonts
    )
    document.metadata.title = title
    document.metadata.authors = [author]
    return document.write_pdf()
