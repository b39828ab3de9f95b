"""The tracker's ``flask`` commands."""

from tracker.cli.backup import backup_check_command, backup_command, restore_command
from tracker.cli.users import create_user_command
from tracker.demo.seed import seed_demo_command
from tracker.imports.cli import import_csv_command


def register_commands(app):
    """Add the tracker's commands to ``app.cli``."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(import_csv_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(backup_check_command)
