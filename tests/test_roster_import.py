"""Roster import in OpenOversight's CSV format: dry run, all-or-nothing commit, the rules of ids
and ``#key``, private fields, and that the same files imported again change nothing."""

import io
from datetime import date

from sqlalchemy import func, select

from tests import factories
from tracker.imports.roster import plan_roster
from tracker.imports.roster_write import apply_roster
from tracker.models import Assignment, Officer, Revision

OFFICERS = (
    "id,first_name,last_name,middle_initial,suffix,gender,race,birth_year,employment_date,"
    "last_employment_date,unique_internal_identifier,department_name\n"
    "#a,Maria,Lopez,J,,Female,Latina,1980,2005-03-01,,U-100,Metro PD\n"
    "#b,John,Doe,,Jr,Male,White,1975,1999-06-01,2020-01-31,U-200,Metro PD\n"
    ",Sam,Blank,,,,,,,,,Metro PD\n"
)
ASSIGNMENTS = (
    "id,officer_id,badge_number,job_title,start_date,resign_date,unit_name\n"
    ",#a,1234,Police officer,2005-03-01,2010-12-31,Patrol North\n"
    ",#a,5678,Sergeant,2011-01-01,,Narcotics\n"
    ",#b,,Detective,,,Homicide\n"
)


def _count(db, model):
    """How many rows ``model`` has."""
    return db.session.scalar(select(func.count()).select_from(model))


def _agency(db):
    """The department the files name."""
    agency = factories.make_agency(name="Metro PD")
    db.session.commit()
    return agency


def test_dry_run_lists_every_row_and_writes_nothing(db):
    _agency(db)
    plan = plan_roster(OFFICERS, ASSIGNMENTS)
    assert not plan.problems
    assert [(row.file, row.row, row.action) for row in plan.rows] == [
        ("officers", 2, "create"),
        ("officers", 3, "create"),
        ("officers", 4, "create"),
        ("assignments", 2, "create"),
        ("assignments", 3, "create"),
        ("assignments", 4, "create"),
    ]
    assert plan.rows[0].title == "Maria J. Lopez" and plan.rows[1].title == "John Doe Jr"
    assert _count(db, Officer) == 0 and _count(db, Assignment) == 0


def test_import_creates_drafts_keeps_private_fields_private_and_again_changes_nothing(db):
    agency = _agency(db)
    changed = apply_roster(plan_roster(OFFICERS, ASSIGNMENTS, ("o.csv", "a.csv")))
    assert changed == 6
    maria = db.session.scalars(select(Officer).where(Officer.serial_number == "U-100")).one()
    assert (maria.status, maria.agency_id, maria.gender, maria.birth_year) == (
        "draft",
        agency.id,
        "Female",
        1980,
    )
    # The officer's own rank, unit and badge are those of the latest assignment.
    assert (maria.rank, maria.unit, maria.badge_number) == ("Sergeant", "Narcotics", "5678")
    assert [(a.badge_number, a.ended_on, a.agency_id) for a in maria.assignments] == [
        ("1234", date(2010, 12, 31), agency.id),
        ("5678", None, agency.id),
    ]
    john = db.session.scalars(select(Officer).where(Officer.serial_number == "U-200")).one()
    assert (john.separation, john.separated_on) == ("left", date(2020, 1, 31))
    assert john.assignments[0].badge_number is None
    revision = db.session.scalars(select(Revision).where(Revision.record_id == maria.id)).one()
    assert revision.action == "import" and revision.comment == "Imported from o.csv and a.csv"
    assert {"gender", "race", "birth_year"} <= set(revision.private_changes)
    assert "name" not in revision.private_changes
    assert maria.assignments[0].slug and maria.assignments[0].title == (
        "Police officer, Patrol North (badge 1234)"
    )

    revisions = _count(db, Revision)
    again = plan_roster(OFFICERS, ASSIGNMENTS)
    assert not again.problems and not again.ok
    assert {row.action for row in again.rows} == {"unchanged"}
    assert apply_roster(again) == 0
    assert (_count(db, Officer), _count(db, Assignment), _count(db, Revision)) == (
        3,
        3,
        revisions,
    )


def test_a_number_updates_that_record(db):
    _agency(db)
    apply_roster(plan_roster(OFFICERS, ASSIGNMENTS))
    maria = db.session.scalars(select(Officer).where(Officer.serial_number == "U-100")).one()
    held = maria.assignments[1]
    officers = OFFICERS.splitlines()[0] + f"\n{maria.id},Maria,Lopez-Grant,J,,,,,,,U-100,Metro PD\n"
    assignments = (
        "id,officer_id,badge_number,job_title,start_date,resign_date,unit_name\n"
        f"{held.id},{maria.id},5678,Sergeant,2011-01-01,2019-05-31,Narcotics\n"
    )
    plan = plan_roster(officers, assignments)
    assert [(row.action, row.changes) for row in plan.rows] == [
        ("update", ["name"]),
        ("update", ["ended_on"]),
    ]
    apply_roster(plan)
    db.session.expire_all()
    assert maria.name == "Maria J. Lopez-Grant" and held.ended_on == date(2019, 5, 31)
    assert maria.gender == "Female"  # a blank cell leaves a field as it is


