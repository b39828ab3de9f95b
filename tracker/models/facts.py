"""Field facts: what a column means to people, kept on the column itself (``Column.info``).

A column says its label, whether the public may read it (private unless marked public), what it
means in the data dictionary, whether search finds it, its choices, and whether and how a CSV
import fills it. Every channel (pages, downloads, API, search, import, workspace) reads these
facts instead of keeping its own table of fields, so adding a field is: the column with its
facts, its migration and its form field.
"""

from functools import cache

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, Numeric, String, inspect


def facts(
    label,
    doc=None,
    *,
    public=False,
    search=False,
    choices=None,
    exported=True,
    imported=True,
    required=False,
    hint=None,
    ahead=False,
    definitions=None,
):
    """The ``info`` of a column.

    ``public``: the public may read it (else it never leaves the workspace). ``search``: its
    text (or, with ``choices``, its label) is indexed. ``exported``: a public column that the
    downloads and the API carry as it is (False when the kind exports it differently).
    ``imported``: a CSV import may set it; ``required`` and ``hint`` are for the import template.
    ``ahead``: a date that may lie in the future (a meeting announced), else the import refuses it.
    ``definitions``: ``{value: plain-language meaning}`` of each choice, for the data dictionary.
    """
    return {
        "label": label,
        "doc": doc or f"{label}.",
        "public": public,
        "search": search,
        "choices": choices,
        "exported": exported and public,
        "imported": imported,
        "required": required,
        "hint": hint,
        "ahead": ahead,
        "definitions": definitions,
    }


def public(label, doc=None, **options):
    """Facts of a column the public may read."""
    return facts(label, doc, public=True, **options)


def private(label, doc=None, **options):
    """Facts of a column that never leaves the workspace (nor its author and the editors)."""
    return facts(label, doc, public=False, **options)


def bookkeeping(label, doc=None, public=False):
    """Facts of a column the app keeps itself: never imported."""
    return facts(label, doc, public=public, imported=False)


@cache
def column_facts(model):
    """``{name: (column, facts)}`` of every mapped column of ``model``, base table first."""
    result = {}
    for attribute in inspect(model).column_attrs:
        if not isinstance(attribute.columns[0], Column):
            continue  # a computed SQL expression (an allegation's case_id), not a field
        # The last column is the base table's (``records.id`` for ``cases.id``), where facts live.
        column = next((c for c in attribute.columns if c.info), attribute.columns[0])
        result[attribute.key] = (column, column.info or private(attribute.key))
    return result


@cache
def private_field_names(model):
    """The names of ``model``'s columns that are not marked public."""
    return tuple(name for name, (_, info) in column_facts(model).items() if not info["public"])


def field_type(column):
    """The data dictionary type of ``column``."""
    if isinstance(column.type, String):
        return "string"  # a slug, even when it refers to another table's
    if column.foreign_keys or isinstance(column.type, Integer):
        return "integer"
    for kind, name in ((DateTime, "datetime"), (Date, "date"), (Boolean, "boolean")):
        if isinstance(column.type, kind):
            return name
    if isinstance(column.type, Numeric):
        return "number"
    return "string"


def choice_label(model, name, value):
    """The label of ``value`` of ``model``'s choice field ``name`` (the value if unknown)."""
    found = column_facts(model).get(name)
    choices = (found[1]["choices"] if found else None) or {}
    return choices.get(value, value)


class PrivateFields:
    """``Model.private_fields``: the private column names, derived from the facts."""

    def __get__(self, instance, owner):
        """The private field names of ``owner``."""
        return private_field_names(owner)
