"""Signing in and out of the volunteers' workspace."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


def init_app(app):
    """Serve sign-in and sign-out, and add ``flask create-user``."""
    from tracker.auth import routes  # noqa: F401 (importing them adds their routes to bp)
    from tracker.auth.cli import create_user_command

    app.register_blueprint(bp)
    app.cli.add_command(create_user_command)