def test_bad_rows_are_refused_with_row_column_and_reason(db):
    _agency(db)
    officers = (
        OFFICERS.splitlines()[0] + "\n"
        "#a,Ann,One,,,,,nineteen,2005-13-01,,U-1,Metro PD\n"
        "#a,Ann,Two,,,,,,,,U-2,Nowhere PD\n"
        "999999,Ann,Three,,,,,,,,U-3,Metro PD\n"
        "#c,,,,,,,,,,U-4,Metro PD\n"
    )
    assignments = (
        "id,officer_id,badge_number,job_title,start_date,resign_date,unit_name,bogus\n"
        ",#zzz,1,Officer,2010-01-01,,A,\n"
    )
    plan = plan_roster(officers, assignments)
    problems = {(p.row, p.column, p.reason.split('"')[0]) for p in plan.problems}
    assert (2, "officers file: birth_year", "") in problems
    assert (3, "officers file: department_name", "no agency is called ") in problems
    assert (4, "officers file: id", "no officer on file has the number 999999") in problems
    assert (5, "officers file: last_name", "is required") in problems
    assert (1, "assignments file: bogus", "unknown or repeated column") in problems
    assert not plan.ok


def test_the_assignments_file_refers_to_a_missing_key_or_inverted_dates(db):
    _agency(db)
    assignments = (
        "id,officer_id,badge_number,job_title,start_date,resign_date,unit_id\n"
        ",#nobody,1,Officer,2010-01-01,,\n"
        ",#a,2,Officer,2012-01-01,2011-01-01,\n"
        ",#a,3,Officer,2012-01-01,,424242\n"
    )
    plan = plan_roster(OFFICERS, assignments)
    columns = [(p.row, p.column) for p in plan.problems]
    assert columns == [
        (2, "assignments file: officer_id"),
        (3, "assignments file: resign_date"),
        (4, "assignments file: unit_id"),
    ]


def test_unit_id_names_an_agency_unit_on_file(db):
    agency = _agency(db)
    unit = factories.make_agency(name="Fifth District", parent=agency)
    db.session.commit()
    assignments = (
        "id,officer_id,badge_number,job_title,start_date,resign_date,unit_id\n"
        f",#a,7,Officer,2012-01-01,,{unit.id}\n"
    )
    apply_roster(plan_roster(OFFICERS, assignments))
    assert db.session.scalars(select(Assignment.unit)).one() == "Fifth District"


def test_cli_dry_run_then_import(runner, db, tmp_path):
    _agency(db)
    officers, assignments = tmp_path / "officers.csv", tmp_path / "assignments.csv"
    officers.write_text(OFFICERS)
    assignments.write_text(ASSIGNMENTS)
    result = runner.invoke(args=["import-officers", str(officers), str(assignments), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "officers row 2: create Maria J. Lopez" in result.output
    assert "Dry run: 6 to create, 0 to update, 0 unchanged" in result.output
    assert _count(db, Officer) == 0
    result = runner.invoke(args=["import-officers", str(officers), str(assignments)])
    assert result.exit_code == 0 and _count(db, Assignment) == 3
    result = runner.invoke(args=["import-officers", str(officers), str(assignments)])
    assert "Nothing to change: 0 to create, 0 to update, 6 unchanged" in result.output
    officers.write_text(OFFICERS.replace("Metro PD", "Elsewhere PD"))
    result = runner.invoke(args=["import-officers", str(officers), str(assignments)])
    assert result.exit_code == 1 and "Nothing was imported" in result.output


def test_workspace_page_dry_run_then_commit(client, auth, users, db):
    _agency(db)
    auth.login_as(users["volunteer"])
    assert client.get("/manage/import/officers").status_code == 403
    auth.logout()
    auth.login_as(users["editor"])
    data = {
        "officers_file": (io.BytesIO(OFFICERS.encode()), "officers.csv"),
        "assignments_file": (io.BytesIO(ASSIGNMENTS.encode()), "assignments.csv"),
        "dry_run": "1",
    }
    page = client.post(
        "/manage/import/officers", data=data, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert "6 to create" in page and "Maria J. Lopez" in page and _count(db, Officer) == 0
    kept = {
        "officers_text": OFFICERS,
        "assignments_text": ASSIGNMENTS,
        "filenames": "officers.csv\nassignments.csv",
        "commit": "1",
    }
    response = client.post("/manage/import/officers", data=kept)
    assert response.status_code == 302
    assert _count(db, Officer) == 3 and _count(db, Assignment) == 3
    revision = db.session.scalars(
        select(Revision).where(Revision.record_id.in_(select(Officer.id))).limit(1)
    ).first()
    assert revision.user_id == users["editor"].id
