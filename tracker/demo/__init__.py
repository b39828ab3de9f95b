"""Demo data drawn only from the seed texts in ``shared/seeds``."""


def init_app(app):
    """Add ``flask seed-demo``."""
    from tracker.demo.seed import seed_demo_command

    app.cli.add_command(seed_demo_command)
