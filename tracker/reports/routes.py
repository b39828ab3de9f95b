"""PDF report routes: rendered once per version of what they show, then served from the cache."""

import logging
from datetime import UTC, datetime

from flask import Response, abort, current_app, render_template, request, url_for

from tracker.cases.filters import CaseFilters
from tracker.extensions import limiter
from tracker.reports import bp
from tracker.reports.cache import cache_key, data_stamp, fingerprint_memo, report_cache
from tracker.reports.collection import CasesDossier, cases_dossier, demand_dossier
from tracker.reports.dossier import case_dossier, officer_dossier
from tracker.reports.render import render_pdf

log = logging.getLogger(__name__)


def _public_url(endpoint, **values):
    """The absolute URL of a public page, when this app serves it."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, _external=True, **values)


def pdf_response(kind, ident, load, template, filename, title_of, public_url_of=None):
    """Answer with the cached PDF (or 304), rendering it first when this version is new.

    ``load()`` returns the dossier, or None for 404. It is called only when the ETag of this
    data version is not yet known or the PDF must be rendered: a repeat costs one small query.
    ``title_of(dossier)`` and ``public_url_of(dossier)`` give the title and the page's URL.
    """
    name = f"{kind}:{ident}"
    stamp = data_stamp()
    memo = fingerprint_memo()
    etag = memo.get(name, stamp)
    dossier = None
    if etag is None:
        dossier = load()
        if dossier is None:
            abort(404)
        etag = cache_key(kind, ident, dossier.fingerprint)
        memo.set(name, stamp, etag)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        cache = report_cache()
        data = cache.get(etag)
        if data is None:
            dossier = dossier or load()
            if dossier is None:
                abort(404)
            public_url = public_url_of(dossier) if public_url_of else None
            data = render_report(dossier, template, title_of(dossier), public_url)
            cache.set(etag, data)
        response = Response(data, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    # Shared caches may keep it, but must ask again: an edit makes a new report at once.
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def render_report(dossier, template, title, public_url=None):
    """The PDF bytes of ``dossier`` rendered with ``template``.

    One record must never break a report. If the report cannot be rendered whole (a text that
    WeasyPrint cannot lay out), the record at fault is found and shown as "could not be
    rendered" (logged), and the report is rendered again without it.
    """
    try:
        return _render(dossier, template, title, public_url)
    except Exception:  # RecursionError or any other layout failure of one record's content
        log.exception("Report %r could not be rendered whole; finding the record at fault", title)
    if isinstance(dossier, CasesDossier):
        for case in dossier.cases:
            _mark_if_unrenderable(case)
    else:
        _mark(dossier, "text")
    return _render(dossier, template, title, public_url)


def _render(dossier, template, title, public_url=None):
    """Render ``template`` with ``dossier`` to PDF bytes."""
    html = render_template(
        template,
        dossier=dossier,
        doc_title=title,
        generated=datetime.now(UTC),
        version=getattr(dossier, "version", None),
        as_of=dossier.as_of,
        public_url=public_url,
    )
    return render_pdf(
        html, current_app.static_folder, title=title, author=current_app.config["SITE_NAME"]
    )


def _mark_if_unrenderable(case):
    """Render ``case`` alone; when it fails, hide its narrative, then if need be all of it."""
    for level in ("text", "record"):
        try:
            _render(case, "reports/case.html", case.title)
        except Exception:  # the same failures as above, now narrowed to this case
            _mark(case, level)
        else:
            return


def _mark(dossier, level):
    """Show ``dossier``'s Markdown text ("text") or all of it ("record") as not rendered."""
    dossier.render_error = level
    log.error(
        "%s %s could not be rendered in a report; its %s is shown as not rendered",
        dossier.kind.capitalize(),
        dossier.id,
        "text" if level == "text" else "content",
    )


@bp.route("/cases/<int:record_id>/report.pdf")
def case_report(record_id):
    """The printable report of one published case."""
    return pdf_response(
        "case",
        record_id,
        lambda: case_dossier(record_id),
        "reports/case.html",
        filename=f"case-{record_id}.pdf",
        title_of=lambda dossier: dossier.title,
        public_url_of=lambda dossier: _public_url(
            "cases.detail", record_id=record_id, slug=dossier.slug
        ),
    )


@bp.route("/officers/<int:record_id>/report.pdf")
def officer_report(record_id):
    """The printable report of one published officer and every record involving them."""
    return pdf_response(
        "officer",
        record_id,
        lambda: officer_dossier(record_id),
        "reports/officer.html",
        filename=f"officer-{record_id}.pdf",
        title_of=lambda dossier: f"Officer: {dossier.title}",
        public_url_of=lambda dossier: _public_url(
            "officers.detail", record_id=record_id, slug=dossier.slug
        ),
    )


@bp.route("/demands/<int:number>/report.pdf")
def demand_report(number):
    """The dossier of one demand: text, status history, indicator with chart, evidence."""
    return pdf_response(
        "demand",
        number,
        lambda: demand_dossier(number),
        "reports/demand.html",
        filename=f"demand-{number}.pdf",
        title_of=lambda dossier: dossier.title,
        public_url_of=lambda dossier: _public_url(
            "demands.detail", number=number, slug=dossier.slug
        ),
    )


def _cases_report_limit():
    """How often one client may ask for multi-case reports (each may render for seconds)."""
    return current_app.config.get("CASES_REPORT_RATE_LIMIT", "30 per minute")


@bp.route("/cases/report.pdf")
@limiter.limit(_cases_report_limit)
def cases_report():
    """One report of every published case the ``/cases`` filters select, with contents."""
    filters = CaseFilters.from_args(request.args)
    ident = "&".join(f"{key}={value}" for key, value in sorted(filters.to_args().items()))
    return pdf_response(
        "cases",
        ident or "all",
        lambda: cases_dossier(filters),
        "reports/cases.html",
        filename="cases-report.pdf",
        title_of=lambda dossier: "Case report" + (" (filtered)" if filters.active else ""),
        public_url_of=lambda dossier: _public_url("cases.index", **filters.to_args()),
    )
