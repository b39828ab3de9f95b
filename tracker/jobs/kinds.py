"""What each kind of job does. ``run(job, params, progress)`` returns a ``Result``.

A handler reads and computes; it writes nothing until it returns (the runner then stores the
result and the job's state in one transaction), except the import, which commits its records
and the job's "done" together.
"""

from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from tracker.extensions import db
from tracker.jobs.runner import Result, finish


class JobFailed(Exception):
    """A job that cannot do what was asked; the message is shown on the job's page."""


@dataclass(frozen=True)
class JobKind:
    """One kind of job: its name in the ``jobs`` table, its label, its handler."""

    name: str
    label: str
    run: Callable
    # Anyone holding the link may follow it (a public report); otherwise only its owner and
    # admins may.
    public: bool = False


def cases_report(job, params, progress):
    """A multi-case PDF report of the cases the filters select, however many."""
    from tracker.kinds.case_filters import CaseFilters
    from tracker.records.visibility import public_view
    from tracker.reports.collection import multi_case_report, selected_case_ids
    from tracker.reports.routes import render_report

    filters = CaseFilters.from_args(MultiDict(params.get("filters") or {}))
    with public_view():
        ids = selected_case_ids(filters)
        progress(0, len(ids))
        report = multi_case_report(filters, ids=ids, progress=progress)
        data = render_report(report, "reports/cases.html", params["title"], params.get("url"))
    return Result(
        message=f"The report of {len(report.cases)} cases is ready.",
        data=data,
        filename="cases-report.pdf",
        content_type="application/pdf",
    )


def officer_report(job, params, progress):
    """The PDF report of an officer on many cases (the page model alone can take seconds)."""
    from tracker.pages.officer import officer_page
    from tracker.records.visibility import public_view
    from tracker.reports.routes import render_report

    progress(0, 2)
    with public_view():
        page = officer_page(params["officer_id"], changes=False)
        if page is None:
            raise JobFailed("This officer is no longer published.")
        progress(1, 2)
        title = page.officer.display_name
        data = render_report(page, "reports/officer.html", title, params.get("url"))
    return Result(
        message=f"The report on {title} is ready.",
        data=data,
        filename=f"officer-{params['officer_id']}.pdf",
        content_type="application/pdf",
    )


def csv_import(job, params, progress):
    """A large CSV import: the dry run again, then every row in one transaction."""
    from tracker.imports.services import ImportFailed, apply_import, plan_import

    progress(0, 2)
    plan = plan_import(
        params["kind"], params["text"], params["filename"], params["update_existing"]
    )
    progress(1, 2)
    if not plan.ok:
        raise JobFailed(
            "The file no longer passes the dry run (the records changed since it was checked); "
            "nothing was imported. Check it again on the import page."
        )
    # The job's "done" is committed by the import's own single commit: a worker killed before
    # it leaves neither records nor a finished job, so a retry cannot import twice.
    finish(
        job,
        Result(
            f"Imported {plan.count('create')} created and {plan.count('update')} updated "
            f"from {plan.filename}, as drafts awaiting review."
        ),
    )
    try:
        apply_import(plan)
    except ImportFailed as error:
        raise JobFailed(str(error)) from error
    return None


def mapped_import(job, params, progress):
    """A spreadsheet through a column mapping: the dry run (a CSV of every row) or the import."""
    from tracker.imports.background import run_job

    return run_job(job, params, progress, finish, Result, JobFailed)


def search_reindex(job, params, progress):
    """Rebuild the search index in committed batches, reporting records done of the total.

    Searches use the old index until the new one is swapped in at the end; a retry after a
    killed worker continues after the last batch committed.
    """
    from tracker.search.reindex import reindex

    count = reindex(db.session, resume=bool(job.attempts > 1), progress=progress)
    return Result(f"Indexed {count} published records.")


def data_download(job, params, progress):
    """Prepare one ``/data`` file (CSV or JSON of one kind) as the data is now."""
    from flask import current_app

    from tracker.opendata.stream import csv_chunks, json_chunks

    app = current_app._get_current_object()
    chunks = csv_chunks if params["format"] == "csv" else json_chunks
    parts = []
    for done, part in enumerate(chunks(app, params["collection"]), start=1):
        parts.append(part.encode())
        progress(done, done + 1)  # batches of 500 rows; the count is known only at the end
    name = f"{params['collection']}.{params['format']}"
    content_type = "text/csv" if params["format"] == "csv" else "application/json"
    return Result(f"{name} is ready.", b"".join(parts), name, content_type)


JOB_KINDS = {
    kind.name: kind
    for kind in (
        JobKind("cases_report", "Case report", cases_report, public=True),
        JobKind("officer_report", "Officer report", officer_report, public=True),
        JobKind("csv_import", "CSV import", csv_import),
        JobKind("mapped_import", "Spreadsheet import", mapped_import),
        JobKind("search_reindex", "Search reindex", search_reindex),
        JobKind("data_download", "Open-data download", data_download),
    )
}
