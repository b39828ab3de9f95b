"""``flask import-csv KIND FILE``: the same dry run and all-or-nothing import as the web page."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from tracker.imports.kinds import importable_kinds
from tracker.imports.services import ImportFailed, apply_import, decode, plan_import


def _known_kind(name):
    """``name`` when it is an importable kind, else a usage error listing them."""
    if name not in importable_kinds():
        known = ", ".join(importable_kinds())
        raise click.BadParameter(f"{name!r} is not one of: {known}", param_hint="KIND")
    return name


@click.command("import-csv")
@click.argument("kind", callback=lambda context, parameter, value: _known_kind(value))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only check the file and list what would change.")
@click.option("--update-existing", is_flag=True, help="Update records matched by natural key.")
@with_appcontext
def import_csv_command(kind, file, dry_run, update_existing):
    """Import records of KIND from the CSV FILE as drafts (all rows or none)."""
    text, problem = decode(file.read_bytes())
    if problem is not None:
        click.echo(f"error: {problem.reason}", err=True)
        sys.exit(1)
    plan = plan_import(kind, text, file.name, update_existing)
    for row in plan.rows:
        click.echo(f"row {row.row}: {row.action} {row.title}")
    for item in plan.problems:
        where = f"row {item.row}" + (f", column {item.column}" if item.column else "")
        click.echo(f"error: {where}: {item.reason}", err=True)
    if plan.problems:
        click.echo("Nothing was imported.", err=True)
        sys.exit(1)
    summary = f"{plan.count('create')} to create, {plan.count('update')} to update"
    if dry_run:
        click.echo(f"Dry run: {summary}; nothing was written.")
        return
    try:
        records = apply_import(plan)
    except ImportFailed as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Imported {len(records)} records as drafts ({summary}).")


def _read(file):
    """The text of ``file``, or exit with the reason it cannot be read."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        click.echo(f"error: {file.name} is not UTF-8 text; save it as CSV (UTF-8).", err=True)
        sys.exit(1)
    if "\x00" in text:
        click.echo(f"error: {file.name} contains NUL characters; it is not a CSV file.", err=True)
        sys.exit(1)
    return text


def echo_roster_plan(plan):
    """Every row's action and every problem, as the workspace page lists them."""
    for row in plan.rows:
        click.echo(f"{row.file} row {row.row}: {row.action} {row.title}")
    for item in plan.problems:
        where = f"row {item.row}" + (f", {item.column}" if item.column else "")
        click.echo(f"error: {where}: {item.reason}", err=True)


@click.command("import-officers")
@click.argument("officers", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("assignments", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only check the files and list what would change.")
@click.option("--quiet", is_flag=True, help="Only the problems and the totals, not every row.")
@with_appcontext
def import_officers_command(officers, assignments, dry_run, quiet):
    """Import an OpenOversight roster: OFFICERS.csv and ASSIGNMENTS.csv (all rows or none)."""
    from tracker.imports.roster import plan_roster
    from tracker.imports.roster_write import apply_roster

    plan = plan_roster(_read(officers), _read(assignments), (officers.name, assignments.name))
    if quiet:
        plan_rows, plan.rows = plan.rows, []
        echo_roster_plan(plan)
        plan.rows = plan_rows
    else:
        echo_roster_plan(plan)
    if plan.problems:
        click.echo("Nothing was imported.", err=True)
        sys.exit(1)
    summary = ", ".join(
        f"{plan.count(action)} {word}"
        for action, word in (
            ("create", "to create"),
            ("update", "to update"),
            ("unchanged", "unchanged"),
        )
    )
    if dry_run or not plan.ok:
        click.echo(
            f"{'Dry run' if dry_run else 'Nothing to change'}: {summary}; nothing was written."
        )
        return
    try:
        changed = apply_roster(plan)
    except ImportFailed as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Imported the roster ({summary}): {changed} records written, new ones as drafts.")
