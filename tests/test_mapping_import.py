"""The mapping import: any layout of CSV or XLSX through a column and value mapping, presets
(saved and shipped), dates in common formats, multi-value cells, the round trip of /data.
"""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tracker.imports.columns import CellError
from tracker.imports.dates import parse_date
from tracker.imports.mapping import Mapping, MappingError, suggest_columns, suggest_value
from tracker.models import Allegation, Complaint, ImportPreset, Revision
from tracker.records.categories import ensure_default_categories

# A complaint log: its complaints, how each was brought ("Intake") and whom it accuses.
FOREIGN = (
    "Complaint No,Date Received,Type,Intake,Accused,Summary Text,Notes\n"
    "IA-1,3/12/2020,Admin,PHONE,4411;Jane Roe,Force at a stop,x\n"
    "IA-2,12 March 2020,Crim,Ph.,4411|Jane Roe,Search of a car,\n"
    'IA-3,"March 12, 2020",Admin,In person,,A third,\n'
    "IA-4,2020-03-12T10:00:00,Admin,On-line,,A fourth,\n"
)
MAPPING = {
    "kind": "complaint",
    "columns": {
        "Complaint No": "reference_number",
        "Date Received": "filed_on",
        "Type": "complaint_kind",
        "Intake": "channel",
        "Accused": "officers",
        "Summary Text": "title",
        "Notes": "",
    },
    "values": {
        "complaint_kind": {"admin": "administrative", "crim": "criminal"},
        "channel": {
            "phone": "phone",
            "ph.": "phone",
            "in person": "in_person",
            "on-line": "online",
        },
    },
}
# Its allegations sheet: one row per accusation, the finding in the log's own words.
ALLEGATIONS = (
    "Complaint No,Accused,Allegation,Disposition,Summary Text\n"
    "IA-1,4411,excessive_force,SUSTAINED,Struck him\n"
    "IA-1,Jane Roe,discourtesy,Not Sust,Swore at him\n"
    "IA-2,4411,excessive_force,SU,Pushed her\n"
    "IA-3,,discourtesy,Sust.,Unknown officer\n"
)
ALLEGATION_MAPPING = {
    "kind": "allegation",
    "columns": {
        "Complaint No": "complaint",
        "Accused": "officer",
        "Allegation": "category",
        "Disposition": "final_finding",
        "Summary Text": "title",
    },
    "values": {
        "final_finding": {
            "sustained": "sustained",
            "su": "sustained",
            "sust.": "sustained",
            "not sust": "not_sustained",
        },
    },
}


def _count(db, model):
    """How many rows ``model`` has."""
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    "text",
    [
        "2020-03-12",
        "3/12/2020",
        "12 March 2020",
        "March 12, 2020",
        "2020-03-12T10:00:00Z",
        "Mar 12 2020",
        "12th March 2020",
        "03-12-20",
    ],
)
def test_common_date_formats(text):
    assert parse_date(text) == date(2020, 3, 12)


def test_dates_day_first_and_failures():
    assert parse_date("12/3/2020", day_first=True) == date(2020, 3, 12)
    assert parse_date("31/12/2020") == date(2020, 12, 31)  # 31 cannot be a month
    for bad in ("31/31/2020", "Smarch 3, 2020", "yesterday", "2020-02-30"):
        with pytest.raises(CellError):
            parse_date(bad)


def test_suggestions_from_names_labels_and_synonyms(app):
    headers = ["Complaint No", "DATE_RECEIVED", "Type", "Intake", "Accused", "Notes"]
    suggested = suggest_columns("complaint", headers)
    assert suggested == {
        "Complaint No": "reference_number",
        "DATE_RECEIVED": "filed_on",
        "Type": "complaint_kind",
        "Intake": "channel",
        "Accused": "officers",
        "Notes": "",
    }
    # A complaint has no finding: its allegations do.
    headers = ["Complaint No", "Accused", "Allegation", "Disposition", "Notes"]
    assert suggest_columns("allegation", headers) == {
        "Complaint No": "complaint",
        "Accused": "officer",
        "Allegation": "category",
        "Disposition": "final_finding",
        "Notes": "",
    }
    findings = {"sustained": "Sustained", "not_sustained": "Not sustained", "pending": "Pending"}
    assert [suggest_value(v, findings) for v in ("SUSTAINED", "SU", "Sust.", "Not Sust", "?")] == [
        "sustained",
        "sustained",
        "sustained",
        "not_sustained",
        "",
    ]


