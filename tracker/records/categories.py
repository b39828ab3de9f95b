"""The allegation categories every database starts with (the migration seeds the same list)."""

from sqlalchemy import select

from tracker.models import AllegationCategory
from tracker.models.choices import ALLEGATION_CATEGORIES


def ensure_default_categories(session):
    """Add the starting categories that are missing (the demo data and tests call this)."""
    present = set(session.scalars(select(AllegationCategory.slug)))
    for slug, (label, definition) in ALLEGATION_CATEGORIES.items():
        if slug not in present:
            session.add(AllegationCategory(slug=slug, label=label, definition=definition))
    session.flush()
