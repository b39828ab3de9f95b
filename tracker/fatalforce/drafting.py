"""A draft case started from a Post row the tracker is missing, in one click.

What it takes from the row, and why: the date and the place (city, state); the person's name
as the Post published it (public: a name the press has published, the way the demo's names are
public), age, race and gender as the Post reports them (the tracker's person record holds
these "as reported", public fields); a minor's name is kept private whatever the Post did.
The Post's other columns (armed with, threat, fleeing, mental illness, body camera) are left
out: police accounts and medical facts are not the tracker's to restate unchecked, and the
editor can add them with their own sources. The case and the person cite the Post's database
with the row id and carry the row's id (``fatal_force:<id>``); both start as drafts.
"""

from tracker.extensions import db
from tracker.fatalforce import source
from tracker.fatalforce.service import SCHEME, Refused, decide
from tracker.models import Case, Person
from tracker.records import editing, external_ids

SOURCE_FIELDS = {
    "title": source.DATASET,
    "publisher": "The Washington Post",
    "url": source.DATASET_URL,
    "source_kind": "news",
    "notes": "Fatal police shootings in the United States since 2015 (v2). Licence CC BY-NC-SA "
    "4.0: attribute The Washington Post, Fatal Force database.",
}
GENDERS = {"male": "Male", "female": "Female", "non-binary": "Non-binary"}


def post_source():
    """The tracker's source for the Post's database (added once)."""
    found = editing.source_with_url(source.DATASET_URL)
    if found is None:
        found, _ = editing.add_source(dict(SOURCE_FIELDS))
    return found


def person_values(row):
    """The person's public facts as the Post gives them (a minor's name stays private)."""
    minor = row.age is not None and row.age < 18
    return {
        "title": row.name or "Name not released",
        "name": row.name or None,
        "name_is_public": bool(row.name) and not minor,
        "public_label": None if row.name else "Name not released by the Post",
        "age": row.age if row.age is not None and 0 <= row.age <= 120 else None,
        "race": row.races or None,
        "gender": GENDERS.get(row.gender, row.gender or None),
        "is_minor": minor,
    }


def start_case(row, agency, user_id):
    """A draft case (and its person) from ``row`` of ``agency``; the caller commits.

    Refused when a case already carries the row's id.
    """
    holder = external_ids.find(db.session, SCHEME, str(row.id))
    if holder is not None:
        raise Refused(f"Row {row.id} is already {holder.title} (#{holder.id}).")
    cited = post_source()
    locator = f"row id {row.id}"
    person = editing.save(Person(), person_values(row), comment=f"From {source.DATASET}")
    editing.cite(person, cited, locator)
    named = person.public_name if person.name_is_public else None
    title = f"Fatal police shooting of {named}" if named else f"Fatal police shooting, {row.place}"
    values = {
        "title": title,
        "occurred_on": row.date,
        "date_precision": "day",
        "place": row.place,
        "case_kind": "shooting",
        "outcome": "fatal",
        "summary": f"{source.DATASET} lists a person shot and killed by the {agency.name} "
        f"({agency.state}) on {row.date.isoformat()} in {row.place} ({locator}).",
        "people": [(person, "subject")],
        "external_ids": [(SCHEME, str(row.id))],
    }
    case = editing.save(Case(), values, comment=f"Started from {source.DATASET}, {locator}")
    editing.cite(case, cited, locator)
    db.session.flush()
    decide(row, agency.id, case, "confirmed", user_id, "started from the row")
    return case
