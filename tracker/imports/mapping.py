"""A column mapping: which spreadsheet column fills which field, which spelling is which choice.

Saved as a named preset (a row of ``import_presets``) or as a JSON file.

Suggestions come from the column names (case, spaces and underscores ignored), the fields'
labels, a few words volunteers use, and ``difflib`` for the near misses.
"""

import difflib
import re
from dataclasses import asdict, dataclass, field

from tracker.imports.fields import targets
from tracker.imports.kinds import importable_kinds

SEPARATORS = ";|"
# Words spreadsheets use for a field, by template column (any kind that has the column).
SYNONYMS = {
    "title": ("name of case", "headline", "subject", "incident"),
    "occurred_on": ("date", "incident date", "date of incident", "event date"),
    "filed_on": ("date filed", "filed", "received", "date received", "complaint date"),
    "place": ("location", "address", "where", "city"),
    "case_kind": ("type", "incident type", "kind", "category"),
    "complaint_kind": ("type", "complaint type", "kind"),
    "channel": ("intake", "how received", "received via", "how filed", "method"),
    # An allegations sheet: one row per accusation, its complaint named by reference number.
    "complaint": ("complaint no", "complaint number", "complaint reference", "ia number"),
    "officer": ("accused", "accused officer", "officer name", "serial", "employee"),
    "category": ("allegation", "allegation type", "charge", "misconduct", "violation"),
    "final_finding": ("disposition", "finding", "result", "determination", "outcome"),
    "recommended_finding": ("recommendation", "recommended", "investigator finding"),
    "discipline": ("penalty", "action taken", "discipline imposed"),
    "reference_number": ("complaint number", "complaint no", "file number", "ia number", "no"),
    "officers": ("officer", "officer name", "officer names", "accused", "accused officers"),
    "description": ("allegation", "allegations", "details", "complaint text"),
    "narrative": ("description", "details", "story", "what happened"),
    "serial_number": ("serial", "serial no", "dsn", "employee number"),
    "filed_with": ("agency", "filed with agency", "received by"),
}


class MappingError(ValueError):
    """A mapping that does not fit its kind or is not a mapping; the message says why."""


@dataclass
class Mapping:
    """How one layout of spreadsheet imports as records of ``kind``."""

    kind: str
    columns: dict  # spreadsheet header -> template column ("" ignores the column)
    values: dict = field(default_factory=dict)  # template column -> {spelling: choice key}
    ids: list = field(default_factory=list)  # columns whose bare numbers are record ids
    separators: str = SEPARATORS  # what splits a cell of several officers
    day_first: bool = False  # 3/12/2020 is the 3rd of December
    name: str = ""

    def to_json(self):
        """The mapping as plain JSON data (a preset file)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        """The ``Mapping`` of JSON ``data``; ``MappingError`` when it is not a usable one."""
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise MappingError('A mapping is a JSON object with "kind" and "columns".')
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise MappingError(f"Unknown keys in the mapping: {', '.join(unknown)}.")
        mapping = cls(**data)
        mapping.check()
        return mapping

    def check(self):
        """Raise ``MappingError`` unless every target and value fits the kind."""
        if self.kind not in importable_kinds():
            raise MappingError(f'"{self.kind}" is not a kind the import takes.')
        fields = targets(self.kind)
        chosen = [target for target in self.columns.values() if target]
        for target in chosen:
            if target not in fields:
                raise MappingError(f'"{target}" is not a field of {self.kind}.')
            if chosen.count(target) > 1:
                raise MappingError(f'Two columns are mapped to "{target}".')
        for target, spellings in self.values.items():
            choices = fields.get(target) and fields[target].choices
            if not choices or not isinstance(spellings, dict):
                raise MappingError(f'"{target}" has no choices to map values to.')
            for spelling, key in spellings.items():
                if key not in choices:
                    raise MappingError(f'"{spelling}" is mapped to "{key}", not a {target}.')
        for field_name in fields.values():
            if field_name.required and field_name.name not in chosen:
                raise MappingError(f'No column is mapped to "{field_name.name}" (required).')

    def choice(self, target, cell):
        """The choice key the mapping gives the spelling ``cell`` of ``target``, or the cell."""
        return self.values.get(target, {}).get(spelling(cell), cell)


def normal(text):
    """A column name compared without case, spaces, underscores or punctuation."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).split())


def spelling(value):
    """How a cell's value is compared with the spellings of a value mapping."""
    return " ".join(str(value).split()).casefold()


def suggest_columns(kind_name, headers):
    """``{header: target or ""}``: the likeliest field of each column, each field used once."""
    names = {}
    for target in targets(kind_name).values():
        for word in (target.name, target.label, *SYNONYMS.get(target.name, ())):
            names.setdefault(normal(word), target.name)
    suggested, used = {}, set()
    for header in headers:
        key = normal(header)
        target = names.get(key)
        if target is None:
            close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
            target = names[close[0]] if close else None
        if target in used:
            target = None
        suggested[header] = target or ""
        if target:
            used.add(target)
    return suggested


def suggest_value(value, choices):
    """The choice key ``value`` most likely means ("Sust." -> sustained), or "" if unsure."""
    word = normal(value)
    if not word:
        return ""
    words = {normal(key): key for key in choices}
    words.update({normal(label): key for key, label in choices.items()})
    if word in words:
        return words[word]
    starting = {key for name, key in words.items() if name.startswith(word)}
    if len(starting) == 1 and len(word) >= 2:
        return starting.pop()
    # A word of one choice only ("Force" of "Excessive use of force").
    containing = {key for name, key in words.items() if word in name.split()}
    if len(containing) == 1 and len(word) >= 3:
        return containing.pop()
    close = difflib.get_close_matches(word, list(words), n=1, cutoff=0.75)
    return words[close[0]] if close else ""


def tracker_mapping(kind_name):
    """The preset that reads the tracker's own ``/data`` CSV of ``kind_name`` back in.

    Each downloaded column that an import sets maps to it; ``x_id`` and ``x_ids`` columns map
    to the reference ``x`` (``xs``) with their numbers read as record ids; the rest (ids,
    versions, computed fields) are ignored.
    """
    from tracker.kinds import collection_named, kind_named

    fields = targets(kind_name)
    columns, ids = {}, []
    for name in collection_named(kind_named(kind_name).collection).field_names:
        target = name if name in fields and name != "id" else ""
        if name.endswith("_ids") and f"{name[:-4]}s" in fields:
            target = f"{name[:-4]}s"
        elif name.endswith("_id") and name[:-3] in fields:
            target = name[:-3]
        if target and target != name:
            ids.append(target)
        columns[name] = target
    return Mapping(kind_name, columns, ids=ids, name=f"tracker-{kind_name}")


def builtin_presets():
    """``{name: Mapping}`` of the presets the tracker ships: its own downloads, per kind."""
    return {f"tracker-{name}": tracker_mapping(name) for name in importable_kinds()}
