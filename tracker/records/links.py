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


@dataclass(frozen=True)
class Entry(Link):
    """A record as a page's list entry shows it: its ``Link`` and the few columns it reads.

    ``facts``: ``((attribute, value), ...)``, read as attributes (``entry.occurred_on``), so a
    template reads an entry as it reads the record; ``timeline``: its ``[(date, text)]`` on an
    officer's career timeline. Plain values, kept per data stamp like a ``Link``.
    """

    facts: tuple = ()
    timeline: tuple = ()

    def __getattr__(self, name):
        """One of ``facts`` (only called for what the ``Link`` itself has not)."""
        for attribute, value in self.__dict__.get("facts", ()):
            if attribute == name:
                return value
        raise AttributeError(name)


def entry_of(record, attributes=(), timeline=(), **values):
    """The ``Entry`` of a loaded ``record``: its ``Link``, ``attributes``' values, ``timeline``.

    ``values``: more facts worked out from the record (plain values or ``Link`` values).
    """
    link = link_of(record)
    facts = tuple((name, getattr(record, name)) for name in attributes) + tuple(values.items())
    return Entry(**vars(link), facts=facts, timeline=tuple(timeline))
