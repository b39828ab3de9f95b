"""What every record kind shares: titles and slugs, revision history, the publish workflow."""


def init_app(app):
    """Write a revision for every change to a record (a session hook)."""
    from tracker.extensions import db
    from tracker.records.history import register_revision_listener

    register_revision_listener(db.session)
