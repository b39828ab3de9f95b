"""What each importable kind's CSV holds, read from the kind's declaration and its columns' facts.

A kind is importable when it declares a natural key: what says that a row describes a record
already on file (the same agency's serial number, the same case title and date), so an import
updates or reports it and never creates a second copy. The columns come from the field facts:
every column the facts let an import set, parsed by its type, plus the kind's references.
"""

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Date, Integer, Numeric, String, Text, Time

from tracker.imports.columns import (
    LONG_TEXT,
    Column,
    amount,
    any_date,
    choice,
    clock_time,
    external_id,
    iso_date,
    reference,
    text,
    whole_number,
)
from tracker.kinds import all_kinds
from tracker.models import Record
from tracker.models.external_ids import schemes_for
from tracker.models.facts import column_facts

# Columns ``external_id:<scheme>`` carry the row's id in an outside dataset; a row whose id a
# record already carries is that record (matched before the natural key).
EXTERNAL_ID_PREFIX = "external_id:"


@dataclass(frozen=True)
class ImportKind:
    """One importable record kind."""

    name: str
    label: str
    model: type
    columns: tuple
    key: object  # values -> (hashable key, a function making the SELECT of the existing record)
    checks: tuple = field(default=())  # values -> (column, reason) or None

    @property
    def headers(self):
        """The CSV header row."""
        return [column.name for column in self.columns]


def parser_for(column, info):
    """How a CSV cell becomes the value of ``column``."""
    if info["choices"]:
        return choice(info["choices"])
    if isinstance(column.type, Date):
        return any_date if info.get("ahead") else iso_date
    if isinstance(column.type, Time):
        return clock_time
    if isinstance(column.type, Numeric):
        return amount
    if isinstance(column.type, Integer):
        return whole_number
    if isinstance(column.type, String) and column.type.length:
        return text(column.type.length)
    if isinstance(column.type, Text | String):
        return LONG_TEXT
    raise TypeError(f"no CSV parser for {column}")


def _columns(kind):
    """The import columns of ``kind``: title, its own columns, summary, then its references."""
    facts = column_facts(kind.model)
    references = {}
    for relationship in kind.model.__mapper__.relationships:
        if relationship.viewonly or not issubclass(relationship.mapper.class_, Record):
            continue  # a view of another reference, or a lookup row (a category's slug)
        for local in relationship.local_columns:
            references.setdefault(local.key, relationship)
    columns = []
    if kind.import_title:
        title_column, title_info = facts["title"]
        columns.append(
            Column(
                "title",
                parser_for(title_column, title_info),
                required=kind.import_title == "required",
                hint=kind.import_hints.get("title", title_info["doc"]),
            )
        )
    for name, column, info in kind.own_columns:
        if not info["imported"]:
            continue
        hint = kind.import_hints.get(name, info["hint"] or "")
        if name in references:
            target = references[name]
            columns.append(
                Column(
                    target.key,
                    reference(target.mapper.polymorphic_identity),
                    required=info["required"],
                    hint=hint or f'The {info["label"].lower()} by "#id" or name.',
                )
            )
        else:
            columns.append(Column(name, parser_for(column, info), info["required"], hint))
    summary_column, summary_info = facts["summary"]
    columns.append(Column("summary", LONG_TEXT, hint=summary_info["doc"]))
    for item in kind.import_references:
        columns.append(Column(item.name, reference(item.kind, many=item.many), hint=item.hint))
    for name, scheme in schemes_for(kind.name).items():
        hint = f"Its id in {scheme.label}: a record carrying it is updated. {scheme.hint}"
        columns.append(
            Column(
                EXTERNAL_ID_PREFIX + name, external_id(name), hint=hint, attribute="external_ids"
            )
        )
    return tuple(columns)


@cache
def importable_kinds():
    """``{name: ImportKind}`` of every kind with a natural key, in the kinds' order."""
    return {
        kind.name: ImportKind(
            kind.name,
            kind.plural,
            kind.model,
            _columns(kind),
            kind.natural_key,
            kind.import_checks,
        )
        for kind in all_kinds()
        if kind.natural_key is not None
    }
