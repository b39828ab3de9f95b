"""Big spreadsheets in the background: the file is stored, a job streams it through the mapping.

The dry run and the import are each a job of their own (``mapped_import``) with a progress bar
(rows done of the file's rows, rows refused so far, time left) kept in the ``jobs`` row, so it
survives a reload. The dry run's result is a CSV of every row's outcome; the import writes all
rows in one transaction, committed with the job's "done" (all or nothing, and a retry after a
killed worker starts from a clean database).
"""

import csv
import io
import json
import tempfile
from contextlib import contextmanager

from flask import current_app

from tracker.extensions import db
from tracker.imports.mapped import count_rows, run_mapped
from tracker.imports.mapping import Mapping
from tracker.models import Job
from tracker.storage import blob_chunks, save_blob

PROBLEMS_IN_MESSAGE = 5
UPLOAD_TYPE = "application/x-tracker-import"  # a stored blob the mapping pages may read


def store_upload(data):
    """Keep an uploaded spreadsheet where every server and worker can read it; its SHA-256."""
    digest = save_blob(data, UPLOAD_TYPE)
    db.session.commit()
    return digest


def start_mapped_job(mapping, digest, filename, update_existing, write, owner):
    """Start the job that dry-runs (or imports) the stored file ``digest``; return the job."""
    from tracker.jobs.service import start_job

    what = "Import" if write else "Check (dry run)"
    return start_job(
        "mapped_import",
        f"{what}: {filename} as {mapping.kind} records",
        {
            "mapping": mapping.to_json(),
            "sha256": digest,
            "filename": filename,
            "update_existing": bool(update_existing),
            "write": bool(write),
        },
        owner=owner,
    )


@contextmanager
def stored_file(digest):
    """The stored file ``digest`` copied to a temporary file a megabyte at a time; its path."""
    app = current_app._get_current_object()
    with tempfile.NamedTemporaryFile(suffix=".upload") as handle:
        for piece in blob_chunks(app, digest):
            handle.write(piece)
        handle.flush()
        yield handle.name


def run_job(job, params, progress, finish, result_class, failed_class):
    """The ``mapped_import`` job: stream the stored file through the mapping."""
    job_id = job.id
    mapping = Mapping.from_json(params["mapping"])
    report = io.StringIO()
    writer = csv.writer(report)
    writer.writerow(["row", "outcome", "title or column", "reason"])
    with stored_file(params["sha256"]) as path:
        total = count_rows(path)
        progress(0, total)

        # SQLite has one writer at a time: while the import's transaction writes, the
        # progress row (written on a connection of its own) would wait for it, batch after
        # batch, so the progress goes only to the job's progress file (``jobs.beacon``).
        quiet = params["write"] and db.engine.dialect.name == "sqlite"

        def step(run):
            """The progress bar: rows done, and the rows refused so far."""
            refused = f"{run.refused:,} rows refused so far." if run.refused else None
            if quiet:
                progress(run.done, total, refused, database=False)
            else:
                progress(run.done, total, refused)

        def before_commit(run):
            """The job's "done" goes into the import's own commit."""
            _finish_job(job_id, total, result_class(_summary(run, params["filename"])), finish)

        run = run_mapped(
            mapping,
            path,
            params["filename"],
            params["update_existing"],
            write=params["write"],
            progress=step,
            each_row=lambda number, action, title: writer.writerow([number, action, title, ""]),
            before_commit=before_commit,
        )
    for problem in run.problems:
        writer.writerow([problem.row, "refused", problem.column or "", problem.reason])
    if run.problems and params["write"]:
        raise failed_class(_refused(run))
    if params["write"]:
        job.state = "done"  # the runner's copy: the import's commit already finished the job
        return None
    message = _summary(run, params["filename"]) if not run.problems else _refused(run)
    # The import's batches let go of the runner's copy of the job: finish a fresh one here.
    result = result_class(message, report.getvalue().encode(), "dry-run.csv", "text/csv")
    _finish_job(job_id, total, result, finish)
    db.session.commit()
    job.state = "done"
    return None


def _finish_job(job_id, total, result, finish):
    """Mark the job done with ``result``, every row of ``total`` counted as done.

    The session's copy of the job may predate the progress written beside it, so the total
    is set here rather than read.
    """
    job = db.session.get(Job, job_id)
    job.total = total
    finish(job, result)


def _summary(run, filename):
    """What the import did (or would do), in numbers."""
    return (
        f"{filename}: {run.counts['create']:,} created, {run.counts['update']:,} updated, "
        f"{run.counts['unchanged']:,} unchanged, {run.refused:,} refused."
    )


def _refused(run):
    """Why nothing was imported: the count and the first problems."""
    first = "; ".join(
        f"row {p.row}{', ' + p.column if p.column else ''}: {p.reason}"
        for p in run.problems[:PROBLEMS_IN_MESSAGE]
    )
    return f"{run.refused:,} rows were refused, so nothing was imported. First: {first}"


def mapping_json(mapping):
    """The mapping as the text of a preset file."""
    return json.dumps(mapping.to_json(), indent=2, sort_keys=True)
