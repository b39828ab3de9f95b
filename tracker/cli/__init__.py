"""The tracker's ``flask`` commands."""

from tracker.cli.users import create_user_command
from tracker.demo.seed import seed_demo_command


def register_commands(app):
    """Add the tracker's commands to ``app.cli``."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
