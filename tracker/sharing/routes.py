"""robots.txt, the sitemap, the favicon and the preview images."""

from flask import (
    abort,
    current_app,
    make_response,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from sqlalchemy import select

from tracker.extensions import db
from tracker.security.headers import WORKSPACE_BLUEPRINTS
from tracker.sharing import bp, preview, sitemap


@bp.route("/robots.txt")
def robots():
    """Crawl the public site; keep out of the workspace, sign-in and account pages."""
    prefixes = sorted(
        {
            "/" + rule.rule.lstrip("/").split("/")[0].split("<")[0]
            for rule in current_app.url_map.iter_rules()
            if rule.endpoint.split(".")[0] in WORKSPACE_BLUEPRINTS
        }
    )
    body = render_template(
        "sharing/robots.txt", disallowed=prefixes, sitemap=url_for(".sitemap_index", _external=True)
    )
    return _text(body, "text/plain")


@bp.route("/sitemap.xml")
def sitemap_index():
    """Every published page; an index of parts once there are more than a part holds."""
    found, size = sitemap.entries(), current_app.config["SITEMAP_PART_SIZE"]
    count = sitemap.part_count(len(found), size)
    if count == 1:
        return _text(render_template("sharing/sitemap.xml", entries=found), "application/xml")
    parts = [url_for(".sitemap_part", number=n, _external=True) for n in range(1, count + 1)]
    return _text(render_template("sharing/sitemap_index.xml", parts=parts), "application/xml")


@bp.route("/sitemap-<int:number>.xml")
def sitemap_part(number):
    """Part ``number`` of the sitemap (404 past the last part)."""
    entries = sitemap.part(sitemap.entries(), number, current_app.config["SITEMAP_PART_SIZE"])
    if entries is None:
        abort(404)
    return _text(render_template("sharing/sitemap.xml", entries=entries), "application/xml")


@bp.route("/favicon.ico")
def favicon():
    """The icon browsers ask for by this name on every site."""
    response = send_from_directory(current_app.static_folder, "favicon.ico", max_age=86400)
    response.mimetype = "image/vnd.microsoft.icon"
    return response


@bp.route("/preview/site.png")
def site_preview():
    """The site's card, for pages that are not one record's."""
    name = current_app.config["SITE_NAME"]
    facts = [("Cases, complaints, investigations, duty events, legal actions", "sourced")]
    tag = preview.etag_text(f"site:{name}")
    return _image(tag, lambda: preview.render("Public record", name, facts, name))


@bp.route("/preview/<kind>/<int:record_id>.png")
def preview_image(kind, record_id):
    """The card of a published record with a page of its own: its title and key facts."""
    chosen = next((item for item in sitemap.page_kinds() if item.path == kind), None)
    if chosen is None:
        abort(404)
    record = db.session.scalars(select(chosen.model).where(chosen.model.id == record_id)).first()
    if record is None:
        abort(404)
    name = current_app.config["SITE_NAME"]
    tag = preview.etag(chosen, record, name)
    return _image(
        tag,
        lambda: preview.render(chosen.label, record.title, preview.key_facts(chosen, record), name),
    )


def _image(tag, draw):
    """A PNG response with ETag ``tag``: 304 when the client holds it, else ``draw()``."""
    if tag in request.if_none_match:
        response = make_response("", 304)
    else:
        response = make_response(draw())
        response.mimetype = "image/png"
    response.set_etag(tag)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


def _text(body, mimetype):
    """A text response of ``mimetype`` in UTF-8."""
    response = make_response(body)
    response.mimetype = mimetype
    response.charset = "utf-8"
    return response
