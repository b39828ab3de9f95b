"""``flask fatal-force reconcile --agency 201``: the reconciliation report on the command line."""

import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.fatalforce import source
from tracker.fatalforce.service import reconcile

fatal_force = AppGroup("fatal-force", help="The Washington Post's Fatal Force database.")


@fatal_force.command("reconcile")
@click.option("--agency", "agency_id", type=int, default=None, help="The Post's agency id.")
@click.option("--rows", "show_rows", is_flag=True, help="List every row and its match.")
def reconcile_command(agency_id, show_rows):
    """Match the Post's rows of one agency to the tracker's cases and report (changes no case)."""
    agency_id = agency_id or current_app.config["FATAL_FORCE_AGENCY"]
    started = time.perf_counter()
    try:
        report = reconcile(agency_id)
    except (source.MissingFiles, LookupError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    seconds = time.perf_counter() - started
    figures = report.figures
    click.echo(
        f"{report.agency.label}, agency {agency_id}: {figures['rows']} of the Post's "
        f"{report.rows_read:,} rows (data through {report.data_through})."
    )
    click.echo(
        f"matched {figures['matched']}, proposed (to confirm) {figures['proposed']}, "
        f"missing from the tracker {figures['missing']}, "
        f"tracker cases the Post does not list {figures['unlisted']}."
    )
    if show_rows:
        for result in report.results:
            row = result.row
            cases = "; ".join(
                f"#{match.case.id} {match.case.title} [{match.how}: {', '.join(match.evidence)}]"
                for match in result.matches
            )
            click.echo(f"  {row.id} {row.date} {row.name or '(no name)'}: {result.status} {cases}")
        for case in report.unlisted:
            click.echo(f"  not listed by the Post: #{case.id} {case.title}")
    click.echo(f"Took {seconds:.2f} s.")
