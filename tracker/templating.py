"""Template filters and globals: sanitized Markdown, dates with their precision, record links."""

from datetime import date, datetime

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from tracker.kinds import kind_named, public_url, report_url
from tracker.models import choices

# Raw HTML in Markdown is disabled by the parser and anything left is cleaned by nh3.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text):
    """Render Markdown to sanitized HTML; links get rel=nofollow noopener."""
    if not text:
        return Markup("")
    html = _markdown.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 (nh3 has just sanitized it)


def format_date(value, precision="day"):
    """Show a date as precisely as it is known ("3 June 2020", "June 2020", "2020")."""
    if value is None or precision == "unknown":
        return "date unknown"
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def format_datetime(value):
    """Show a timestamp as "3 June 2020, 14:05 UTC"."""
    if value is None:
        return ""
    return f"{value.day} {value.strftime('%B %Y, %H:%M')} UTC"


def choice_label(value, mapping_name):
    """Return the label of ``value`` in the choices mapping named ``mapping_name``."""
    mapping = getattr(choices, mapping_name)
    return mapping.get(value, value)


def register_template_helpers(app):
    """Install the filters and globals above on ``app``."""
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["label"] = choice_label
    app.jinja_env.filters["kind_label"] = lambda name: kind_named(name).label
    app.jinja_env.globals["record_url"] = public_url
    app.jinja_env.globals["report_url"] = report_url
    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
