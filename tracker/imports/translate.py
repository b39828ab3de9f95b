"""One spreadsheet row made into a template row.

Columns renamed, dates made ISO, spellings made choice keys, several officers in a cell split,
the tracker's own ids marked as ids.

What the template import then does with the row (parse, check, key, plan) is unchanged.
"""

import re

from tracker.imports.columns import LIST_SEPARATOR, CellError
from tracker.imports.dates import parse_date
from tracker.imports.fields import targets
from tracker.imports.services import Problem

# A cell the tracker's own download defused ("'=..."): the quote is not part of the value.
DEFUSED = re.compile(r"^'(?=[=+\-@\t\r])")


class Translator:
    """Reads rows laid out as ``headers`` through ``mapping``."""

    def __init__(self, mapping, headers):
        """Find each mapped column; ``problems`` lists what the header lacks."""
        self.mapping = mapping
        self.fields = targets(mapping.kind)
        self.headers = [str(name).strip() for name in headers]
        self.positions = []
        self.ignored = []
        self.problems = []
        for index, header in enumerate(self.headers):
            target = mapping.columns.get(header, "")
            if target:
                self.positions.append((index, header, target))
            elif header:
                self.ignored.append(header)
        present = {target for _, _, target in self.positions}
        for name, field in self.fields.items():
            if field.required and name not in present:
                wanted = [h for h, t in mapping.columns.items() if t == name]
                where = f'column "{wanted[0]}"' if wanted else "a column"
                self.problems.append(
                    Problem(1, name, f"{where} for this required field is missing")
                )
        self.header_of = {target: header for _, header, target in self.positions}

    def where(self, column):
        """A template column named as the volunteer's file names it: "Intake (channel)"."""
        header = self.header_of.get(column)
        return f"{header} ({column})" if header and header != column else column

    def row(self, number, cells):
        """``(raw, problems)``: the template row of ``cells`` and the cells it cannot read."""
        raw, problems = {}, []
        if len(cells) > len(self.headers) and any(
            str(c).strip() for c in cells[len(self.headers) :]
        ):
            return raw, [Problem(number, None, "The row has more cells than headers.")]
        for index, _header, target in self.positions:
            cell = str(cells[index]).strip() if index < len(cells) else ""
            if not cell:
                continue
            try:
                raw[target] = self._cell(target, DEFUSED.sub("", cell))
            except CellError as error:
                problems.append(Problem(number, self.where(target), str(error)))
        return raw, problems

    def _cell(self, target, cell):
        """The template's text for ``cell`` of ``target``."""
        field = self.fields[target]
        if field.type == "date":
            return parse_date(cell, self.mapping.day_first).isoformat()
        if field.type == "choice":
            return self.mapping.choice(target, cell)
        if field.type == "list":
            parts = [part.strip() for part in re.split(_split(self.mapping), cell)]
            return LIST_SEPARATOR.join(self._ref(target, part) for part in parts if part)
        if field.type == "reference":
            return self._ref(target, cell)
        return cell

    def _ref(self, target, value):
        """A reference, with "#" before a bare number where the mapping says numbers are ids."""
        if target in self.mapping.ids and value.isdigit():
            return f"#{value}"
        return value


def _split(mapping):
    """The pattern splitting a multi-value cell on any of the mapping's separators."""
    return "[" + re.escape(mapping.separators or LIST_SEPARATOR) + "]"
