"""Preview images: a record's key facts as a 1200 x 630 PNG, the size link previews use.

The facts are read off the kind's public columns (``RecordKind.exported_columns``): its
choices as people say them and its dates, so a preview shows nothing the public page does not
and a new kind needs no code here. Drawn with Pillow (already needed by WeasyPrint).
"""

import hashlib
import io
import textwrap
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from tracker.templating import format_date

# Bump when the drawing changes, so browsers and previewers fetch the new image.
PREVIEW_FORMAT = 1
SIZE = (1200, 630)
INK = "#1b1b1b"
MUTED = "#4a4a4a"
PAPER = "#ffffff"
BAND = "#0b3d63"
MAX_FACTS = 4


def key_facts(kind, record):
    """``[(label, value)]``: the record's public choices and dates, at most ``MAX_FACTS``."""
    facts = []
    for name, _column, info in kind.exported_columns:
        value = getattr(record, name, None)
        if value is None or value == "":
            continue
        if name == "date_precision":  # it qualifies the date, shown with it
            continue
        if info["choices"]:
            facts.append((info["label"], info["choices"].get(value, value)))
        elif isinstance(value, date):
            precision = getattr(record, "date_precision", "day") if name == "occurred_on" else "day"
            facts.append((info["label"], format_date(value, precision)))
    return facts[:MAX_FACTS]


def etag(kind, record, site_name):
    """The preview's validator: the record's version and last change, and the drawing's."""
    stamp = f"{PREVIEW_FORMAT}:{kind.name}:{record.id}:{record.version}:{record.updated_at}"
    return hashlib.sha256(f"{stamp}:{site_name}".encode()).hexdigest()[:32]


def etag_text(text):
    """The validator of a card drawn from ``text`` alone (the site's card)."""
    return hashlib.sha256(f"{PREVIEW_FORMAT}:{text}".encode()).hexdigest()[:32]


def _font(size):
    """Pillow's bundled font at ``size`` pixels."""
    return ImageFont.load_default(size=size)


def render(heading, title, facts, site_name):
    """The PNG bytes of a card: a band with ``heading``, the title, the facts, the site name."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 90), fill=BAND)
    draw.text((60, 24), heading, fill=PAPER, font=_font(38))
    y = 130
    for line in textwrap.wrap(title, width=38)[:3]:
        draw.text((60, y), line, fill=INK, font=_font(58))
        y += 72
    y += 20
    for label, value in facts:
        draw.text((60, y), f"{label}: {value}"[:60], fill=MUTED, font=_font(36))
        y += 50
    draw.line((60, 540, SIZE[0] - 60, 540), fill=BAND, width=3)
    draw.text((60, 560), f"{site_name} · every fact cites a source", fill=MUTED, font=_font(30))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
