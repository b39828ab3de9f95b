"""API list pages read what rows show of other records as plain values, in a fixed few queries.

A row shows other records only as ids, a name or a number (``RecordKind.rows``,
``tracker.kinds.row_values``), so a page reads those as plain values for all its rows at once,
in one statement, behind the visibility boundary: the count of queries is the same for one row
as for many, an unpublished record never shows, and every batch value is the one the record's
own ``Computed.value`` gives.
"""

from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tests.querycount import page_queries
from tracker.extensions import db
from tracker.kinds import api_collections, kind_named, row_values
from tracker.kinds.base import json_value
from tracker.models import CasePerson, Citation, DemandLink, ExternalId, Tag
from tracker.records.visibility import public_view

# Warm (the total kept): the data stamp, the page, then one statement for the rows: the visible
# records they refer to, what each ``Computed.values`` reads (complainants, allegations,
# officers named, duty statuses, a case's tags, people and officers) and their sources, demands
# and outside ids, together (``row_values.read``); a kind's own loads come on top.
WARM_QUERIES = {
    "cases": 3,
    "complaints": 3,
    "allegations": 4,  # and its complaints' case ids (a load of one column)
    "investigations": 3,
    "officers": 3,
    "duty-events": 4,  # and its investigations (a load)
    "legal-actions": 4,  # and its docket (a load)
    "assignments": 3,
}
ID_FIELDS = {
    "cases": (),
    "complaints": ("case_id", "filed_with_id", "refused_by_agency_id", "refused_by_officer_id"),
    "allegations": ("complaint_id", "officer_id", "case_id"),
    "investigations": ("case_id", "agency_id"),
    "officers": ("agency_id",),
}


def _world(size, hidden=False):
    """``size`` records of every kind with every reference set, sources, demands, outside ids.

    ``hidden``: every other referenced record is a draft (the rows must not show it).
    """
    petition = factories.make_petition(publish=True, demands=2)
    # Made out of order: a case shows its tags by name.
    tags = [Tag(name=f"Tag {size} {letter}", slug=f"tag-{size}-{letter}") for letter in "zam"]
    db.session.flush()
    made = []
    for number in range(size):
        shown = not (hidden and number % 2)
        agency = factories.make_agency(publish=shown)
        officer = factories.make_officer(publish=shown, agency=agency, name=f"Officer {number}")
        person = factories.make_person(publish=shown, name=f"Person {number}", name_is_public=True)
        case = factories.make_case(publish=shown, officers=[officer])
        # A published case with the other records' parts (shown only while they are published).
        listed = factories.make_case(
            publish=True, officers=[officer, officer], tags=tags[number % 2 :]
        )
        listed.officers[1].role = "witness"
        for role in ("witness", "subject"):
            listed.people.append(CasePerson(person=person, role=role))
        complaint = factories.make_complaint(
            publish=True,
            case=case,
            filed_with=agency,
            refused_by_agency=agency,
            refused_by_officer=officer,
            complainant=person,
            complainant_is_public=True,
            officers=[officer],
        )
        factories.make_allegation(complaint, publish=True, officer=officer, recommended_by=agency)
        factories.make_allegation(complaint, publish=shown, officer=officer)
        investigation = factories.make_investigation(
            publish=True, case=case, agency=agency, officers=[officer]
        )
        factories.make_duty_event(
            officer, publish=True, duty_kind="suspended", occurred_on=date(2020, 1, 1)
        )
        factories.make_duty_event(
            officer,
            publish=shown,
            duty_kind="reinstated",
            occurred_on=date(2020, 2, 1),
            investigations=[investigation],
        )
        factories.make_legal_action(publish=True, case=case, court=agency, officers=[officer])
        factories.make_assignment(officer, publish=True, agency=agency)
        made += [complaint, investigation, officer]
    db.session.flush()
    for number, record in enumerate(made):
        # Shown by position, then as they were made (two of the default position, 1).
        record.citations.append(Citation(source=factories.make_source(), position=3))
        record.citations.append(Citation(source=factories.make_source()))
        record.citations.append(Citation(source=factories.make_source()))
        record.demand_links.append(DemandLink(demand=petition.demands[number % 2]))
        for value in (f"{record.id}9", f"{record.id}10"):  # shown in the database's order
            record.external_ids.append(ExternalId(scheme="fatal_force", value=value))
    db.session.commit()


@pytest.mark.parametrize("path", sorted(WARM_QUERIES))
def test_an_api_list_runs_the_same_few_queries_for_one_row_or_many(app, client, path):
    """One row or 25 rows, each with references, parts, sources, demands and outside ids."""
    app.config["PAGE_CACHE_ENABLED"] = False
    _world(1)
    one = page_queries(client, f"/api/v1/{path}", warm=True)
    _world(12)
    many = page_queries(client, f"/api/v1/{path}", warm=True)
    assert (one, many) == (WARM_QUERIES[path], WARM_QUERIES[path])


