"""The public pages of every kind that declares its own (``own_pages=OwnPages(...)``).

For each such kind (meetings, records requests) this serves, from the declaration alone: a
blueprint of the declared name with its list (``<path>``, paged) and its record pages
(``<path>/<id>`` and ``<path>/<id>-<slug>``), and its PDF on the reports blueprint
(``<path>/<id>/report.pdf``). The visibility boundary covers the blueprint
(``records.visibility.public_blueprints``), the sitemap lists the list page
(``sharing.sitemap.list_pages``) and the site menu shows it (``site_menu``). A kind with richer
list pages (cases, officers: filters, keyset paging) keeps its own blueprint.
"""

from flask import Blueprint, abort, current_app, render_template, request, url_for
from werkzeug.utils import import_string

from tracker.kinds import all_kinds
from tracker.kinds.base import positive_int
from tracker.kinds.keyset import paginate

MAX_PAGE = 10_000  # a list page number beyond this is read as this
# The site menu around the kinds' own lists: (endpoint, label), in the order shown.
MENU_BEFORE = (
    ("public.index", "Home"),
    ("demands.scoreboard", "Demands"),
    ("cases.index", "Cases"),
    ("officers.index", "Officers"),
)
MENU_AFTER = (
    ("calendar.index", "Calendar"),
    ("search.results", "Search"),
    ("data.index", "Open data"),
)


def own_page_kinds():
    """The kinds that declare public pages of their own, in the kinds' order."""
    return [kind for kind in all_kinds() if kind.own_pages is not None]


def site_menu():
    """``[(endpoint, label)]`` of the site menu: the fixed entries and each kind's own list."""
    kinds = [(kind.own_pages.list_endpoint, kind.own_pages.menu) for kind in own_page_kinds()]
    return [*MENU_BEFORE, *((endpoint, label) for endpoint, label in kinds if label), *MENU_AFTER]


def blueprint_of(kind):
    """A new blueprint serving ``kind``'s list and record pages."""
    pages = kind.own_pages
    bp = Blueprint(pages.blueprint, __name__)
    bp.add_url_rule(pages.path, "index", _list_view(kind))
    detail = _detail_view(kind)
    bp.add_url_rule(f"{pages.path}/<int:record_id>", "detail", detail)
    bp.add_url_rule(f"{pages.path}/<int:record_id>-<slug>", "detail", detail)
    return bp


def _list_view(kind):
    """The view of ``kind``'s list: its published records, a page at a time."""
    pages = kind.own_pages

    def index():
        """Published records of the kind, newest first, filtered as the kind reads the args."""
        statement, values = import_string(pages.list_query)(request.args)
        number = request.args.get("page", 1, type=int) or 1
        # By number or after the last record shown (the "Next page" link): from the index.
        pagination = paginate(
            statement,
            kind.model,
            min(max(number, 1), MAX_PAGE),
            current_app.config["PER_PAGE"],
            positive_int(request.args.get("after")),
        )
        return render_template(pages.list_template, pagination=pagination, **values)

    return index


def _detail_view(kind):
    """The view of one of ``kind``'s records (the slug in the URL is only for readers)."""
    pages = kind.own_pages

    def detail(record_id, slug=None):
        """One published record of the kind as its page model shows it; 404 for any other."""
        page = import_string(pages.page_model)(record_id)
        if page is None:
            abort(404)
        return render_template(pages.page_template, page=page, **{pages.record_name: page.record})

    return detail


def add_report_routes(bp):
    """Add each kind's PDF route (``reports.<kind>_report``) to the reports blueprint ``bp``."""
    for kind in own_page_kinds():
        if kind.own_pages.report_template:
            bp.add_url_rule(
                f"{kind.own_pages.path}/<int:record_id>/report.pdf",
                f"{kind.name}_report",
                _report_view(kind),
            )


def _report_view(kind):
    """The view of the PDF report of one of ``kind``'s records."""
    pages = kind.own_pages

    def report(record_id):
        """The printable report of one published record of the kind (cached per version)."""
        from tracker.reports.routes import pdf_response

        load = import_string(pages.page_model)
        return pdf_response(
            kind.name,
            record_id,
            lambda: load(record_id, changes=False),
            pages.report_template,
            filename=f"{kind.name}-{record_id}.pdf",
            title_of=lambda page: page.record.title,
            public_url_of=lambda page: url_for(
                f"{pages.blueprint}.detail",
                record_id=record_id,
                slug=page.record.slug,
                _external=True,
            ),
        )

    return report


def init_app(app):
    """Serve each kind's own pages and give the templates the site menu."""
    for kind in own_page_kinds():
        app.register_blueprint(blueprint_of(kind))
    app.add_template_global(site_menu)
