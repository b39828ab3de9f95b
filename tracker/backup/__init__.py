"""Backup and restore: the database and the uploaded documents, and a check of a restore."""


def init_app(app):
    """Add ``flask backup``, ``flask restore`` and ``flask backup-check``."""
    from tracker.backup.commands import backup_check_command, backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(backup_check_command)
