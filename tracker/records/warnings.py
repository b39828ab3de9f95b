"""Soft warnings: likely mistakes that are saved anyway, shown on the record and in review.

``warnings_for(record)`` is the one function every page calls (the record view, the case file,
the review of a case). A warning never repeats the private value it is about.
"""

from sqlalchemy import String, Text

from tracker.models.facts import column_facts

MIN_NAME = 4  # shorter private names ("Al") match too much ordinary text


def warnings_for(record):
    """Messages about likely mistakes in ``record`` (an empty list when none)."""
    names = _private_names(record)
    if not names:
        return []
    found = []
    for label, value in _public_texts(record):
        lowered = value.lower()
        for person in names:
            if person.name.strip().lower() in lowered:
                found.append(
                    f"{label} contains the private name of {person.public_name} "
                    f"(#{person.id}): the public would read it once this is published."
                )
    return found


def _case_of(record):
    """The case ``record`` belongs to (itself for a case), or None."""
    if record.kind == "case":
        return record
    return getattr(record, "case", None)


def _private_names(record):
    """The people of the record's case (and a complaint's complainant) whose name is private."""
    people = []
    case = _case_of(record)
    if case is not None:
        people += [part.person for part in case.people if part.person is not None]
    complainant = getattr(record, "complainant", None)
    if complainant is not None:
        people.append(complainant)
    return [
        person
        for person in dict.fromkeys(people)
        if person.name
        and len(person.name.strip()) >= MIN_NAME
        and (not person.name_is_public or person.is_minor)
    ]


def _public_texts(record):
    """``(label, text)`` of the record's public text fields, and a case's timeline entries."""
    for name, (column, info) in column_facts(type(record)).items():
        if info["public"] and isinstance(column.type, String | Text):
            value = getattr(record, name, None)
            if value:
                yield info["label"], value
    for entry in getattr(record, "timeline", None) or []:
        if entry.description:
            yield "The timeline", entry.description