def test_a_category_column_is_value_mapped_like_a_choice(db, tmp_path):
    """A category names a row of ``allegation_categories``: its spellings map to a row's slug."""
    from tracker.imports.fields import targets
    from tracker.imports.survey import survey
    from tracker.imports.translate import Translator
    from tracker.models import AllegationCategory

    ensure_default_categories(db.session)
    db.session.commit()
    category = targets("allegation")["category"]
    assert category.type == "choice" and category.choices["excessive_force"]
    # A category an editor adds is offered at once (the rows are read when asked for).
    db.session.add(AllegationCategory(slug="kettling", label="Kettling", definition="x"))
    db.session.commit()
    choices = targets("allegation")["category"].choices
    assert choices["kettling"] == "Kettling"
    sheet = tmp_path / "allegations.csv"
    sheet.write_text(
        "Complaint No,Allegation,Summary Text\n"
        "IA-1,Excessive Force,a\nIA-1,EXCESSIVE FORCE,b\nIA-2,Force,c\nIA-3,kettling,d\n"
    )
    columns = {"Complaint No": "complaint", "Allegation": "category", "Summary Text": "title"}
    headers, total, values = survey(sheet, Mapping("allegation", columns))
    assert total == 4
    assert values["category"] == [
        ("excessive force", "Excessive Force", 2),
        ("force", "Force", 1),
        ("kettling", "kettling", 1),
    ]
    # Suggestions come from the slug and the label, as for any choice.
    assert [suggest_value(shown, choices) for _, shown, _ in values["category"]] == [
        "excessive_force",
        "excessive_force",
        "kettling",
    ]
    spellings = {"excessive force": "excessive_force", "force": "excessive_force"}
    mapping = Mapping("allegation", columns, {"category": spellings})
    mapping.check()
    translator = Translator(mapping, headers)
    rows = ["IA-1,EXCESSIVE FORCE,b", "IA-2,Force,c", "IA-3,kettling,d"]
    read = [translator.row(n, line.split(","))[0]["category"] for n, line in enumerate(rows)]
    assert read == ["excessive_force", "excessive_force", "kettling"]
    with pytest.raises(MappingError, match="not a category"):
        Mapping("allegation", columns, {"category": {"force": "no_such_row"}}).check()


def test_a_mapping_that_does_not_fit_is_refused(app):
    with pytest.raises(MappingError, match="not a field"):
        Mapping.from_json({"kind": "complaint", "columns": {"A": "nonsense", "B": "title"}})
    with pytest.raises(MappingError, match="required"):
        Mapping.from_json({"kind": "complaint", "columns": {"A": "channel"}})
    # A complaint's finding is its allegations' now: the old target is named as not a field.
    with pytest.raises(MappingError, match='"finding" is not a field of complaint'):
        Mapping.from_json({"kind": "complaint", "columns": {"A": "finding", "B": "title"}})
    bad_value = {**ALLEGATION_MAPPING, "values": {"final_finding": {"su": "maybe"}}}
    with pytest.raises(MappingError, match="not a final_finding"):
        Mapping.from_json(bad_value)


def _foreign_files(tmp_path, text=FOREIGN, mapping_json=MAPPING, name="ia-log"):
    """The foreign spreadsheet and its mapping as files."""
    sheet = tmp_path / f"{name}.csv"
    sheet.write_text(text)
    mapping = tmp_path / f"{name}.json"
    mapping.write_text(json.dumps(mapping_json))
    return sheet, mapping


