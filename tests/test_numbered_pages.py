"""Pages asked for by number (``?page=N``): the rows OFFSET gives, read without OFFSET.

``tracker/kinds/keyset.py`` ``numbered`` reads a page near the start by OFFSET, near the end
in the reversed order, and elsewhere by the ids of the list's kept order. The tests shrink
"near" (``DIRECT_ROWS``) so a dozen records go through all three ways, and compare every page
by number with the same rows sliced out of the whole list (one page, OFFSET 0).
"""

import re
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.kinds import api_collections, keyset
from tracker.models import Case, Officer
from tracker.pages.officer import officer_list_statement
from tracker.records.visibility import public_view
from tracker.records.workflow import unpublish

SIZE = 13
PER_PAGE = 2
KINDS = [c.name for c in api_collections() if getattr(c, "name", None) in factories.KIND_FACTORIES]
CASE_LISTS = [
    "sort=newest",
    "sort=oldest",
    "sort=title",
    "sort=updated",
    "kind=shooting&sort=title",
    "outcome=fatal",
]


@pytest.fixture(autouse=True)
def small_steps(monkeypatch):
    """Pages within 4 rows of either end read directly."""
    monkeypatch.setattr(keyset, "DIRECT_ROWS", 4)


def _ids(client, path, args, page, per_page=PER_PAGE):
    """The ids on page ``page`` of the API list ``path`` (and its ``meta``)."""
    body = client.get(f"/api/v1/{path}?{args}&page={page}&per_page={per_page}").get_json()
    return [row["id"] for row in body["data"]], body["meta"]


