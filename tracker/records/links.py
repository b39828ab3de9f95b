"""A record as a list of links shows it: its title and where it shows publicly, plain values.

A demand page lists a page of records under each figure of its indicator and the records linked
to it: a title and a link each. Loading those records (each kind's own table joined) and
working out their links costs more than the rest of the page at 100,000 cases, and the answer
only changes with the data, so it is kept per data stamp (``tracker.records.kept``) as
``Link`` values: never ORM objects. A ``Link`` answers what a list, the page's fingerprint
(``tracker.pages.common.Shown``) and its numbered sources (``Sources.cite``) read of a record.
"""

from dataclasses import dataclass

from tracker.models.choices import PUBLISHED


@dataclass(frozen=True)
class Link:
    """One record's title, version and public place (None: it has no public page)."""

    id: int
    kind: str
    title: str
    status: str
    version: int
    updated_at: object  # a datetime
    place: object = None  # tracker.kinds.base.PublicPlace

    @property
    def kind_label(self):
        """Its kind as people say it."""
        from tracker.kinds import kind_named

        return kind_named(self.kind).label

    def link_url(self, **options):
        """The URL of its public page (at its anchor), or None; ``options`` go to ``url_for``."""
        return None if self.place is None else self.place.url(**options)


def link_of(record):
    """The ``Link`` of a loaded ``record`` (its kind's own columns loaded with it)."""
    from tracker.kinds import kind_of

    place = kind_of(record).public_place(record) if record.status == PUBLISHED else None
    status, version, updated_at = record.status, record.version, record.updated_at
    return Link(record.id, record.kind, record.title, status, version, updated_at, place)
