"""What a mapping may target: each import column of a kind with its label, type and choices.

Read from the import columns (``tracker.imports.kinds``) and the field facts, so a field added
to a kind is offered here without a word of this file changing.
"""

from dataclasses import dataclass, field, replace
from functools import cache

from sqlalchemy import select

from tracker.extensions import db
from tracker.imports.columns import any_date, iso_date
from tracker.imports.kinds import importable_kinds
from tracker.kinds import kind_named
from tracker.models.facts import column_facts


@dataclass(frozen=True)
class Target:
    """One field a spreadsheet column can be mapped to."""

    name: str  # the template's column name
    label: str
    type: str  # text, date, choice, reference or list (several references)
    required: bool = False
    choices: dict = field(default_factory=dict)  # stored key -> label
    # A choice among rows of a small table (an allegation's category): that table, whose rows'
    # slugs are the keys and labels the labels, read when the targets are asked for.
    lookup: object = None


def targets(kind_name):
    """``{column name: Target}`` of the importable kind ``kind_name``, in template order.

    A column naming a row of a lookup table is a choice like any other, its choices the
    table's rows as they are now (an editor may have added one): one query per such column.
    """
    found = _targets(kind_name)
    if not any(target.lookup is not None for target in found.values()):
        return found
    return {
        name: target if target.lookup is None else replace(target, choices=_rows(target.lookup))
        for name, target in found.items()
    }


def _rows(table):
    """``{slug: label}`` of the lookup ``table``'s rows, by label."""
    rows = db.session.execute(select(table.c.slug, table.c.label).order_by(table.c.label))
    return dict(rows.all())


def _lookup_table(model, name):
    """The table whose row the column ``name`` of ``model`` names by slug, or None.

    A lookup table is a small one with ``slug`` and ``label`` columns (allegation categories);
    a reference to a record is by id and is not one.
    """
    column = model.__table__.c.get(name)
    for key in column.foreign_keys if column is not None else ():
        table = key.column.table
        if key.column.name == "slug" and "label" in table.c:
            return table
    return None


@cache
def _targets(kind_name):
    """``targets`` without the lookup tables' rows (the structure, the same for the process)."""
    kind = kind_named(kind_name)
    facts = column_facts(kind.model)
    many = {item.name for item in kind.import_references if item.many}
    referenced = {item.name: item for item in kind.import_references}
    found = {}
    for column in importable_kinds()[kind_name].columns:
        info = (facts.get(column.name) or facts.get(f"{column.name}_id") or (None, {}))[1]
        label = info.get("label") or column.name.replace("_", " ").capitalize()
        lookup = _lookup_table(kind.model, column.name)
        if column.name in many:
            kind_of = "list"
        elif lookup is not None:
            kind_of = "choice"
        elif column.name in referenced or f"{column.name}_id" in facts:
            kind_of = "reference"
        elif info.get("choices"):
            kind_of = "choice"
        elif column.parse in (iso_date, any_date):
            kind_of = "date"
        else:
            kind_of = "text"
        choices = dict(info.get("choices") or {}) if kind_of == "choice" else {}
        found[column.name] = Target(column.name, label, kind_of, column.required, choices, lookup)
    return found
