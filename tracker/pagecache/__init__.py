"""The readers' page cache: public pages and API answers kept per version of the data.

An anonymous GET of a public page is looked up under its URL and the data stamp
(``tracker.records.stamp.data_stamp``, which moves on every publish, unpublish and edit), so a
cached page is never older than the data: a change makes a new key and the old entry is simply
never asked for again. Answers carry an ``ETag`` (a repeat gets ``304 Not Modified``) and
``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE`` so a proxy or CDN may keep them a short
time, with ``Vary: Cookie``. A request with a session or remember-me cookie is never served from
the cache, nor stored: signed-in users' pages stay theirs. Redis holds the cache when configured
(every server shares it), else each process keeps its own. A hit is answered by a small WSGI
middleware before Flask handles the request at all (``front.py``); the Flask hooks answer the
rest and store pages.
"""


def init_app(app):
    """Serve cached public pages before the view runs, and keep what the view made."""
    from tracker.pagecache.front import install_front
    from tracker.pagecache.hooks import register_page_cache

    register_page_cache(app)
    install_front(app)
