"""PDF rendering with WeasyPrint inside a sandbox: only the app's static files and ``data:`` URIs.

A narrative is written by volunteers; a report must never make the server read its own files
(``file:``) or reach another host (cloud metadata at 169.254.169.254, an external tracker
pixel). ``SandboxedFetcher`` refuses everything else before any I/O happens, and records each
attempt so tests (and logs) can show what was asked for.
"""

import atexit
import gc
import logging
import mimetypes
import threading
import weakref
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from weasyprint import HTML
from weasyprint.formatting_structure.boxes import LineBox, MarginBox
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse
from werkzeug.security import safe_join

log = logging.getLogger(__name__)

# The base URL reports are rendered against: relative links resolve into the app's own space.
REPORT_BASE_URL = "https://tracker.invalid/"

# Tagged PDF for screen readers (WeasyPrint's PDF/UA variant: structure tree, language, title).
PDF_VARIANT = "pdf/ua-1"

# A last page holding fewer lines than this is a tail: the report is laid out once more with
# tighter spacing (``<html class="tight">``) and kept if that saves the page.
TAIL_LINES = 8
# Only reports of up to this many pages are laid out twice: a second layout of a 100-page
# multi-case report would double its cost to save one page of it.
TAIL_MAX_PAGES = 12


# A fresh FontConfiguration per render is never freed (about 0.2 MB each), so each thread keeps
# one for all its renders; threads do not share one, as it wraps fontconfig and Pango state.
#
# Each lives in ``_font_configurations`` (the only strong reference); the thread-local holds a
# token whose finalizer drops the thread's entry when the thread ends. At exit every remaining
# one is released while Pango and GLib are still loaded: one left to interpreter shutdown (a
# main thread that rendered, with a daemon thread that did too) was freed after the libraries
# it calls into, and the process died with SIGSEGV (exit status 139).
_fonts = threading.local()
_font_configurations = {}  # token -> FontConfiguration
_font_lock = threading.Lock()
_shutting_down = False


class _FontToken:
    """The per-thread key of a font configuration; its finalizer releases the configuration."""


def font_configuration():
    """The current thread's WeasyPrint font configuration, created on first use."""
    token = getattr(_fonts, "token", None)
    config = _font_configurations.get(token) if token is not None else None
    if config is not None:
        return config
    config = FontConfiguration()
    if _shutting_down:  # after the exit handler: this render's own, freed when it ends
        return config
    token = _fonts.token = _FontToken()
    with _font_lock:
        _font_configurations[token] = config
    weakref.finalize(token, _font_configurations.pop, token, None)
    return config


@atexit.register
def release_font_configurations():
    """Free every thread's font configuration now, before interpreter shutdown."""
    global _shutting_down
    _shutting_down = True
    with _font_lock:
        released = list(_font_configurations.values())
        _font_configurations.clear()
    del released  # the last references: Pango objects are unreferenced here
    gc.collect()


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
    """Render ``html`` to tagged PDF bytes with the sandboxed fetcher and the given metadata.

    When the last page would hold only a few lines, the document is laid out again with
    tighter spacing; the tighter layout is kept only when it has fewer pages.
    """
    fetcher = fetcher or SandboxedFetcher(static_folder)
    document = _layout(html, fetcher)
    pages = len(document.pages)
    if 1 < pages <= TAIL_MAX_PAGES and body_lines(document.pages[-1]) < TAIL_LINES:
        tight = _layout(html.replace("<html ", '<html class="tight" ', 1), fetcher)
        if len(tight.pages) < pages:
            document = tight
    document.metadata.title = title
    document.metadata.authors = [author]
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _layout(html, fetcher):
    """The laid-out WeasyPrint document of ``html``."""
    return HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher).render(
        font_config=font_configuration()
    )


def body_lines(page):
    """How many lines of text a laid-out page holds, leaving out its running header and footer."""
    return sum(
        1
        for child in page._page_box.children  # noqa: SLF001 (WeasyPrint has no public box tree)
        if not isinstance(child, MarginBox)
        for box in child.descendants()
        if isinstance(box, LineBox)
    )
