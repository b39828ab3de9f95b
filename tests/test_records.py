"""What every record shares: titles and slugs, revisions, the version counter, the workflow."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tests import factories
from tracker.extensions import db
from tracker.models import Case, CasePerson, Citation, Revision
from tracker.records.slugs import slugify
from tracker.records.workflow import (
    WorkflowError,
    publish,
    return_to_author,
    submit_for_review,
    unpublish,
)


def test_slugify():
    assert slugify("Death of Donnie Sanders") == "death-of-donnie-sanders"
    assert slugify("  Ça va -- O'Neil!  ") == "ca-va-o-neil"
    assert slugify("") == "record"
    assert len(slugify("x" * 500)) == 100


def test_slugs_are_unique_within_a_kind(app):
    first = factories.make_case(title="Same title")
    second = factories.make_case(title="Same title")
    officer = factories.make_officer(name="Same title")
    db.session.commit()
    assert (first.slug, second.slug, officer.slug) == ("same-title", "same-title-2", "same-title")


def test_slug_follows_a_title_change(app):
    case = factories.make_case(title="Old title")
    db.session.commit()
    case.title = "New title"
    db.session.commit()
    assert case.slug == "new-title"


def test_titles_derived_from_fields(app):
    person = factories.make_person(name="Private Person", name_is_public=False)
    minor = factories.make_person(name="Young Person", is_minor=True)
    public = factories.make_person(name="Public Person", name_is_public=True)
    withheld = factories.make_officer(identity_status="withheld", title="Officer in case 7")
    db.session.commit()
    assert person.title == "Name withheld"
    assert minor.title == "A minor (name withheld)"
    assert public.title == "Public Person"
    assert withheld.title == "Officer in case 7"


def test_create_and_edit_write_field_level_revisions(app, users):
    from flask import g

    g.actor_id = users["volunteer"].id
    case = factories.make_case(title="Revised case", outcome="injured")
    db.session.commit()
    case.outcome = "fatal"
    case.summary = "Added later"
    db.session.commit()

    revisions = db.session.scalars(select(Revision).order_by(Revision.id)).all()
    assert [revision.action for revision in revisions] == ["create", "edit"]
    assert revisions[0].changes["title"] == [None, "Revised case"]
    assert revisions[1].changes == {
        "outcome": ["injured", "fatal"],
        "summary": [None, "Added later"],
    }
    assert revisions[1].version == 2 and case.version == 2
    assert revisions[1].user_id == users["volunteer"].id
    assert case.created_by_id == case.updated_by_id == users["volunteer"].id


def test_changes_to_parts_are_recorded_on_the_parent(app):
    case = factories.make_case(title="With people")
    person = factories.make_person(name="Secret Name")
    db.session.commit()
    case.people.append(CasePerson(person=person, role="witness"))
    db.session.commit()
    revision = db.session.scalars(select(Revision).order_by(Revision.id.desc())).first()
    assert revision.record_id == case.id
    assert revision.changes["case_people"] == {"added": ["Name withheld (Witness)"], "removed": []}
    assert case.version == 2


def test_private_fields_are_marked_in_revisions(app):
    person = factories.make_person(name="Hidden", contact_details="555-0100")
    db.session.commit()
    revision = person.revisions[0]
    assert {"name", "contact_details"} <= set(revision.private_changes)
    assert "contact_details" not in revision.public_changes


def test_status_change_is_its_own_kind_of_revision(app):
    case = factories.make_case()
    db.session.commit()
    submit_for_review(case)
    db.session.commit()
    assert case.revisions[-1].action == "status"
    assert case.revisions[-1].changes["status"] == ["draft", "in_review"]


def test_stale_version_is_refused(app):
    case = factories.make_case(title="Contested")
    db.session.commit()
    case_id = case.id
    # Another editor saves first, straight through the database.
    with db.engine.begin() as connection:
        connection.execute(
            Case.__table__.update().values(outcome="fatal").where(Case.id == case_id)
        )
        from tracker.models import Record

        connection.execute(
            Record.__table__.update().values(version=Record.version + 1).where(Record.id == case_id)
        )
    case.summary = "My change"
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()


def test_workflow_steps(app):
    case = factories.make_case()
    db.session.flush()
    with pytest.raises(WorkflowError, match="without at least one source"):
        publish(case)
    submit_for_review(case)
    with pytest.raises(WorkflowError, match="comment is required"):
        return_to_author(case, "  ")
    return_to_author(case, "Add the date")
    assert (case.status, case.review_comment) == ("draft", "Add the date")
    case.citations.append(Citation(source=factories.make_source()))
    submit_for_review(case)
    publish(case)
    assert case.status == "published" and case.published_at is not None
    assert case.review_comment is None
    unpublish(case)
    assert case.status == "unpublished"
    with pytest.raises(WorkflowError, match="cannot be moved"):
        submit_for_review(case)


@pytest.mark.parametrize(
    "bad_fields",
    [
        {"case_kind": "riot"},
        {"outcome": "maybe"},
        {"date_precision": "week"},
        {"status": "deleted"},
    ],
)
def test_database_checks_enumerated_fields(app, bad_fields):
    factories.make_case(**bad_fields)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_database_enforces_ranges_and_relations(app):
    factories.make_person(age=130)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    factories.make_person(is_minor=True, name_is_public=True)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    factories.make_officer(identity_status="named", name=None, title="x")
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_investigation_cannot_close_before_it_opened(app):
    from datetime import date

    factories.make_investigation(opened_on=date(2020, 6, 2), closed_on=date(2020, 6, 1))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_demand_numbers_are_unique_per_petition(app):
    from tracker.models import Demand

    petition = factories.make_petition(demands=1)
    db.session.flush()
    db.session.add(Demand(petition=petition, number=1, short_title="Dup", text="Dup"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_foreign_keys_are_enforced(app):
    factories.make_duty_event(officer=None, officer_id=999_999)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_officer_switched_to_withheld_never_keeps_the_name_as_title(app):
    officer = factories.make_officer(name="Jane Secretofficer")
    db.session.commit()
    assert officer.title == "Jane Secretofficer"
    officer.identity_status = "withheld"
    db.session.commit()
    assert officer.title == "Identity withheld"
    assert "secretofficer" not in officer.slug
