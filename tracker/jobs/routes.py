"""The job pages: progress, the result to download, a retry; the admins' list of jobs."""

import io

from flask import abort, make_response, redirect, render_template, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from tracker.auth.decorators import admin_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.jobs import bp
from tracker.jobs.kinds import JOB_KINDS
from tracker.jobs.progress import JobView
from tracker.jobs.service import current_owner, job_by_token, retry_job, start_job
from tracker.kinds import exported_collections
from tracker.models import Job
from tracker.storage import load_blob


def _readable_job(token):
    """The job behind ``token`` when this visitor may follow it, else 404.

    A public report job is readable by whoever holds its unguessable link; any other job by
    its owner and admins only.
    """
    job = job_by_token(token)
    if job is None:
        abort(404)
    if JOB_KINDS[job.kind].public:
        return job
    if current_user.is_authenticated and (
        current_user.id == job.owner_id or current_user.has_role("admin")
    ):
        return job
    abort(404)


@bp.route("/jobs/<token>")
def detail(token):
    """The job's page: a progress bar that refreshes itself, then the result or the failure."""
    job = _readable_job(token)
    view = JobView.of(job)
    html = render_template("jobs/job.html", job=job, view=view, retry_form=EmptyForm())
    return make_response(html)


@bp.route("/jobs/<token>/result")
def result(token):
    """The job's result file, once it is done."""
    job = _readable_job(token)
    data = load_blob(job.result_sha256) if job.state == "done" else None
    if data is None:
        abort(404)
    content_type = "application/pdf" if job.result_filename.endswith(".pdf") else None
    response = send_file(
        io.BytesIO(data),
        mimetype=content_type or "application/octet-stream",
        as_attachment=content_type != "application/pdf",
        download_name=job.result_filename,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response  # no-store: jobs are a workspace blueprint


@bp.route("/jobs/<token>/retry", methods=["POST"])
def retry(token):
    """Start a failed job (or one whose worker stopped) again."""
    job = _readable_job(token)
    form = EmptyForm()
    if form.validate_on_submit() and JobView.of(job).may_retry:
        retry_job(job)
    return redirect(url_for("jobs.detail", token=job.token))


@bp.route("/manage/jobs")
@admin_required
def manage():
    """The latest jobs, and buttons to reindex search or prepare the open-data files."""
    jobs = db.session.scalars(select(Job).order_by(Job.id.desc()).limit(50)).all()
    return render_template(
        "jobs/manage.html",
        jobs=[JobView.of(job) for job in jobs],
        form=EmptyForm(),
    )


@bp.route("/manage/jobs/reindex", methods=["POST"])
@admin_required
def start_reindex():
    """Queue a rebuild of the search index."""
    if EmptyForm().validate_on_submit():
        job = start_job("search_reindex", "Rebuild the search index", {}, owner=current_owner())
        return redirect(url_for("jobs.detail", token=job.token))
    return redirect(url_for("jobs.manage"))


@bp.route("/manage/jobs/downloads", methods=["POST"])
@admin_required
def start_downloads():
    """Queue the preparation of every open-data file (CSV and JSON of each kind)."""
    from tracker.jobs.service import download_key
    from tracker.records.stamp import data_stamp

    if EmptyForm().validate_on_submit():
        stamp = data_stamp()
        for collection in exported_collections():
            for extension in ("csv", "json"):
                name = collection.collection
                start_job(
                    "data_download",
                    f"Prepare {name}.{extension}",
                    {"collection": name, "format": extension},
                    key=download_key(name, extension, stamp),
                    owner=current_owner(),
                )
    return redirect(url_for("jobs.manage"))
