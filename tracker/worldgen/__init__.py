"""A synthetic world of records at any size, for the scale benchmark and tests.

``flask generate-world --cases N --seed S`` adds N cases and the other kinds in the proportions
of a large tracker (``plan.py``), written in batches straight into the models' tables
(``writer.py``) with a revision per record and the search index rebuilt afterwards.
"""


def init_app(app):
    """Add ``flask generate-world``."""
    from tracker.worldgen.cli import generate_world_command

    app.cli.add_command(generate_world_command)
