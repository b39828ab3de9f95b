"""CSV import of records for editors: a template per kind, a dry run, an all-or-nothing commit."""

from flask import Blueprint

bp = Blueprint("imports", __name__)


def init_app(app):
    """Serve the import pages and add ``flask import-csv``."""
    from tracker.imports import mapping_routes, roster_routes, routes  # noqa: F401 (they add their routes to bp)
    from tracker.imports.cli import import_csv_command, import_officers_command

    app.register_blueprint(bp)
    app.cli.add_command(import_csv_command)
    app.cli.add_command(import_officers_command)
