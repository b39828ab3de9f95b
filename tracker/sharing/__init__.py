"""Sharing: what a link preview, a search engine and a browser tab read.

Open Graph and Twitter card tags on every public page (``templates/sharing/_meta.html``,
included by ``base.html``), ``robots.txt`` that keeps the workspace out, ``sitemap.xml`` of every
published page (a sitemap index over parts when there are many), the favicon, and a generated
preview image of a record's key facts for link previews.
"""

from flask import Blueprint

bp = Blueprint("sharing", __name__)


def init_app(app):
    """Serve robots.txt, the sitemap, the favicon and the preview images."""
    from tracker.sharing import routes  # noqa: F401 (importing them adds their routes to bp)
    from tracker.sharing.meta import share_context

    app.register_blueprint(bp)
    app.context_processor(share_context)
