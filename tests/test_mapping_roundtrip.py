"""Item 5 of issue 15: the /data downloads import back through the preset the tracker ships."""

import csv
import io
from datetime import date

from sqlalchemy import select

from tests import factories
from tests.conftest import _empty_all_tables
from tracker.kinds import collection_named, kind_named
from tracker.models import Case, Complaint

IMPORTED = {
    "case": (
        "title",
        "occurred_on",
        "date_precision",
        "place",
        "case_kind",
        "outcome",
        "narrative",
    ),
    "complaint": (
        "title",
        "filed_on",
        "complaint_kind",
        "reference_number",
        "acceptance",
        "acceptance_reason",
        "channel",
        "description",
    ),
}


def _download(client, tmp_path, kind):
    """The /data CSV of ``kind`` saved to a file, and its rows."""
    collection = kind_named(kind).collection
    response = client.get(f"/data/{collection}.csv")
    assert response.status_code == 200
    path = tmp_path / f"{collection}.csv"
    path.write_bytes(response.data)
    return path, list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _import(runner, kind, path, *extra):
    """``flask import-csv KIND PATH --preset tracker-KIND``; its output."""
    result = runner.invoke(
        args=["import-csv", kind, str(path), "--preset", f"tracker-{kind}", *extra]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _public(record, kind):
    """The imported fields of ``record`` as its /data row writes them."""
    row = collection_named(kind_named(kind).collection).row(record)
    return {name: "" if row[name] is None else str(row[name]) for name in IMPORTED[kind]}


def test_downloads_import_into_an_empty_database(client, runner, db, tmp_path):
    factories.make_case(publish=True, title="Stop on Main", place="Main St", narrative="**Said**")
    factories.make_case(publish=True, title="Shooting", case_kind="shooting", outcome="fatal")
    factories.make_complaint(
        publish=True, reference_number="KC-1", channel="phone", filed_on=date(2021, 1, 2)
    )
    factories.make_complaint(publish=True, acceptance="refused", acceptance_reason="=1+1 late")
    db.session.commit()
    files = {kind: _download(client, tmp_path, kind) for kind in ("case", "complaint")}
    _empty_all_tables()
    db.session.expire_all()
    for kind, model in (("case", Case), ("complaint", Complaint)):
        path, rows = files[kind]
        assert "2 to create" in _import(runner, kind, path)
        imported = {r.title: _public(r, kind) for r in db.session.scalars(select(model))}
        exported = {row["title"]: {name: row[name] for name in IMPORTED[kind]} for row in rows}
        for title, fields in exported.items():
            # the download defuses a leading "=" with a quote; the import takes it off again
            fields = {k: v[1:] if v.startswith("'=") else v for k, v in fields.items()}
            assert imported[title] == fields
        again = _import(runner, kind, path, "--update-existing")
        assert "0 to create, 0 to update, 2 unchanged" in again


def test_downloads_with_references_reimport_unchanged(client, runner, db, tmp_path):
    agency = factories.make_agency(publish=True)
    officers = [factories.make_officer(publish=True) for _ in range(2)]
    case = factories.make_case(publish=True, officers=officers)
    factories.make_complaint(publish=True, filed_with=agency, case=case, officers=officers)
    db.session.commit()
    for kind in ("case", "complaint"):
        path, _ = _download(client, tmp_path, kind)
        assert "0 to create, 0 to update, 1 unchanged" in _import(
            runner, kind, path, "--update-existing", "--dry-run"
        )
