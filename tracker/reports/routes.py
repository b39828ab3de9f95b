"""PDF report routes: rendered once per version of what they show, then served from the cache."""

from datetime import UTC, datetime

from flask import Response, abort, current_app, render_template, request, url_for

from tracker.cases.filters import CaseFilters
from tracker.reports import bp
from tracker.reports.cache import cache_key, report_cache
from tracker.reports.collection import cases_dossier, demand_dossier
from tracker.reports.dossier import case_dossier, officer_dossier
from tracker.reports.render import render_pdf


def _public_url(endpoint, **values):
    """The absolute URL of a public page, when this app serves it."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, _external=True, **values)


def pdf_response(kind, ident, dossier, template, title, filename, public_url=None):
    """Answer with the cached PDF (or 304), rendering it first when this version is new."""
    etag = cache_key(kind, ident, dossier.fingerprint)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        cache = report_cache()
        data = cache.get(etag)
        if data is None:
            html = render_template(
                template,
                dossier=dossier,
                doc_title=title,
                generated=datetime.now(UTC),
                version=getattr(dossier, "version", None),
                as_of=dossier.as_of,
                public_url=public_url,
            )
            data = render_pdf(
                html, current_app.static_folder, title=title, author=current_app.config["SITE_NAME"]
            )
            cache.set(etag, data)
        response = Response(data, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.set_etag(etag)
    # Shared caches may keep it, but must ask again: an edit makes a new report at once.
    response.headers["Cache-Control"] = "public, no-cache"
    return response


@bp.route("/cases/<int:record_id>/report.pdf")
def case_report(record_id):
    """The printable report of one published case."""
    dossier = case_dossier(record_id)
    if dossier is None:
        abort(404)
    return pdf_response(
        "case",
        record_id,
        dossier,
        "reports/case.html",
        title=dossier.title,
        filename=f"case-{record_id}-{dossier.slug}.pdf",
        public_url=_public_url("cases.detail", record_id=record_id, slug=dossier.slug),
    )


@bp.route("/officers/<int:record_id>/report.pdf")
def officer_report(record_id):
    """The printable report of one published officer and every record involving them."""
    dossier = officer_dossier(record_id)
    if dossier is None:
        abort(404)
    return pdf_response(
        "officer",
        record_id,
        dossier,
        "reports/officer.html",
        title=f"Officer: {dossier.title}",
        filename=f"officer-{record_id}-{dossier.slug}.pdf",
        public_url=_public_url("officers.detail", record_id=record_id, slug=dossier.slug),
    )


@bp.route("/demands/<int:number>/report.pdf")
def demand_report(number):
    """The dossier of one demand: text, status history, indicator with chart, evidence."""
    dossier = demand_dossier(number)
    if dossier is None:
        abort(404)
    return pdf_response(
        "demand",
        number,
        dossier,
        "reports/demand.html",
        title=dossier.title,
        filename=f"demand-{number}.pdf",
        public_url=_public_url("demands.detail", number=number, slug=dossier.slug),
    )


@bp.route("/cases/report.pdf")
def cases_report():
    """One report of every published case the ``/cases`` filters select, with contents."""
    filters = CaseFilters.from_args(request.args)
    dossier = cases_dossier(filters)
    ident = "&".join(f"{key}={value}" for key, value in sorted(filters.to_args().items()))
    return pdf_response(
        "cases",
        ident or "all",
        dossier,
        "reports/cases.html",
        title="Case report" + (" (filtered)" if filters.active else ""),
        filename="cases-report.pdf",
        public_url=_public_url("cases.index", **filters.to_args()),
    )
