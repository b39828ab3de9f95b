"""Error pages that help: what went wrong and where to go next."""

from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from tracker.extensions import db

PAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "Your account does not have permission to open this page."),
    404: ("Page not found", "There is no page at this address."),
    405: ("Not allowed", "This page cannot be used that way."),
    413: ("File too large", "Uploads are limited to 20 MB a file."),
    429: ("Too many attempts", "Please wait a little before trying again."),
    500: ("Something went wrong", "The tracker hit an error; nothing you entered was saved."),
}


def render_error(code, description=None):
    """Render the error page for ``code``; API clients under ``/api/`` get JSON instead."""
    title, message = PAGES.get(code, PAGES[500])
    if request.path.startswith("/api/"):
        body = {"error": {"status": code, "message": description or message}}
        return jsonify(body), code
    try:
        page = render_template(
            "errors/error.html", code=code, title=title, message=description or message
        )
    except Exception:  # the error page itself must never fail; plain text will do
        current_app.logger.exception("The error page could not be rendered")
        page = f"{title}. {message}"
    return page, code


def register_error_handlers(app):
    """Route HTTP errors and unexpected exceptions to the error pages."""

    @app.errorhandler(HTTPException)
    def handle_http_error(error):
        """Show the page for an HTTP error (404, 403, ...)."""
        code = error.code or 500
        # Only the rate limiter's message ("try again in ...") is worth passing on verbatim.
        return render_error(code, error.description if code == 429 else None)

    @app.errorhandler(Exception)
    def handle_unexpected(error):
        """Roll back, log and show the 500 page; the database is left unchanged."""
        db.session.rollback()
        app.logger.exception("Unhandled error: %s", error)
        return render_error(500)
