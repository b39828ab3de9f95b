"""Template filters and globals: sanitized Markdown, dates with their precision, record links."""

import logging
from datetime import date, datetime
from functools import lru_cache

import nh3
from jinja2 import TemplateNotFound
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from tracker.inline_marks import record_anchor, ref_marks, verdict_mark
from tracker.kinds import kind_named, kind_of, public_url, report_url
from tracker.models import choices
from tracker.quick_urls import quick_url_for

log = logging.getLogger(__name__)

# Raw HTML in Markdown is disabled by the parser and anything left is cleaned by nh3.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

# Bounds on what Markdown may build, the same on the pages and in the PDF reports. WeasyPrint
# lays out nested boxes recursively (250 nested emphases raise RecursionError) and spends about
# 2 ms per element (a 20,000-character table of 4,600 cells took 12 s). Past a bound nothing is
# dropped: deeper elements lose their tags and keep their text, and the text after the element
# budget, or past the length bound, follows as plain paragraphs.
MAX_MARKDOWN_CHARS = 20_000  # what the forms and the CSV import accept
MAX_MARKDOWN_DEPTH = 8  # nested elements (quotes, lists, table parts, emphasis, links)
MAX_MARKDOWN_ELEMENTS = 400  # elements in one text (paragraphs, items, rows, cells, emphases)
# markdown-it stops parsing at 20 levels and drops the rest of the text: a block that nests
# deeper than this is shown as plain text instead.
MAX_PARSED_LEVEL = 16
MAX_PLAIN_CHARS = 20_000  # plain text shown after the Markdown part; the rest is counted
MAX_PLAIN_PARAGRAPHS = 20  # paragraphs of that plain text (the last one takes the rest)
UNRENDERABLE = "This text could not be rendered."

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
    """Render Markdown to sanitized, bounded HTML; links get rel=nofollow noopener.

    The bounds above keep every text cheap to lay out on a page and in a PDF. A text that still
    fails is shown as "could not be rendered" and logged, so one record never breaks a page.
    """
    if not text:
        return Markup("")
    try:
        html = _render_bounded(str(text))
    except Exception:  # a hostile text must not take the page down with it
        log.exception("Markdown of %d characters could not be rendered", len(text))
        return Markup('<p class="unrenderable">{}</p>').format(UNRENDERABLE)
    return Markup(html)  # noqa: S704  # nosec B704  # nh3 has just sanitized it


