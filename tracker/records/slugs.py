"""URL slugs: lower-case ASCII words joined by hyphens, unique within a record kind."""

import re
import unicodedata

from sqlalchemy import select

MAX_SLUG_LENGTH = 100


def slugify(text):
    """Return ``text`` as a URL slug ("Death of Donnie Sanders" -> "death-of-donnie-sanders")."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-") or "record"


def unique_slug(session, record, taken):
    """Return a slug for ``record`` not used by another record of its kind.

    ``taken`` holds (kind, slug) pairs already handed out in the current flush.
    """
    from tracker.models import Record

    base = slugify(record.title)
    candidate, counter = base, 1
    # A bulk writer (the mapping import) may hand over the slugs on file, one query for all.
    # Only for a new record: an existing one may keep its own slug, which the set holds too.
    on_file = session.info.get("slugs_on_file", {}).get(record.kind) if record.id is None else None
    while True:
        clash = (record.kind, candidate) in taken
        if not clash and on_file is not None:
            clash = candidate in on_file
        elif not clash:
            query = select(Record.id).where(Record.kind == record.kind, Record.slug == candidate)
            if record.id is not None:
                query = query.where(Record.id != record.id)
            with session.no_autoflush:
                clash = session.execute(query.limit(1)).first() is not None
        if not clash:
            taken.add((record.kind, candidate))
            if on_file is not None:
                on_file.add(candidate)
            return candidate
        counter += 1
        suffix = f"-{counter}"
        candidate = base[: MAX_SLUG_LENGTH - len(suffix)] + suffix
