"""Open data downloads and the JSON API: fields, filters, pagination, links, query counts."""

import csv
import io

import pytest

from tests import factories
from tests.querycount import count_queries
from tracker.kinds import api_collections, exported_collections

KINDS = {item.collection: item for item in exported_collections()}
API_KINDS = [item.collection for item in api_collections()]


def test_data_page_lists_every_download_and_the_dictionary(client):
    response = client.get("/data")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for kind in KINDS:
        assert f"/data/{kind}.csv" in page and f"/data/{kind}.json" in page
    assert "acceptance_reason" in page and "/api/v1/openapi.json" in page


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_download_has_the_dictionary_fields(client, demo, kind):
    response = client.get(f"/data/{kind}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == KINDS[kind].field_names
    document = client.get(f"/data/{kind}.json").get_json()
    assert document["count"] == len(rows) - 1
    for record in document["records"]:
        assert sorted(record) == sorted(KINDS[kind].field_names)


def test_downloads_hold_published_records_only_and_defuse_formulas(client, db):
    factories.make_case(publish=True, title='=HYPERLINK("http://x")')
    factories.make_case(title="A draft case")
    db.session.commit()
    text = client.get("/data/cases.csv").get_data(as_text=True)
    assert "A draft case" not in text
    assert "'=HYPERLINK" in text
    assert client.get("/data/nothing.csv").status_code == 404


def test_api_lists_paginate_with_links(client, db):
    for n in range(5):
        factories.make_case(publish=True, title=f"Case number {n}")
    db.session.commit()
    body = client.get("/api/v1/cases?per_page=2&sort=title").get_json()
    assert body["meta"] == {"page": 1, "per_page": 2, "total": 5, "pages": 3}
    assert [row["title"] for row in body["data"]] == ["Case number 0", "Case number 1"]
    following = client.get(body["links"]["next"]).get_json()
    assert [row["title"] for row in following["data"]] == ["Case number 2", "Case number 3"]
    assert client.get("/api/v1/cases?page=0").status_code == 400
    assert client.get("/api/v1/cases?per_page=500").status_code == 400


def test_api_filters_and_links_between_records(client, db):
    officer = factories.make_officer(publish=True, name="Alex Doe")
    case = factories.make_case(publish=True, title="Fatal", outcome="fatal", officers=[officer])
    factories.make_case(publish=True, title="Injured", outcome="injured")
    complaint = factories.make_complaint(publish=True, case=case, officers=[officer])
    factories.make_complaint(publish=True, acceptance="refused")
    db.session.commit()
    rows = client.get("/api/v1/cases?outcome=fatal").get_json()["data"]
    assert [row["title"] for row in rows] == ["Fatal"]
    assert rows[0]["links"]["officers"] == [f"/api/v1/officers/{officer.id}"]
    rows = client.get(f"/api/v1/complaints?officer={officer.id}").get_json()["data"]
    assert [row["id"] for row in rows] == [complaint.id]
    assert rows[0]["links"]["case"] == f"/api/v1/cases/{case.id}"
    assert len(client.get("/api/v1/complaints?acceptance=refused").get_json()["data"]) == 1
    # A malformed filter is ignored, as on the public pages.
    assert len(client.get("/api/v1/complaints?acceptance=bogus").get_json()["data"]) == 2
    detail = client.get(f"/api/v1/officers/{officer.id}").get_json()["data"]
    assert detail["name"] == "Alex Doe" and detail["id"] == officer.id


def test_api_detail_of_unpublished_or_missing_is_a_json_404(client, db):
    draft = factories.make_case(title="Draft")
    db.session.commit()
    for path in (f"/api/v1/cases/{draft.id}", "/api/v1/officers/424242", "/api/v1/cases/9" * 1):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json
    assert client.get("/api/v1/cases/99999999999999999999").status_code == 404
    response = client.post("/api/v1/cases")
    assert response.status_code == 405
    assert response.get_json()["error"]["status"] == 405
    unknown = client.get("/api/v1/no-such-kind")
    assert unknown.status_code == 404 and unknown.is_json


def test_openapi_document_covers_every_kind(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for kind in API_KINDS:
        segment = kind.replace("_", "-")
        assert f"/{segment}" in document["paths"]
        assert f"/{segment}/{{record_id}}" in document["paths"]


def test_api_and_download_query_counts_do_not_grow_with_records(app, client, db):
    def queries(path):
        with count_queries() as counted:
            assert client.get(path).status_code == 200
        return counted.count

    officer = factories.make_officer(publish=True)
    factories.make_case(publish=True, officers=[officer])
    factories.make_complaint(publish=True, officers=[officer])
    db.session.commit()
    paths = [f"/api/v1/{kind.replace('_', '-')}" for kind in API_KINDS]
    paths += [f"/data/{kind}.csv" for kind in KINDS]
    few = {path: queries(path) for path in paths}
    for _ in range(6):
        officer = factories.make_officer(publish=True)
        factories.make_case(publish=True, officers=[officer])
        factories.make_complaint(publish=True, officers=[officer])
    db.session.commit()
    many = {path: queries(path) for path in paths}
    assert many == few