def _render_bounded(text):
    """The sanitized HTML of ``text``: bounded Markdown, then any rest as plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as markdown-it counts lines
    head, tail = text[:MAX_MARKDOWN_CHARS], text[MAX_MARKDOWN_CHARS:]
    env = {}
    tokens = _markdown.parse(head, env)
    cut = element_budget_cut(tokens)
    if cut is not None:
        lines = head.split("\n")
        head, tail = "\n".join(lines[:cut]), "\n".join(lines[cut:]) + tail
        env = {}
        tokens = _markdown.parse(head, env)
    html = _markdown.renderer.render(bound_nesting(tokens), _markdown.options, env)
    return nh3.clean(
        html + plain_paragraphs(tail),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def element_budget_cut(tokens):
    """The source line from which ``tokens`` are better shown as plain text, or None.

    That is where the ``MAX_MARKDOWN_ELEMENTS``-th element starts, counted in document order
    (block openings, rules, line breaks, inline code, emphases and links, each line of a code
    block), at the start of its block, table row or list item; or the start of a top-level
    block that nests ``MAX_PARSED_LEVEL`` deep (markdown-it drops what nests deeper still).
    """
    count, line, top_line = 0, 0, 0
    for token in tokens:
        if token.map:
            line = token.map[0]
            top_line = line if token.level == 0 else top_line
        if token.level >= MAX_PARSED_LEVEL:
            return top_line
        count += _boxes(token) + sum(_boxes(child) for child in token.children or ())
        if count > MAX_MARKDOWN_ELEMENTS:
            return line
    return None


def _boxes(token):
    """How many elements (or lines of code) ``token`` opens, for the element budget."""
    if token.type in ("fence", "code_block"):
        return token.content.count("\n")
    return token.nesting == 1 or token.type in ("hr", "hardbreak", "code_inline", "image")


def plain_paragraphs(text):
    """``text`` as escaped paragraphs, bounded in length and number."""
    text = text.strip()
    if not text:
        return ""
    shown, left_out = text[:MAX_PLAIN_CHARS], len(text) - MAX_PLAIN_CHARS
    chunks = [chunk.strip() for chunk in shown.split("\n\n", MAX_PLAIN_PARAGRAPHS - 1)]
    html = "".join(f"<p>{escape(chunk)}</p>" for chunk in chunks if chunk)
    if left_out > 0:
        html += f"<p>[{left_out:,} more characters are not shown.]</p>"
    return html


def bound_nesting(tokens):
    """Drop the tags of elements nested ``MAX_MARKDOWN_DEPTH`` deep; their text stays.

    Paragraphs and headings are always kept (they hold only text), and shown inside a dropped
    list item, so items stay apart. Emphasis and links nest on from the depth of their block.
    """
    out, kept, depth, dropped = [], [], 0, 0
    for token in tokens:
        if token.nesting == 1:
            keep = depth < MAX_MARKDOWN_DEPTH or token.type in ("paragraph_open", "heading_open")
            kept.append(keep)
            if not keep:
                dropped += 1
                continue
            depth += 1
        elif token.nesting == -1:
            if not kept.pop():
                dropped -= 1
                continue
            depth -= 1
        if dropped and token.type in ("paragraph_open", "paragraph_close"):
            token.hidden = False
        if token.type == "inline" and token.children:
            token.children = _bound_inline(token.children, depth)
        out.append(token)
    return out


def _bound_inline(children, depth):
    """Drop inline opening and closing tags (emphasis, links) that would nest too deep."""
    out, kept = [], []
    for token in children:
        if token.nesting == 1:
            kept.append(depth < MAX_MARKDOWN_DEPTH)
            if not kept[-1]:
                continue
            depth += 1
        elif token.nesting == -1:
            if not kept.pop():
                continue
            depth -= 1
        out.append(token)
    return out


def format_date(value, precision="day"):
    """Show a date as precisely as it is known ("3 June 2020", "June 2020", "2020")."""
    if value is None or precision == "unknown":
        return "date unknown"
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    return _date_text(value, precision)


@lru_cache(maxsize=4096)
def _date_text(value, precision):
    """``format_date`` of a date, kept: a page of 300 dated entries formatted each every time."""
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


def end_sentence(text):
    """``text`` ending with one full stop: "referred to review." stays, "referred" gets one.

    Typed text often ends with its own stop; a template that adds one after it would print
    "review.. Finding".
    """
    text = str(text or "").rstrip()
    if not text or text[-1] in ".!?…" or text[-2:] in ('."', ".\u201d", ".)"):
        return text
    return text + "."


def status_with_note(label, note):
    """A status and its note as one sentence, without saying the status twice.

    "Not met" with the note "Not met when the petition was reported" reads as the note alone.
    """
    if not note:
        return end_sentence(label)
    if note.strip().lower().startswith(str(label).lower()):
        return end_sentence(note)
    return f"{end_sentence(label)} {end_sentence(note)}"


def choice_label(value, mapping_name):
    """Return the label of ``value`` in the choices mapping named ``mapping_name``."""
    mapping = getattr(choices, mapping_name)
    return mapping.get(value, value)


DEFAULT_KIND_PARTIAL = "kinds/_default.html"


def kind_partial_finder(env):
    """``kind_partial(name)``: the template of kind ``name``'s entries (``kinds/<name>.html``).

    A kind without a partial of its own gets the default one (title, summary, sources), so a
    demand's evidence of any kind prints.
    """

    def kind_partial(name):
        """The partial template of kind ``name``, or the default one."""
        try:
            return env.get_template(f"kinds/{name}.html")
        except TemplateNotFound:
            return env.get_template(DEFAULT_KIND_PARTIAL)

    return kind_partial


def computed(record, name):
    """The computed field ``name`` of ``record`` as its kind declares it (a verdict, a name)."""
    return kind_of(record).computed_value(record, name)


def register_template_helpers(app):
    """Install the filters and globals above on ``app``."""
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["label"] = choice_label
    app.jinja_env.filters["end_sentence"] = end_sentence
    app.jinja_env.globals["status_with_note"] = status_with_note
    app.jinja_env.filters["kind_label"] = lambda name: kind_named(name).label
    app.jinja_env.globals["record_url"] = public_url
    app.jinja_env.globals["quick_url_for"] = quick_url_for
    app.jinja_env.globals["record_anchor"] = record_anchor
    app.jinja_env.globals["ref_marks"] = ref_marks
    app.jinja_env.globals["verdict_mark"] = verdict_mark
    app.jinja_env.globals["report_url"] = report_url
    app.jinja_env.globals["kind_partial"] = kind_partial_finder(app.jinja_env)
    app.jinja_env.globals["computed"] = computed
    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
