"""``flask import-csv KIND FILE``: the same dry run and all-or-nothing import as the web page.

With ``--mapping FILE`` (a preset's JSON) or ``--preset NAME`` the file may be any CSV or XLSX
layout: it is read through the mapping (``tracker.imports.mapped``), streamed, with no row cap.
"""

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


def _echo_problems(problems):
    """Print each problem with its row and column."""
    for item in problems:
        where = f"row {item.row}" + (f", column {item.column}" if item.column else "")
        click.echo(f"error: {where}: {item.reason}", err=True)


@click.command("import-csv")
@click.argument("kind", callback=lambda context, parameter, value: _known_kind(value))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only check the file and list what would change.")
@click.option("--update-existing", is_flag=True, help="Update records matched by natural key.")
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A column mapping (preset JSON): read a CSV or XLSX of any layout through it.",
)
@click.option("--preset", help="A saved preset's name (e.g. tracker-case) instead of --mapping.")
@click.option("--save-preset", help="Also save the --mapping file as a preset of this name.")
@click.option(
    "--suggest-mapping",
    is_flag=True,
    help="Print a mapping for FILE (suggested columns, each distinct choice value with its "
    "count) to edit and pass to --mapping; nothing is imported.",
)
@with_appcontext
def import_csv_command(
    kind, file, dry_run, update_existing, mapping_file, preset, save_preset, suggest_mapping
):
    """Import records of KIND from the CSV FILE as drafts (all rows or none)."""
    if suggest_mapping:
        _suggest(kind, file)
        return
    if mapping_file or preset:
        _mapped(kind, file, dry_run, update_existing, mapping_file, preset, save_preset)
        return
    text, problem = decode(file.read_bytes())
    if problem is not None:
        click.echo(f"error: {problem.reason}", err=True)
        sys.exit(1)
    plan = plan_import(kind, text, file.name, update_existing)
    for row in plan.rows:
        click.echo(f"row {row.row}: {row.action} {row.title}")
    _echo_problems(plan.problems)
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


def _suggest(kind, file):
    """Print the suggested mapping of ``file`` as JSON; the value counts go to stderr."""
    import json

    from tracker.imports.fields import targets
    from tracker.imports.mapping import Mapping, suggest_columns, suggest_value
    from tracker.imports.sheets import SheetError, rows
    from tracker.imports.survey import survey

    try:
        headers = [str(cell).strip() for cell in next(rows(file), [])]
        mapping = Mapping(kind, suggest_columns(kind, headers))
        _, total, values = survey(file, mapping)
    except SheetError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    fields = targets(kind)
    for target, listed in values.items():
        for spelling, shown, count in listed:
            guess = suggest_value(shown, fields[target].choices)
            mapping.values.setdefault(target, {})[spelling] = guess
            click.echo(
                f"{target}: {shown!r} in {count} of {total} rows -> {guess or '?'}", err=True
            )
    click.echo(json.dumps(mapping.to_json(), indent=2))


def _mapped(kind, file, dry_run, update_existing, mapping_file, preset, save_preset):
    """The mapped import of ``file``: print every row, then the summary; exit 1 on problems."""
    from tracker.imports.mapped import run_mapped
    from tracker.imports.mapping import MappingError
    from tracker.imports.presets import load_preset, mapping_from_text
    from tracker.imports.presets import save_preset as save

    try:
        if mapping_file:
            mapping = mapping_from_text(mapping_file.read_text(encoding="utf-8"))
        else:
            mapping = load_preset(preset)
        if mapping.kind != kind:
            raise MappingError(f"The mapping is for {mapping.kind}, not {kind}.")
        if save_preset:
            save(mapping, save_preset)
            click.echo(f'Saved the mapping as the preset "{save_preset}".')
    except MappingError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    try:
        run = run_mapped(
            mapping,
            file,
            file.name,
            update_existing,
            write=not dry_run,
            each_row=lambda number, action, title: click.echo(f"row {number}: {action} {title}"),
        )
    except ImportFailed as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    _echo_problems(run.problems)
    if run.ignored:
        click.echo(f"Columns not imported: {', '.join(run.ignored)}.")
    summary = (
        f"{run.counts['create']} to create, {run.counts['update']} to update, "
        f"{run.counts['unchanged']} unchanged, {run.refused} refused"
    )
    if run.problems:
        click.echo(f"{summary}. Nothing was imported.", err=True)
        sys.exit(1)
    if dry_run or not run.written:
        click.echo(f"Dry run: {summary}; nothing was written.")
        return
    click.echo(f"Imported as drafts: {summary}.")
