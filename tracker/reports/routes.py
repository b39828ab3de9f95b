"""PDF report routes: rendered once per version of what they show, then served from the cache."""

import logging
from datetime import UTC, datetime

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from sqlalchemy import func, select

from tracker.extensions import db, limiter
from tracker.kind_pages import add_report_routes
from tracker.kinds.case_filters import CaseFilters
from tracker.models import CaseOfficer, Officer, Record
from tracker.models.choices import PUBLISHED
from tracker.pages.case import case_page
from tracker.pages.common import officer_facts
from tracker.pages.demand import demand_page
from tracker.pages.officer import officer_page
from tracker.records.stamp import data_stamp
from tracker.reports import bp
from tracker.reports.cache import cache_key, fingerprint_memo, report_cache
from tracker.reports.charts import indicator_chart
from tracker.reports.collection import CasesReport, multi_case_report, selected_case_ids
from tracker.reports.render import render_pdf
from tracker.reports.summary import (
    case_summary,
    cases_overview,
    demand_summary,
    officer_summary,
)

log = logging.getLogger(__name__)


def _public_url(endpoint, **values):
    """The absolute URL of a public page, when this app serves it."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, _external=True, **values)


def pdf_response(kind, ident, load, template, filename, title_of, public_url_of=None):
    """Answer with the cached PDF (or 304), rendering it first when this version is new.

    ``load()`` returns the page model (``tracker.pages``, the one the HTML page renders), or
    None for 404. It is called only when the ETag of this data version is not yet known or the
    PDF must be rendered: a repeat costs one small query. ``title_of(page)`` and
    ``public_url_of(page)`` give the title and the page's URL.
    """
    name = f"{kind}:{ident}"
    stamp = data_stamp()
    memo = fingerprint_memo()
    etag = memo.get(name, stamp)
    page = None
    if etag is None:
        page = load()
        if page is None:
            abort(404)
        etag = cache_key(kind, ident, page.fingerprint)
        memo.set(name, stamp, etag)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        cache = report_cache()
        data = cache.get(etag)
        if data is None:
            page = page or load()
            if page is None:
                abort(404)
            public_url = public_url_of(page) if public_url_of else None
            data = render_report(page, template, title_of(page), public_url)
            cache.set(etag, data)
        response = Response(data, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    # Shared caches may keep it, but must ask again: an edit makes a new report at once.
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def render_report(page, template, title, public_url=None):
    """The PDF bytes of the page model ``page`` rendered with ``template``.

    One record must never break a report. If the report cannot be rendered whole (a text that
    WeasyPrint cannot lay out), the record at fault is found and shown as "could not be
    rendered" (logged), and the report is rendered again without it.
    """
    try:
        return _render(page, template, title, public_url)
    except Exception:  # RecursionError or any other layout failure of one record's content
        log.exception("Report %r could not be rendered whole; finding the record at fault", title)
    if isinstance(page, CasesReport):
        for case_page in page.cases:
            _mark_if_unrenderable(case_page)
    else:
        _mark(page, "text")
    return _render(page, template, title, public_url)


def _mark_if_unrenderable(case_page):
    """Render one case alone; when it fails, hide its narrative, then if need be all of it."""
    for level in ("text", "record"):
        try:
            _render(case_page, "reports/case.html", case_page.case.title)
        except Exception:  # the same failures as above, now narrowed to this case
            _mark(case_page, level)
        else:
            return


def _mark(page, level):
    """Show the page's Markdown text ("text") or all of it ("record") as not rendered."""
    page.render_error = level
    record = getattr(page, "record", None)
    log.error(
        "%s %s could not be rendered in a report; its %s is shown as not rendered",
        page.kind.capitalize(),
        record.id if record is not None else "",
        "text" if level == "text" else "content",
    )


def _render(page, template, title, public_url=None):
    """Render ``template`` with the page model ``page`` to PDF bytes."""
    record = getattr(page, "record", None)
    html = render_template(
        template,
        page=page,
        officer_facts=officer_facts,
        indicator_chart=indicator_chart,
        case_summary=case_summary,
        officer_summary=officer_summary,
        demand_summary=demand_summary,
        cases_overview=cases_overview,
        doc_title=title,
        generated=datetime.now(UTC),
        version=record.version if record is not None else None,
        as_of=page.as_of,
        public_url=public_url,
    )
    return render_pdf(
        html, current_app.static_folder, title=title, author=current_app.config["SITE_NAME"]
    )


