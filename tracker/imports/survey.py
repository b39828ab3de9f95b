"""What a stored spreadsheet holds, for the mapping page, in one streamed pass.

Its header, its rows, and the distinct values of each column mapped to a choice field, with
their counts.
"""

from collections import Counter

from tracker.imports.fields import targets
from tracker.imports.mapping import spelling
from tracker.imports.sheets import rows

MOST_VALUES = 60  # distinct spellings listed per column (the most frequent)


def survey(path, mapping):
    """``(headers, row count, {target: [(spelling, shown, count), ...]})`` of the file."""
    fields = targets(mapping.kind)
    stream = rows(path)
    headers = [str(cell).strip() for cell in next(stream, [])]
    watched = {
        index: target
        for index, header in enumerate(headers)
        if (target := mapping.columns.get(header)) and fields[target].type == "choice"
    }
    counts = {target: Counter() for target in watched.values()}
    shown = {}
    total = 0
    for cells in stream:
        if not any(str(cell).strip() for cell in cells):
            continue
        total += 1
        for index, target in watched.items():
            cell = str(cells[index]).strip() if index < len(cells) else ""
            if cell:
                key = spelling(cell)
                counts[target][key] += 1
                shown.setdefault(key, cell)
    values = {
        target: [(key, shown[key], count) for key, count in counter.most_common(MOST_VALUES)]
        for target, counter in counts.items()
    }
    return headers, total, values
