"""The mapped import's bulk writer gives the same records, revisions and search rows as one ORM
save per record, and writes new records with a fixed number of statements per batch."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.test_mapping_import import ALLEGATION_MAPPING, ALLEGATIONS, FOREIGN, MAPPING
from tracker.imports import mapped
from tracker.imports.mapping import Mapping
from tracker.models import Record, Revision, SearchDocument
from tracker.records.categories import ensure_default_categories

# Two complaints share a title: their slugs must be numbered the same way on both paths.
SHEET = FOREIGN + "IA-5,1/2/2021,Crim,PHONE,4411,Force at a stop,\n"


class Stop(Exception):  # noqa: N818
    """Raised just before the commit, once the state was taken: the import is rolled back."""


def _state(db, before):
    """The records, revisions and search rows made since ids ``before``, ids by rank.

    Ranked by slug (unique in a kind), not id: the ORM's flush may insert rows of different
    columns in another order than the file's.
    """
    records = db.session.scalars(
        select(Record).where(Record.id > before).order_by(Record.kind, Record.slug)
    )
    rank = {}
    out = []
    for record in records:
        rank[record.id] = len(rank)
        columns = {
            attr.key: getattr(record, attr.key)
            for attr in db.inspect(type(record)).column_attrs
            if attr.key not in ("id", "created_at", "updated_at")
        }
        lists = {
            rel.key: sorted(item.id for item in getattr(record, rel.key))
            for rel in db.inspect(type(record)).relationships
            if rel.secondary is not None and not rel.viewonly
        }
        out.append((record.kind, columns, lists))
    revisions = sorted(
        (rank[r.record_id], r.user_id, r.action, r.version, r.changes, r.private_changes, r.comment)
        for r in db.session.scalars(select(Revision).where(Revision.record_id > before))
    )
    search = sorted(
        (row.record_id, row.kind, row.title, row.body, row.anchor)
        for row in db.session.scalars(select(SearchDocument))
    )
    return out, revisions, search


def _import(db, mapping, text, tmp_path, bulk, monkeypatch):
    """Import ``text`` through ``mapping`` (bulk or not); the state just before the commit."""
    monkeypatch.setattr(mapped, "BULK", bulk)
    sheet = tmp_path / f"sheet-{bulk}.csv"
    sheet.write_text(text)
    before = db.session.scalar(select(db.func.max(Record.id))) or 0
    on_file = db.session.scalar(select(db.func.count(Record.id)))
    taken = {}
    saves = []
    real_save = mapped.editing.save
    monkeypatch.setattr(
        mapped.editing, "save", lambda *a, **k: saves.append(1) or real_save(*a, **k)
    )

    def before_commit(run):
        """Take the state in the open transaction, then stop."""
        taken["state"] = _state(db, before)
        raise Stop

    with pytest.raises(Stop):
        mapped.run_mapped(
            Mapping.from_json(mapping), sheet, "ia-log.csv", write=True, before_commit=before_commit
        )
    db.session.rollback()
    # All or nothing: the rows written with the driver (COPY) went back with the transaction.
    assert db.session.scalar(select(db.func.count(Record.id))) == on_file
    assert not db.session.scalar(
        select(db.func.count(Revision.id)).where(Revision.record_id > before)
    )
    monkeypatch.setattr(mapped.editing, "save", real_save)
    assert bool(saves) != bulk  # the bulk path saves no new record through the ORM
    return taken["state"]


def test_bulk_and_one_by_one_give_the_same_rows(db, users, tmp_path, monkeypatch):
    from flask import g

    g.actor_id = users["editor"].id
    ensure_default_categories(db.session)
    factories.make_officer(publish=True, serial_number="4411", name="Sam Doe")
    factories.make_officer(publish=True, name="Jane Roe")
    factories.make_complaint(title="Force at a stop", reference_number="OLD-1")
    db.session.commit()
    slow = _import(db, MAPPING, SHEET, tmp_path, False, monkeypatch)
    fast = _import(db, MAPPING, SHEET, tmp_path, True, monkeypatch)
    assert len(slow[0]) == 5 and len(slow[1]) == 5
    assert fast == slow
    # Allegations point at complaints on file (a back-reference the bulk path must not touch).
    monkeypatch.setattr(mapped, "BULK", True)
    sheet = tmp_path / "log.csv"
    sheet.write_text(FOREIGN)
    run = mapped.run_mapped(Mapping.from_json(MAPPING), sheet, "ia-log.csv", write=True)
    assert run.written
    slow = _import(db, ALLEGATION_MAPPING, ALLEGATIONS, tmp_path, False, monkeypatch)
    fast = _import(db, ALLEGATION_MAPPING, ALLEGATIONS, tmp_path, True, monkeypatch)
    assert len(slow[0]) == 4 and fast == slow


# Officers: a title the model derives (a name, or the identity label), private fields (notes,
# gender) listed as private in the revision, a reference to an agency on file (its search row is
# rewritten), and a typed title that gives way to the identity label.
OFFICERS = (
    "Officer,Serial,Status,Agency,Notes,Gender,Description\n"
    "Pat Lee,9001,named,Metro PD,Seen at the stop,female,\n"
    ",9002,withheld,Metro PD,,,Officer 9002\n"
    "Kim Roe,9003,withheld,,Moved units,male,Kim Roe\n"
    ",9004,unknown,Metro PD,,,Tall officer\n"
)
OFFICER_MAPPING = {
    "kind": "officer",
    "columns": {
        "Officer": "name",
        "Serial": "serial_number",
        "Status": "identity_status",
        "Agency": "agency",
        "Notes": "private_notes",
        "Gender": "gender",
        "Description": "title",
    },
}


def test_bulk_officers_titles_private_fields_and_references(db, users, tmp_path, monkeypatch):
    from flask import g

    g.actor_id = users["editor"].id
    factories.make_agency(publish=True, name="Metro PD")
    db.session.commit()
    sheet = tmp_path / "officers.csv"
    sheet.write_text(OFFICERS)
    run = mapped.run_mapped(Mapping.from_json(OFFICER_MAPPING), sheet, "roster.csv")
    assert run.ok, run.problems
    slow = _import(db, OFFICER_MAPPING, OFFICERS, tmp_path, False, monkeypatch)
    fast = _import(db, OFFICER_MAPPING, OFFICERS, tmp_path, True, monkeypatch)
    assert len(slow[0]) == 4 and fast == slow
    titles = [columns["title"] for _kind, columns, _lists in fast[0]]
    assert titles == ["Identity withheld", "Officer 9002", "Pat Lee", "Tall officer"]  # by slug
    private = {name for revision in fast[1] for name in revision[5]}
    assert private == {"private_notes", "gender"}


def test_a_refused_row_after_written_batches_leaves_nothing(db, users, tmp_path, monkeypatch):
    from flask import g

    g.actor_id = users["editor"].id
    ensure_default_categories(db.session)
    factories.make_officer(publish=True, serial_number="4411", name="Sam Doe")
    factories.make_officer(publish=True, name="Jane Roe")
    db.session.commit()
    monkeypatch.setattr(mapped, "BATCH_ROWS", 2)  # two batches are written before the bad row
    sheet = tmp_path / "log.csv"
    sheet.write_text(FOREIGN + "IA-9,not a date,Admin,PHONE,,Bad date,\n")
    on_file = db.session.scalar(select(db.func.count(Record.id)))
    run = mapped.run_mapped(Mapping.from_json(MAPPING), sheet, "ia-log.csv", write=True)
    assert not run.written and run.refused == 1
    assert db.session.scalar(select(db.func.count(Record.id))) == on_file
    assert not db.session.scalar(
        select(db.func.count(Revision.id)).where(Revision.action == "import")
    )