@bp.route("/cases/<int:record_id>/report.pdf")
def case_report(record_id):
    """The printable report of one published case."""
    return pdf_response(
        "case",
        record_id,
        lambda: case_page(record_id, changes=False),
        "reports/case.html",
        filename=f"case-{record_id}.pdf",
        title_of=lambda page: page.case.title,
        public_url_of=lambda page: _public_url(
            "cases.detail", record_id=record_id, slug=page.record.slug
        ),
    )


@bp.route("/officers/<int:record_id>/report.pdf")
def officer_report(record_id):
    """The printable report of one published officer and every record involving them.

    An officer on more than ``OFFICER_REPORT_INLINE`` published cases is reported by a
    background job (the reader is sent to its page: progress, then the PDF), so no request
    outlives a worker's timeout however many records name the officer.
    """
    cases = _officer_case_count(record_id)
    if cases is None:
        abort(404)
    if cases > current_app.config["OFFICER_REPORT_INLINE"]:
        return _officer_report_job(record_id)
    return pdf_response(
        "officer",
        record_id,
        lambda: officer_page(record_id, changes=False),
        "reports/officer.html",
        filename=f"officer-{record_id}.pdf",
        # The masthead says "Officer report"; a title of "Officer: Officer <name>" said it twice.
        title_of=lambda page: page.officer.display_name,
        public_url_of=lambda page: _public_url(
            "officers.detail", record_id=record_id, slug=page.record.slug
        ),
    )


def _officer_case_count(record_id):
    """How many published cases name the published officer ``record_id``; None: no such officer."""
    officer = db.session.scalar(
        select(Officer.id).where(Officer.id == record_id, Officer.status == PUBLISHED)
    )
    if officer is None:
        return None
    return db.session.scalar(
        select(func.count())
        .select_from(CaseOfficer)
        .join(Record, Record.id == CaseOfficer.case_id)
        .where(CaseOfficer.officer_id == record_id, Record.status == PUBLISHED)
    )


def _officer_report_job(record_id):
    """Send the reader to the job rendering this officer's report (one job per data version)."""
    from tracker.jobs.service import start_job

    key = f"officer_report:{record_id}:{'/'.join(data_stamp())}"[:200]
    job = start_job(
        "officer_report",
        "Officer report",
        {"officer_id": record_id, "url": _public_url("officers.detail", record_id=record_id)},
        key=key,
    )
    return redirect(url_for("jobs.detail", token=job.token), code=303)


@bp.route("/demands/<int:number>/report.pdf")
def demand_report(number):
    """The dossier of one demand: text, status history, indicator with chart, evidence."""
    return pdf_response(
        "demand",
        number,
        lambda: demand_page(number),
        "reports/demand.html",
        filename=f"demand-{number}.pdf",
        title_of=lambda page: page.demand.title,
        public_url_of=lambda page: _public_url(
            "demands.detail", number=number, slug=page.record.slug
        ),
    )


# The PDFs of the kinds with pages of their own (a meeting's), added with the routes above: a
# blueprint takes routes only until its first registration.
add_report_routes(bp)


def _cases_report_limit():
    """How often one client may ask for multi-case reports (each may render for seconds)."""
    return current_app.config["CASES_REPORT_RATE_LIMIT"]


@bp.route("/cases/report.pdf")
@limiter.limit(_cases_report_limit)
def cases_report():
    """One report of every published case the ``/cases`` filters select, with contents.

    Up to ``CASES_REPORT_INLINE`` cases it is rendered here; a larger selection is a
    background job, and the reader is sent to its page (progress, then the PDF).
    """
    filters = CaseFilters.from_args(request.args)
    ident = "&".join(f"{key}={value}" for key, value in sorted(filters.to_args().items()))
    inline = current_app.config["CASES_REPORT_INLINE"]
    if len(selected_case_ids(filters, limit=inline + 1)) > inline:
        return _cases_report_job(filters, ident)
    return pdf_response(
        "cases",
        ident or "all",
        lambda: multi_case_report(filters),
        "reports/cases.html",
        filename="cases-report.pdf",
        title_of=lambda page: "Case report" + (" (filtered)" if filters.active else ""),
        public_url_of=lambda page: _public_url("cases.index", **filters.to_args()),
    )


def _cases_report_job(filters, ident):
    """Send the reader to the job rendering this selection (the same job for the same data)."""
    from tracker.jobs.service import start_job

    title = "Case report" + (" (filtered)" if filters.active else "")
    key = f"cases_report:{ident}:{'/'.join(data_stamp())}"[:200]
    job = start_job(
        "cases_report",
        title,
        {
            "filters": filters.to_args(),
            "title": title,
            "url": _public_url("cases.index", **filters.to_args()),
        },
        key=key,
    )
    return redirect(url_for("jobs.detail", token=job.token), code=303)
