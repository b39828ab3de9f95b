"""Back up the database and the uploaded documents, restore them, and check a restore.

``flask backup DIR`` writes ``DIR/database.dump`` (``pg_dump --format=custom`` on PostgreSQL,
the SQLite backup API's copy on SQLite), ``DIR/uploads/`` (every uploaded document) and
``DIR/manifest.json``: the migration revision, the rows in every table, the SHA-256 of every
document and a checksum of the public record (every published record of every open-data kind,
as ``/data/<kind>.json`` serves it).

``flask restore DIR`` loads them into the configured database, which must be empty (a new
PostgreSQL database made with ``createdb``, or a new SQLite file), and upload folder.
``flask backup-check DIR`` compares what the configured database and upload folder hold with the
manifest and exits non-zero, listing each difference, when the restored site would not match.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs pg_dump and pg_restore only
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import make_url

from tracker.extensions import db
from tracker.kinds import exported_collections
from tracker.models import Source
from tracker.opendata.export import rows
from tracker.records.documents import upload_folder
from tracker.records.visibility import public_view
from tracker.storage import load_blob

DUMP = "database.dump"
MANIFEST = "manifest.json"
UPLOADS = "uploads"


class BackupError(click.ClickException):
    """A backup, restore or check that cannot go on; the message says why."""


def _database_url():
    """The SQLAlchemy URL of the configured database."""
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _is_postgresql(url):
    return url.get_backend_name() == "postgresql"


def _libpq(url):
    """``(connection URL without the password, environment)`` for pg_dump and pg_restore."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command, env=None):
    """Run a PostgreSQL client tool; a failure becomes a BackupError with its message."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    result = subprocess.run(  # noqa: S603  # nosec B603  # fixed tool, arguments from config
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_path(url):
    """The file of an SQLite URL (an in-memory database cannot be backed up)."""
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(url.database)


def _sha256(path):
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _documents():
    """``{sha256: size}`` of every uploaded document the sources refer to."""
    statement = select(Source.document_sha256, Source.document_size).where(
        Source.document_sha256.is_not(None)
    )
    return {row.document_sha256: row.document_size for row in db.session.execute(statement)}


def site_snapshot():
    """What a restore must reproduce: migration, rows per table, public record, documents."""
    tables = sorted(inspect(db.engine).get_table_names())
    counts = {}
    for name in tables:
        if name.startswith("search_fts_"):  # FTS5's own shadow tables
            continue
        statement = select(func.count()).select_from(table(name))
        counts[name] = db.session.execute(statement).scalar_one()
    revision = None
    if "alembic_version" in tables:
        revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    public = hashlib.sha256()
    with public_view():  # the rows the public downloads, read as the public reads them
        for collection in sorted(exported_collections(), key=lambda item: item.collection):
            data = [collection.collection, rows(collection)]
            public.update(json.dumps(data, sort_keys=True, default=str).encode())
    return {
        "migration": revision,
        "counts": counts,
        "public_sha256": public.hexdigest(),
        "documents": _documents(),
    }


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(directory):
    """Write the database, the uploaded documents and a manifest into DIRECTORY (new or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: back up into a new directory.")
    directory.mkdir(parents=True, exist_ok=True)
    snapshot = site_snapshot()
    db.session.remove()
    url = _database_url()
    if _is_postgresql(url):
        target, env = _libpq(url)
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
            + ["--file", str(directory / DUMP), "--dbname", target],
            env,
        )
    else:
        source = sqlite3.connect(_sqlite_path(url))
        copy = sqlite3.connect(directory / DUMP)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    stored = directory / UPLOADS
    stored.mkdir()
    folder = upload_folder()
    missing = []
    for sha in snapshot["documents"]:
        data = _document_bytes(sha, folder)
        if data is not None:
            (stored / sha).write_bytes(data)
        else:
            missing.append(sha)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": url.get_backend_name(),
        **snapshot,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    click.echo(
        f"Backed up {sum(snapshot['counts'].values())} rows in {len(snapshot['counts'])} tables "
        f"and {len(snapshot['documents']) - len(missing)} documents to {directory}."
    )
    if missing:
        raise BackupError(
            f"{len(missing)} documents the sources cite are not in {folder}: {', '.join(missing)}"
        )


def _manifest(directory):
    """The manifest of a backup directory."""
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} does not exist: is {directory} a backup?")
    return json.loads(path.read_text())


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def restore_command(directory):
    """Load the backup in DIRECTORY into the configured (empty) database and upload folder."""
    manifest = _manifest(directory)
    url = _database_url()
    if manifest["database"] != url.get_backend_name():
        raise BackupError(
            f"The backup is of a {manifest['database']} database; DATABASE_URL is "
            f"{url.get_backend_name()}."
        )
    if inspect(db.engine).get_table_names():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    db.session.remove()
    db.engine.dispose()
    if _is_postgresql(url):
        target, env = _libpq(url)
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
            + ["--single-transaction", "--dbname", target, str(directory / DUMP)],
            env,
        )
    else:
        source = sqlite3.connect(directory / DUMP)
        restored = sqlite3.connect(_sqlite_path(url))
        try:
            source.backup(restored)
        finally:
            restored.close()
            source.close()
    folder = upload_folder()
    for path in sorted((directory / UPLOADS).iterdir()):
        target = folder / path.name
        if target.exists() and _sha256(target) != path.name:
            raise BackupError(f"{target} exists with other content; it was left as it is.")
        if not target.exists():
            shutil.copy2(path, target)
    click.echo(f"Restored {directory} into the {url.get_backend_name()} database and {folder}.")


def compare(manifest, snapshot, folder):
    """Every difference between a backup's manifest and the site as it is now."""
    problems = []
    if snapshot["migration"] != manifest["migration"]:
        problems.append(
            f"migration {snapshot['migration']} (the backup has {manifest['migration']})"
        )
    for name in sorted(set(manifest["counts"]) | set(snapshot["counts"])):
        expected, found = manifest["counts"].get(name), snapshot["counts"].get(name)
        if expected != found:
            problems.append(f"table {name}: {found} rows (the backup has {expected})")
    if snapshot["public_sha256"] != manifest["public_sha256"]:
        problems.append("the public record differs from the backup's")
    for sha in sorted(manifest["documents"]):
        data = _document_bytes(sha, folder)
        if data is None:
            problems.append(f"document {sha} is missing from the database and {folder}")
        elif hashlib.sha256(data).hexdigest() != sha:
            problems.append(f"document {sha} is damaged (its SHA-256 differs)")
    return problems


def _document_bytes(sha, folder):
    """A document's bytes: from the document store (``tracker.storage``), else a legacy file."""
    data = load_blob(sha)
    if data is None and (folder / sha).is_file():
        data = (folder / sha).read_bytes()
    return data


@click.command("backup-check")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def backup_check_command(directory):
    """Check that the configured database and uploads hold what the backup in DIRECTORY holds."""
    manifest = _manifest(directory)
    folder = upload_folder()
    problems = compare(manifest, site_snapshot(), folder)
    if problems:
        raise BackupError(
            "The restored site does not match the backup:\n  " + "\n  ".join(problems)
        )
    click.echo(
        f"The site matches the backup: {len(manifest['counts'])} tables, "
        f"{sum(manifest['counts'].values())} rows, the public record "
        f"(sha256 {manifest['public_sha256'][:16]}…) and {len(manifest['documents'])} documents."
    )
