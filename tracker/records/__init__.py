"""What every record kind shares: titles and slugs, revision history, the publish workflow."""


def init_app(app):
    """Write a revision for every change to a record; public requests read published only."""
    from tracker.extensions import db
    from tracker.records.history import register_revision_listener
    from tracker.records.visibility import register_visibility

    register_revision_listener(db.session)
    register_visibility(app)