def test_foreign_spreadsheet_imports_through_a_saved_preset(runner, db, tmp_path):
    ensure_default_categories(db.session)
    officer = factories.make_officer(publish=True, serial_number="4411", name="Sam Doe")
    roe = factories.make_officer(publish=True, name="Jane Roe")
    db.session.commit()
    sheet, mapping = _foreign_files(tmp_path)
    result = runner.invoke(
        args=[
            "import-csv",
            "complaint",
            str(sheet),
            "--mapping",
            str(mapping),
            "--save-preset",
            "IA log",
            "--dry-run",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "4 to create" in result.output and "Columns not imported: Notes" in result.output
    assert _count(db, Complaint) == 0 and _count(db, ImportPreset) == 1
    result = runner.invoke(args=["import-csv", "complaint", str(sheet), "--preset", "IA log"])
    assert result.exit_code == 0, result.output
    complaints = {c.reference_number: c for c in db.session.scalars(select(Complaint))}
    channels = {number: c.channel for number, c in complaints.items()}
    assert channels == {"IA-1": "phone", "IA-2": "phone", "IA-3": "in_person", "IA-4": "online"}
    assert complaints["IA-2"].complaint_kind == "criminal"
    assert {c.filed_on for c in complaints.values()} == {date(2020, 3, 12)}
    assert {o.id for o in complaints["IA-2"].officers} == {officer.id, roe.id}
    assert all(c.status == "draft" for c in complaints.values())
    revisions = select(func.count()).select_from(Revision).where(Revision.action == "import")
    assert db.session.scalar(revisions) == 4
    # Again, with updates allowed: every row is unchanged.
    result = runner.invoke(
        args=["import-csv", "complaint", str(sheet), "--preset", "IA log", "--update-existing"]
    )
    assert "0 to create, 0 to update, 4 unchanged" in result.output
    # The log's allegations sheet, through its own preset: "SUSTAINED", "SU", "Sust." are one
    # finding; each row names its complaint by reference number and its officer by serial or name.
    sheet, mapping = _foreign_files(tmp_path, ALLEGATIONS, ALLEGATION_MAPPING, "ia-allegations")
    result = runner.invoke(
        args=["import-csv", "allegation", str(sheet), "--mapping", str(mapping)]
        + ["--save-preset", "IA allegations", "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "4 to create" in result.output and _count(db, Allegation) == 0
    preset_args = ["--preset", "IA allegations"]
    result = runner.invoke(args=["import-csv", "allegation", str(sheet), *preset_args])
    assert result.exit_code == 0, result.output
    found = {
        (a.complaint.reference_number, a.officer_id, a.category): a.final_finding
        for a in db.session.scalars(select(Allegation))
    }
    assert found == {
        ("IA-1", officer.id, "excessive_force"): "sustained",
        ("IA-1", roe.id, "discourtesy"): "not_sustained",
        ("IA-2", officer.id, "excessive_force"): "sustained",
        ("IA-3", None, "discourtesy"): "sustained",
    }
    result = runner.invoke(
        args=["import-csv", "allegation", str(sheet), *preset_args, "--update-existing"]
    )
    assert "0 to create, 0 to update, 4 unchanged" in result.output


def test_bad_cells_are_refused_with_row_column_and_reason(runner, db, tmp_path):
    factories.make_officer(publish=True, serial_number="4411")
    db.session.commit()
    sheet, mapping = _foreign_files(tmp_path)
    sheet.write_text(FOREIGN + "IA-5,31/31/2020,Admin,Maybe,Nobody,Fifth,\n")
    result = runner.invoke(args=["import-csv", "complaint", str(sheet), "--mapping", str(mapping)])
    assert result.exit_code == 1
    assert "row 6, column Date Received (filed_on)" in result.output
    assert 'row 6, column Accused (officers): no officer "Nobody"' in result.output
    assert "row 3, column Accused (officers)" in result.output  # Jane Roe is not on file
    assert "Nothing was imported" in result.output
    assert _count(db, Complaint) == 0


def test_xlsx_is_read_in_read_only_mode(runner, db, tmp_path):
    from openpyxl import Workbook

    factories.make_officer(publish=True, serial_number="4411", name="Jane Roe")
    db.session.commit()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Complaint No", "Date Received", "Type", "Intake", "Summary Text"])
    sheet.append(["IA-9", date(2020, 3, 12), "Crim", "Ph.", "From Excel"])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    _, mapping = _foreign_files(tmp_path)
    result = runner.invoke(args=["import-csv", "complaint", str(path), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    complaint = db.session.scalars(select(Complaint)).one()
    assert (complaint.filed_on, complaint.channel) == (date(2020, 3, 12), "phone")


def test_background_job_dry_run_then_import(app, db, users):
    from tracker.imports.background import start_mapped_job, store_upload
    from tracker.jobs.progress import JobView
    from tracker.storage import load_blob

    factories.make_officer(publish=True, serial_number="4411", name="Jane Roe")
    db.session.commit()
    mapping = Mapping.from_json(MAPPING)
    data = FOREIGN.replace(";Jane Roe", "").replace("|Jane Roe", "").encode()
    with app.test_request_context():
        check = start_mapped_job(
            mapping, store_upload(data), "ia.csv", False, False, users["editor"]
        )
        assert check.state == "done", check.message
        assert "4 created" in check.message and _count(db, Complaint) == 0
        report = load_blob(check.result_sha256).decode()
        assert report.splitlines()[1] == "2,create,Force at a stop,"
        job = start_mapped_job(mapping, store_upload(data), "ia.csv", False, True, users["editor"])
        assert job.state == "done" and JobView.of(job).percent == 100
        assert job.done == job.total == 4
        assert _count(db, Complaint) == 4
        again = start_mapped_job(
            mapping,
            store_upload(data + b"IA-1,1/1/2020,Admin,Ph.,,Dup,\n"),
            "ia.csv",
            False,
            True,
            users["editor"],
        )
        assert again.state == "failed" and "refused, so nothing was imported" in again.message
        assert _count(db, Complaint) == 4


def test_queries_do_not_grow_with_the_rows(db, tmp_path):
    """References, natural keys and slugs come from maps loaded once, not a query per row.

    Each referenced officer is loaded once (per batch of 1,000 rows), whatever its rows.
    """
    from tests.querycount import count_queries
    from tracker.imports.mapped import run_mapped

    for n in range(20):
        factories.make_officer(publish=True, serial_number=f"S{n}", name=f"Officer {n}")
    factories.make_complaint(title="Already here", reference_number="OLD-1")
    db.session.commit()
    mapping = Mapping.from_json(MAPPING)

    def queries(rows, write):
        """The statements a run of ``rows`` rows makes."""
        sheet = tmp_path / f"{rows}-{write}.csv"
        lines = [
            f"N{rows}{write}{n},3/12/2020,Admin,Ph.,S{n % 5};S{(n + 1) % 5},Row {rows} {n} {write}"
            for n in range(rows)
        ]
        sheet.write_text(FOREIGN.splitlines()[0] + "\n" + "\n".join(lines) + "\n")
        with count_queries() as seen:
            run = run_mapped(mapping, sheet, sheet.name, write=write)
        assert not run.problems and run.counts["create"] == rows
        return [s for s in seen.statements if not s.lstrip().upper().startswith("INSERT")]

    small, large = queries(10, False), queries(200, False)
    assert len(large) == len(small) <= 10
    small, large = queries(10, True), queries(200, True)
    # Writing: the inserts aside, a few officers are read again after the flush, but 190 more
    # rows make far fewer than 190 more reads (today's import made one or more per row).
    assert len(large) < len(small) + 20, large[len(small) :][:5]


def test_cli_suggests_a_mapping_to_edit(runner, db, tmp_path):
    sheet, _ = _foreign_files(tmp_path)
    result = runner.invoke(args=["import-csv", "complaint", str(sheet), "--suggest-mapping"])
    assert result.exit_code == 0, result.output
    assert "channel: 'PHONE' in 1 of 4 rows -> phone" in result.stderr
    suggested = json.loads(result.stdout)
    assert suggested["columns"]["Intake"] == "channel"
    assert suggested["values"]["channel"]["ph."] == "phone"
    assert suggested["values"]["complaint_kind"]["crim"] == "criminal"
    sheet, _ = _foreign_files(tmp_path, ALLEGATIONS, ALLEGATION_MAPPING, "ia-allegations")
    result = runner.invoke(args=["import-csv", "allegation", str(sheet), "--suggest-mapping"])
    assert result.exit_code == 0, result.output
    assert "final_finding: 'SUSTAINED' in 1 of 4 rows -> sustained" in result.stderr
    suggested = json.loads(result.stdout)
    assert suggested["columns"]["Disposition"] == "final_finding"
    assert suggested["values"]["final_finding"]["sust."] == "sustained"
    assert suggested["values"]["final_finding"]["su"] == "sustained"
