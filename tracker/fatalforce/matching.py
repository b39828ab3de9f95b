"""Which tracker case is which Post row, and the evidence for it (pure: no database here).

Rules, in order: a case that carries the row's id (``fatal_force:<id>``) is that row; a pair an
editor confirmed is a match, a pair an editor rejected is never proposed again; otherwise a
case is proposed for a row when the person's name matches (first and last name, ignoring
middle names, initials, punctuation and "Jr.") or the date is the same. Each proposal lists its
evidence: same name, same date (or same month, or "no date on record"), same city.
"""

import re
from dataclasses import dataclass, field

SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_key(name):
    """(first, last) of a name, lower case, without punctuation, initials or suffixes."""
    words = re.sub(r"[^\w\s'-]", " ", (name or "").casefold()).split()
    words = [word for word in words if word not in SUFFIXES]
    if len(words) < 2:
        return None
    return (words[0], words[-1])


def names_of(case):
    """The name keys a case bears: its people's names and its title's words."""
    keys = set()
    for part in case.people:
        if part.person is not None and part.person.name:
            keys.add(name_key(part.person.name))
    return keys - {None}


def in_title(row, case):
    """True when the row's first and last name both appear in the case's title."""
    key = name_key(row.name)
    words = set(re.sub(r"[^\w\s'-]", " ", (case.title or "").casefold()).split())
    return key is not None and key[0] in words and key[1] in words


def evidence(row, case):
    """What speaks for ``case`` being ``row``, as short phrases (empty: nothing does)."""
    found = []
    key = name_key(row.name)
    if key is not None and (key in names_of(case) or in_title(row, case)):
        found.append("same name")
    when = case.occurred_on
    if when is None or case.date_precision == "unknown":
        found.append("no date on record")
    elif when == row.date and case.date_precision == "day":
        found.append("same date")
    elif (when.year, when.month) == (row.date.year, row.date.month) and case.date_precision in (
        "day",
        "month",
    ):
        found.append("same month")
    if row.city and case.place and row.city.casefold() in case.place.casefold():
        found.append("same city")
    return found


def proposable(found):
    """A pair is proposed on the same name or the same date; the rest is only supporting."""
    return "same name" in found or "same date" in found


@dataclass
class Match:
    """A case for a row: how it was found (id, confirmed, proposed) and the evidence."""

    case: object
    how: str
    evidence: list


@dataclass
class RowResult:
    """One Post row: its matches (best first) and the cases an editor rejected for it."""

    row: object
    matches: list = field(default_factory=list)
    rejected: list = field(default_factory=list)

    @property
    def status(self):
        """The row's state: matched (by id or confirmed), proposed (to confirm) or missing."""
        if any(match.how in ("id", "confirmed") for match in self.matches):
            return "matched"
        return "proposed" if self.matches else "missing"


RANK = {"id": 0, "confirmed": 1, "proposed": 2}


def match_rows(rows, cases, by_id, decisions):
    """``[RowResult]`` for ``rows`` against ``cases``.

    ``by_id``: {row id: case id} of cases carrying the row's id; ``decisions``: {(row id,
    case id): "confirmed" or "rejected"}. A confirmed or id match stops further proposals, for
    the row and for the case.
    """
    taken = set(by_id.values()) | {
        pair[1] for pair, said in decisions.items() if said == "confirmed"
    }
    results = []
    for row in rows:
        result = RowResult(row)
        for case in cases:
            decided = decisions.get((row.id, case.id))
            found = evidence(row, case)
            if by_id.get(row.id) == case.id:
                result.matches.append(Match(case, "id", found))
            elif decided == "confirmed":
                result.matches.append(Match(case, "confirmed", found))
            elif decided == "rejected":
                result.rejected.append(Match(case, "rejected", found))
            elif proposable(found) and case.id not in taken:
                result.matches.append(Match(case, "proposed", found))
        result.matches.sort(key=lambda match: (RANK[match.how], -len(match.evidence)))
        if result.status == "matched":
            result.matches = [match for match in result.matches if match.how != "proposed"]
        results.append(result)
    return results
