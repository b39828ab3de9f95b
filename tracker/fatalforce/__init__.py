"""Reconciliation with The Washington Post's Fatal Force database (editors, /manage/fatal-force).

``source`` reads the Post's files, ``matching`` pairs rows and cases with their evidence,
``service`` runs a reconciliation and stores decisions, ``drafting`` starts a draft case from a
missing row; ``flask fatal-force reconcile --agency 201`` prints the report.
"""

from flask import Blueprint

bp = Blueprint("fatal_force", __name__)


def init_app(app):
    """Serve the workspace page and add ``flask fatal-force``."""
    from tracker.fatalforce import routes  # noqa: F401 (importing them adds their routes to bp)
    from tracker.fatalforce.cli import fatal_force

    app.register_blueprint(bp)
    app.cli.add_command(fatal_force)
