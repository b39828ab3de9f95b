"""Every record kind, through every channel: the tests follow the kind registry.

Adding a kind (a module in ``tracker/kinds``) and its factory (``tests/factories.py``) runs it
through the workspace form, the public page, the downloads, the API, the import, search and the
privacy marker, with no test to write per channel.
"""

import csv
import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from flask import current_app
from sqlalchemy import Boolean, String, Text
from werkzeug.datastructures import MultiDict

from tests import factories
from tests.manage_helpers import form_values
from tests.public_pages import QUERY_BUDGET, QUERY_BUDGETS, SECTION_PAGE_BUDGET
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.imports.kinds import importable_kinds
from tracker.imports.services import plan_import
from tracker.kinds import all_kinds, kind_named, public_url
from tracker.manage.forms import kind_forms
from tracker.models.facts import column_facts

KINDS = [kind.name for kind in all_kinds()]
API_KINDS = [kind.name for kind in all_kinds() if kind.api]
PAGE_QUERY_BUDGET = max(QUERY_BUDGET, SECTION_PAGE_BUDGET)  # a record may show on its case


def _url(record):
    """The public URL of ``record`` as a page would link it."""
    with current_app.test_request_context():
        return public_url(record)


def _search(client, word):
    """The search page for ``word`` without the places that repeat the query."""
    page = client.get(f"/search?q={word}").text
    for echo in (f"Search: {word}", f'value="{word}"', f"“{word}”"):
        page = page.replace(echo, "")
    return page


def _published(kind, **fields):
    """A committed, published record of ``kind`` with everything its page needs."""
    record = factories.make_record(kind, publish=True, **fields)
    db.session.commit()
    return record


def test_every_kind_has_a_factory():
    assert sorted(factories.KIND_FACTORIES) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_the_download_holds_the_published_record_row(client, kind):
    record = _published(kind)
    collection = kind_named(kind)
    rows = list(csv.reader(io.StringIO(client.get(f"/data/{collection.collection}.csv").text)))
    assert rows[0] == collection.field_names
    assert [row[0] for row in rows[1:]] == [str(record.id)]
    document = client.get(f"/data/{collection.collection}.json").get_json()
    assert [row["id"] for row in document["records"]] == [record.id]


@pytest.mark.parametrize("kind", API_KINDS)
def test_the_api_lists_and_details_the_record(client, kind):
    record = _published(kind)
    path = kind_named(kind).path
    listed = client.get(f"/api/v1/{path}").get_json()
    assert [row["id"] for row in listed["data"]] == [record.id]
    detail = client.get(f"/api/v1/{path}/{record.id}")
    assert detail.status_code == 200 and detail.get_json()["data"]["title"] == record.title
    if _url(record):
        assert detail.get_json()["data"]["links"]["html"] == _url(record)


@pytest.mark.parametrize("kind", KINDS)
def test_the_public_page_shows_the_record_at_its_place(client, kind):
    record = _published(kind)
    url = _url(record)
    if kind_named(kind).page is None:
        assert url is None
        return
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    place = kind_named(kind).public_place(record)
    # A page with a budget of its own (an officer's, with its figures) is held to that.
    assert counted.count <= QUERY_BUDGETS.get(place.endpoint, PAGE_QUERY_BUDGET)
    if place.anchor:
        assert f'id="{place.anchor}"' in response.text
    else:
        assert record.title in response.text


@pytest.mark.parametrize("kind", KINDS)
def test_search_finds_the_record_and_leads_to_its_page(client, kind):
    word = f"zq{uuid.uuid4().hex[:10]}"
    record = _published(kind, summary=f"Summary with {word}")
    response = client.get(f"/search?q={word}")
    assert response.status_code == 200
    assert record.title in response.text
    url = _url(record)
    if url:
        assert url.split("#")[0].split("-")[0] in response.text


@pytest.mark.parametrize("kind", KINDS)
def test_a_draft_reaches_no_public_channel(client, kind):
    word = f"zq{uuid.uuid4().hex[:10]}"
    record = factories.make_record(kind, publish=False, summary=f"Draft {word}")
    db.session.commit()
    collection = kind_named(kind)
    assert word not in client.get(f"/data/{collection.collection}.csv").text
    assert word not in _search(client, word)
    if collection.api:
        assert client.get(f"/api/v1/{collection.path}/{record.id}").status_code == 404


def _private_text_columns(kind):
    """The kind's private text columns that a marker can be written into."""
    return [
        name
        for name, (column, info) in column_facts(kind_named(kind).model).items()
        if not info["public"]
        and info["imported"] is not False
        and isinstance(column.type, String | Text)
        and not column.foreign_keys
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_private_fields_reach_no_public_channel(client, kind):
    marker = f"PRIVATE{uuid.uuid4().hex[:10]}"
    record = factories.make_record(kind, publish=True)
    for name in _private_text_columns(kind):
        setattr(record, name, f"{marker} {name}")
    db.session.commit()
    collection = kind_named(kind)
    outputs = [
        client.get(f"/data/{collection.collection}.csv").text,
        client.get(f"/data/{collection.collection}.json").text,
        _search(client, marker),
    ]
    if collection.api:
        outputs.append(client.get(f"/api/v1/{collection.path}/{record.id}").text)
    if _url(record):
        outputs.append(client.get(_url(record)).text)
    for output in outputs:
        assert marker not in output


def _cell(value):
    """How a value is written in an import CSV."""
    if isinstance(value, list):
        return ";".join(_cell(item) for item in value)
    if hasattr(value, "id") and hasattr(value, "kind"):
        return f"#{value.id}"
    if isinstance(value, date | Decimal):
        return str(value)
    return "" if value is None else str(value)


@pytest.mark.parametrize("kind", sorted(importable_kinds()))
def test_the_import_reads_back_a_record_as_unchanged(app, kind):
    record = _published(kind)
    columns = importable_kinds()[kind].columns
    row = [_cell(getattr(record, column.target)) for column in columns]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.name for column in columns])
    writer.writerow(row)
    plan = plan_import(kind, text.getvalue(), "round-trip.csv", update_existing=True)
    assert plan.problems == []
    assert [planned.action for planned in plan.rows] == ["unchanged"]


@pytest.mark.parametrize("kind", sorted(kind_forms()))
def test_the_workspace_form_saves_what_it_shows(client, auth, users, kind):
    record = _published(kind)
    before = {
        name: getattr(record, name)
        for name, (column, info) in column_facts(type(record)).items()
        if info["imported"] and not isinstance(column.type, Boolean)
    }
    version = record.version
    auth.login_as(users["editor"])
    path = f"/manage/{kind_named(kind).slug}/{record.id}/edit"
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(path, data=MultiDict(form_values(page.text)))
    assert response.status_code == 302, response.text
    db.session.expire_all()
    record = db.session.get(type(record), record.id)
    after = {name: getattr(record, name) for name in before}
    assert after == before
    assert record.version in (version, version + 1)