def test_rows_show_no_unpublished_record(app, client):
    """A draft agency, officer, case, complainant, allegation or duty event never shows."""
    app.config["PAGE_CACHE_ENABLED"] = False
    _world(4, hidden=True)
    with public_view():
        visible = {
            kind: set(db.session.scalars(select(kind_named(kind).model.id)))
            for kind in ("agency", "officer", "case", "person", "allegation")
        }
    complaints = client.get("/api/v1/complaints?per_page=100").get_json()["data"]
    assert {row["complainant"] for row in complaints} == {"Person 0", "Person 2", None}
    for row in complaints:
        assert set(row["allegation_ids"]) <= visible["allegation"]
        assert set(row["officer_ids"]) <= visible["officer"]
        assert row["case_id"] in visible["case"] | {None}
    officers = client.get("/api/v1/officers?per_page=100").get_json()["data"]
    # Each shown officer's reinstatement shows only while published: after it, back on duty.
    assert [row["duty_status"] for row in officers] == ["active", "active"]
    assert all(row["agency_id"] in visible["agency"] for row in officers)


@pytest.mark.parametrize("path", sorted(ID_FIELDS))
def test_batch_rows_match_each_record_read_alone(app, client, path):
    """Every field of a page's rows is what the record's own relationships give (drafts too)."""
    app.config["PAGE_CACHE_ENABLED"] = False
    _world(4, hidden=True)
    collection = next(item for item in api_collections() if item.path == path)
    rows = client.get(f"/api/v1/{path}?per_page=100").get_json()["data"]
    with public_view():
        records = db.session.scalars(collection.published_statement()).all()
        # By id: the case list's own order is newest first, the statement's by id.
        assert sorted(row["id"] for row in rows) == [record.id for record in records]
        by_id = {row["id"]: row for row in rows}
        for record in records:
            row = by_id[record.id]
            for item in collection.computed:
                assert row[item.name] == json_value(item.value(record)), (path, item.name)
            for name in ID_FIELDS[path]:
                relationship = collection._references.get(name)
                if relationship:
                    shown = getattr(record, relationship)
                    assert row[name] == (shown.id if shown else None), (path, name)
            assert row["source_ids"] == [item.source_id for item in record.citations]
            assert row["external_ids"] == [f"{e.scheme}:{e.value}" for e in record.external_ids]
            numbers = sorted(link.demand.number for link in record.demand_links if link.demand)
            assert row["demand_numbers"] == numbers


def test_duty_status_follows_each_officers_newest_dated_event(app, client):
    """The batch picks the event a status follows in SQL: the latest date, then the latest made.

    Undated events and a later draft never count; an officer with no dated event is unknown.
    """
    app.config["PAGE_CACHE_ENABLED"] = False
    same_day = factories.make_officer(publish=True, name="Same day")
    for kind in ("suspended", "reinstated", "administrative_leave"):
        factories.make_duty_event(
            same_day, publish=True, duty_kind=kind, occurred_on=date(2021, 3, 1)
        )
    factories.make_duty_event(same_day, publish=True, duty_kind="terminated")  # undated
    later_draft = factories.make_officer(publish=True, name="Later draft")
    factories.make_duty_event(
        later_draft, publish=True, duty_kind="suspended", occurred_on=date(2021, 1, 1)
    )
    factories.make_duty_event(
        later_draft, publish=False, duty_kind="reinstated", occurred_on=date(2021, 2, 1)
    )
    factories.make_officer(publish=True, name="No events")
    db.session.commit()
    rows = client.get("/api/v1/officers?per_page=100").get_json()["data"]
    statuses = [row["duty_status"] for row in rows]
    with public_view():
        collection = kind_named("officer")
        officers = db.session.scalars(collection.published_statement()).all()
        expected = [collection.computed_value(officer, "duty_status") for officer in officers]
    assert statuses == expected == ["on_leave", "suspended", "unknown"]


def test_a_batch_refuses_parts_that_sort_alike_labels_otherwise():
    """Two parts sorting by the same labels in another sequence could not both keep their order."""

    def among(column, referred=False):
        """No narrowing: the statement is only built."""
        return column.is_not(None)

    first = row_values.part(
        "first", Citation.record_id, among, order=("a", "b"), a=Citation.id, b=Citation.position
    )
    second = row_values.part(
        "second", Citation.record_id, among, order=("b", "a"), a=Citation.id, b=Citation.position
    )
    with pytest.raises(ValueError):
        row_values._union([first, second])
