"""What a mapping may target: each import column of a kind with its label, type and choices.

Read from the import columns (``tracker.imports.kinds``) and the field facts, so a field added
to a kind is offered here without a word of this file changing.
"""

from dataclasses import dataclass, field
from functools import cache

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


@cache
def targets(kind_name):
    """``{column name: Target}`` of the importable kind ``kind_name``, in template order."""
    kind = kind_named(kind_name)
    facts = column_facts(kind.model)
    many = {item.name for item in kind.import_references if item.many}
    referenced = {item.name: item for item in kind.import_references}
    found = {}
    for column in importable_kinds()[kind_name].columns:
        info = (facts.get(column.name) or facts.get(f"{column.name}_id") or (None, {}))[1]
        label = info.get("label") or column.name.replace("_", " ").capitalize()
        if column.name in many:
            kind_of = "list"
        elif column.name in referenced or f"{column.name}_id" in facts:
            kind_of = "reference"
        elif info.get("choices"):
            kind_of = "choice"
        elif column.parse in (iso_date, any_date):
            kind_of = "date"
        else:
            kind_of = "text"
        choices = dict(info.get("choices") or {}) if kind_of == "choice" else {}
        found[column.name] = Target(column.name, label, kind_of, column.required, choices)
    return found
