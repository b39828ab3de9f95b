"""Security settings applied to every response (``headers.py``)."""


def init_app(app):
    """Security headers on every response; no version in the development server's banner."""
    from tracker.security.headers import register_security_headers

    register_security_headers(app)
