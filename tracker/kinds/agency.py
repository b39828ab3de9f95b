"""Agencies: police departments, oversight offices, prosecutors, courts (no page of their own)."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.kinds.base import RecordKind
from tracker.models import Agency


def _natural_key(values):
    """An agency is its name (case-insensitive)."""
    name = values["name"]
    return ("agency", name.lower()), lambda: select(Agency).where(
        func.lower(Agency.name) == name.lower()
    )


KIND = RecordKind(
    name="agency",
    model=Agency,
    label="Agency",
    plural="Agencies",
    collection="agencies",
    order=80,
    load=(selectinload(Agency.parent),),
    in_feed=False,
    natural_key=_natural_key,
    import_title="",
    lookup_fields=("name", "short_name"),
)
