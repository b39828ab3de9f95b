"""``flask generate-world``: a large synthetic tracker for the scale benchmark and tests."""

import time

import click
from flask.cli import with_appcontext

from tracker.extensions import db
from tracker.worldgen.plan import WorldPlan
from tracker.worldgen.writer import reindex, seed_used, write_world


@click.command("generate-world")
@click.option("--cases", type=click.IntRange(1, 5_000_000), default=1000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same world.")
@click.option("--demo/--no-demo", default=True, show_default=True, help="Load the demo first.")
@click.option("--index/--no-index", default=True, show_default=True, help="Rebuild search.")
@with_appcontext
def generate_world_command(cases, seed, demo, index):
    """Add CASES cases and the other kinds in proportion (most of them published).

    Per 100,000 cases: 50,000 complaints, 20,000 investigations, 20,000 duty events, 10,000
    officers, 60,000 people and 330,000 citations. Meant for a fresh database (the demo data
    is loaded first, so the demands exist); a seed can be used once per database.
    """
    plan = WorldPlan(cases)
    if seed_used(db.session, seed):
        raise click.UsageError(f"--seed {seed} was already used in this database; pick another.")
    if demo:
        from tracker.demo.seed import load_demo_data

        load_demo_data(db.session)
    started = time.perf_counter()
    total = plan.records + plan.sources
    with click.progressbar(length=total, label="Generating records", file=None) as bar:
        written = write_world(db.session, plan, seed, progress=bar.update)
    click.echo(
        f"Wrote {written} rows ({plan.records} records) in {time.perf_counter() - started:.1f} s."
    )
    if index:
        started = time.perf_counter()
        count = reindex(db.session)
        click.echo(f"Indexed {count} published records in {time.perf_counter() - started:.1f} s.")
