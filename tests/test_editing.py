"""The editing service and the one reference resolver, used by workspace, import and seed."""

import pytest

from tests.factories import make_agency, make_case, make_officer, make_source
from tracker.extensions import db
from tracker.imports.columns import CellError, reference
from tracker.models import Case, Complaint
from tracker.records import editing
from tracker.records.references import Ambiguous, NotFound, resolve


def test_one_resolver_reads_every_way_of_naming_a_record(app):
    case = make_case(title="Stop on Prospect")
    db.session.commit()
    typings = (f"Stop on Prospect (#{case.id})", f"#{case.id}", str(case.id), "stop ON prospect")
    for typed in typings:
        assert resolve(typed, ("case",)) == case
    with pytest.raises(NotFound):
        resolve(f"#{case.id}", ("officer",))
    with pytest.raises(NotFound):
        resolve(str(case.id), ("case",), bare_numbers=False)


def test_the_import_resolves_through_the_same_resolver_with_its_own_rules(app):
    case = make_case(title="Stop on Prospect")
    officer = make_officer(name="Jane Roe", serial_number="1234")
    make_officer(identity_status="withheld", title="Second officer")
    make_officer(identity_status="withheld", title="Second officer")
    db.session.commit()
    assert reference("case")(f"Stop on Prospect (#{case.id})") == case
    assert reference("case")("stop on prospect") == case
    assert reference("officer")("1234") == officer  # a bare number is a serial number in the import
    assert reference("officer")("jane roe") == officer
    assert reference("officer")(f"#{officer.id}") == officer
    with pytest.raises(CellError, match='no officer "Second officer"'):
        reference("officer")("Second officer")  # officers by name or serial only, as before
    with pytest.raises(Ambiguous):
        resolve("Second officer", ("officer",))


def test_save_writes_plain_values_and_names_the_revision(app):
    agency = make_agency()
    officer = make_officer()
    db.session.commit()
    complaint = editing.save(
        Complaint(),
        {
            "title": "Complaint",
            "complaint_kind": "criminal",
            "filed_with": agency,
            "officers": [officer, officer, None],
            "channel": "phone",
        },
        action="import",
        comment="Imported from test.csv",
    )
    editing.commit()
    assert complaint.filed_with_id == agency.id and complaint.officers == [officer]
    assert complaint.channel == "phone"
    revision = complaint.revisions[-1]
    assert (revision.action, revision.comment) == ("import", "Imported from test.csv")
    editing.save(complaint, {"title": "Renamed"})
    editing.commit()
    assert complaint.revisions[-1].action == "edit" and complaint.revisions[-1].comment is None
    assert "revision_action" not in db.session.info


def test_an_edit_based_on_an_older_version_is_a_conflict_and_changes_nothing(app):
    case = make_case(place="Before")
    db.session.commit()
    editing.save(case, {"place": "Theirs"}, base_version=case.version)
    editing.commit()
    with pytest.raises(editing.Conflict):
        editing.save(case, {"place": "Mine"}, base_version=case.version - 1)
    assert db.session.get(Case, case.id).place == "Theirs"


def test_a_restore_that_changes_nothing_leaves_no_note_for_the_next_change(app):
    values = {"title": "Stop", "case_kind": "shooting", "outcome": "fatal", "place": "A"}
    case = editing.save(Case(), {**values, "date_precision": "day"})
    editing.commit()
    first = case.revisions[0]
    editing.save(case, {"place": "B"})
    editing.commit()
    assert editing.restore(case, first) is True
    editing.commit()
    assert case.revisions[-1].action == "restore" and case.place == "A"
    assert editing.restore(case, first) is False
    editing.save(case, {"place": "C"})
    editing.commit()
    assert case.revisions[-1].action == "edit"


def test_cite_link_and_status_through_the_service(app):
    from tests.factories import make_petition

    petition = make_petition(demands=1)
    case = make_case()
    source = make_source()
    db.session.commit()
    demand = petition.demands[0]
    assert editing.cite(case, source, "p. 3") is True
    assert editing.cite(case, source) is False
    assert editing.link_demand(case, demand, "bears on it") is True
    assert editing.link_demand(case, demand) is False
    editing.change_status(case, "publish")
    editing.commit()
    assert case.status == "published" and case.citations[0].locator == "p. 3"
    with pytest.raises(editing.Refused):
        editing.uncite(case, case.citations[0])
    with pytest.raises(editing.Refused):
        editing.change_status(case, "submit")