def _every_page_matches(client, path, args=""):
    """Each page by number, and the ones past the end, equal OFFSET's slice of the list."""
    whole, meta = _ids(client, path, args, 1, per_page=100)
    assert meta["total"] == len(whole)
    for page in range(1, meta["total"] // PER_PAGE + 3):
        shown, _ = _ids(client, path, args, page)
        assert shown == whole[(page - 1) * PER_PAGE : page * PER_PAGE], (path, args, page)
    return whole


def _cases():
    """Published cases with ties in titles and dates, unknown dates, two kinds; two drafts."""
    for number in range(SIZE):
        factories.make_case(
            publish=True,
            title=f"Paged {number % 4}",
            occurred_on=None if number % 3 == 0 else date(2020, 1 + number % 2, 1),
            case_kind=("shooting", "use_of_force")[number % 2],
            outcome=("fatal", "injured")[number % 3 == 1],
        )
        if number % 6 == 0:
            factories.make_case(title="Paged draft")
    db.session.commit()


@pytest.mark.parametrize("kind", KINDS)
def test_every_api_page_by_number_is_the_offset_page(app, client, kind):
    for number in range(SIZE):
        factories.make_record(kind, publish=True)
        if number % 5 == 0:
            factories.make_record(kind)  # a draft among them
    db.session.commit()
    path = next(c.path for c in api_collections() if getattr(c, "name", None) == kind)
    assert len(_every_page_matches(client, path)) >= SIZE
    _every_page_matches(client, "sources")  # each record cites a source of its own


@pytest.mark.parametrize("args", CASE_LISTS)
def test_every_case_page_by_number_is_the_offset_page_after_publish_and_unpublish(
    app, client, args
):
    _cases()
    before = _every_page_matches(client, "cases", args)
    # A publish and an unpublish move the data stamp: the list's order is read again.
    unpublish(db.session.get(Case, before[len(before) // 2]))
    factories.make_case(publish=True, title="Paged 1", case_kind="shooting", outcome="fatal")
    db.session.commit()
    after = _every_page_matches(client, "cases", args)
    assert before[len(before) // 2] not in after


def _titles(html):
    """The case titles a /cases page lists, in order."""
    return re.findall(r">(Paged \d)<", html)


def test_the_html_case_list_by_number_is_the_offset_page(app, client):
    app.config["PER_PAGE"] = PER_PAGE
    _cases()
    whole = _titles(client.get("/cases?sort=title").get_data(True))  # first page, of two
    everything = []
    for page in range(1, SIZE // PER_PAGE + 2):
        html = client.get(f"/cases?sort=title&page={page}").get_data(True)
        assert f"Page {page} of {SIZE // PER_PAGE + 1}" in html
        everything += _titles(html)
    assert everything[:PER_PAGE] == whole
    assert everything == sorted(everything) and len(everything) == SIZE
    # Past the end: back to the first page, as before.
    assert client.get("/cases?sort=title&page=99").status_code == 302


def test_a_deep_page_by_number_costs_the_queries_of_the_first(app, client):
    _cases()
    counts = {}
    for page in (1, 4, SIZE // PER_PAGE + 1, 99):  # start, middle (kept order), end, past it
        client.get(f"/api/v1/cases?per_page={PER_PAGE}&page={page}")  # warm: order kept
        db.session.expire_all()
        with count_queries() as queries:
            client.get(f"/api/v1/cases?per_page={PER_PAGE}&page={page}")
        counts[page] = queries.count
    assert counts[4] == counts[SIZE // PER_PAGE + 1] == counts[1], counts
    assert counts[99] <= counts[1]


def test_the_order_kept_for_the_public_is_never_an_editors(app):
    for number in range(8):
        factories.make_case(publish=number % 2 == 0, title=f"Start {number}")
    db.session.commit()
    statement = select(Case).order_by(Case.title, Case.id)
    editor = list(keyset.kept_order(statement))
    with public_view():
        public = list(keyset.kept_order(statement))
    drafts = set(db.session.scalars(select(Case.id).where(Case.status != "published")))
    assert len(editor) == 8 and len(public) == 4 and not drafts & set(public)
    assert list(keyset.kept_order(statement)) == editor


@pytest.mark.parametrize("path", ["/officers", "/meetings", "/requests"])
def test_the_other_html_lists_by_number_show_each_record_once(app, client, path):
    app.config["PER_PAGE"] = PER_PAGE
    kind = {"/officers": "officer", "/meetings": "meeting", "/requests": "records_request"}
    made = [factories.make_record(kind[path], publish=True) for _ in range(SIZE)]
    db.session.commit()
    titles = [record.title for record in made]
    shown = []
    for page in range(1, SIZE // PER_PAGE + 2):
        html = client.get(f"{path}?page={page}").get_data(True)
        shown += [title for title in titles if f">{title}<" in html]
    assert sorted(shown) == sorted(titles) and len(set(shown)) == SIZE


def _officers():
    """Published officers, named and not, with ties in their names and titles; two drafts."""
    for number in range(SIZE):
        if number % 3:
            factories.make_officer(publish=True, name=f"Paged {number % 4}")
        else:
            factories.make_officer(
                publish=True, identity_status="withheld", title=f"Unnamed {number % 2}"
            )
        if number % 6 == 0:
            factories.make_officer(name="Paged 0")  # a draft among them
    db.session.commit()


def _officer_ids(html):
    """The ids of the officers an /officers page lists, in order."""
    return [int(found) for found in re.findall(r'<a href="/officers/(\d+)', html)]


def _every_officer_page_matches(client):
    """Each /officers page by number, and past the end, equals OFFSET's; the Next links too."""
    with public_view():
        statement = officer_list_statement().with_only_columns(Officer.id)
        whole = list(db.session.scalars(statement))
    pages = -(-len(whole) // PER_PAGE)
    by_number = []
    for page in range(1, pages + 3):
        html = client.get(f"/officers?page={page}").get_data(True)
        shown = _officer_ids(html)
        with public_view():
            offset = db.session.scalars(statement.offset((page - 1) * PER_PAGE).limit(PER_PAGE))
        assert shown == list(offset), page
        by_number += shown
    # Following the "Next page" links (``after``, the last officer shown) gives the same pages.
    walked, url = [], "/officers"
    while url:
        html = client.get(url).get_data(True)
        walked += _officer_ids(html)
        marker = 'rel="next" href="'
        url = html.split(marker)[1].split('"')[0].replace("&amp;", "&") if marker in html else None
        assert url is None or "after=" in url
    assert by_number == walked == whole
    return whole


def test_every_officer_page_by_number_or_after_is_the_offset_page(app, client):
    """The officer list's order spans two tables: every page comes from its kept order."""
    app.config["PER_PAGE"] = PER_PAGE
    _officers()
    before = _every_officer_page_matches(client)
    unpublish(db.session.get(Officer, before[len(before) // 2]))
    factories.make_officer(publish=True, name="Paged 1")
    db.session.commit()
    after = _every_officer_page_matches(client)
    assert before[len(before) // 2] not in after and len(after) == len(before)
    # A draft's id as the cursor reveals nothing: the page is the one its number names.
    draft = db.session.scalar(select(Officer.id).where(Officer.status != "published"))
    assert _officer_ids(client.get(f"/officers?page=2&after={draft}").get_data(True)) == after[2:4]
