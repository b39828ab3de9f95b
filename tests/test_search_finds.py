"""Search finds what the pages show: parts of a case, officers' cases, timeline entries; snippets
keep field boundaries and mark title matches; results narrow by kind and year; /cases searches."""

from datetime import date

from tests import factories
from tests.querycount import count_queries
from tests.search_world import build
from tracker.extensions import db
from tracker.models import CasePerson, SearchDocument, TimelineEvent
from tracker.search.query import search


def test_an_officers_name_finds_the_cases_they_are_in(app):
    world = build()
    db.session.commit()
    ids = {hit.record_id for hit in search("Marcus Hale").hits}
    assert {world["hale"].id, world["prospect"].id} <= ids


def test_renaming_an_officer_reindexes_their_cases(app):
    world = build()
    db.session.commit()
    world["hale"].name = "Marcus Halvorsen"
    db.session.commit()
    ids = {hit.record_id for hit in search("Halvorsen").hits}
    assert world["prospect"].id in ids


def test_a_timeline_entry_added_later_is_found_and_linked(app, client):
    world = build()
    db.session.commit()
    case = world["jail"]
    event = TimelineEvent(occurred_on=date(2021, 1, 5), description="Autopsy by Dr Quimby")
    case.timeline.append(event)
    db.session.commit()
    page = client.get("/search?q=quimby").get_data(as_text=True)
    assert f'href="/cases/{case.id}#timeline-{event.id}"' in page
    assert f'id="timeline-{event.id}"' in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_person_leads_to_their_case_and_private_names_stay_out(app, client):
    world = build()
    hidden = factories.make_person(publish=True, name="Zorblax Private")
    world["garage"].people.append(CasePerson(person=hidden, role="witness"))
    db.session.commit()
    page = client.get("/search?q=stokes").get_data(as_text=True)
    assert f'href="/cases/{world["garage"].id}#person-{world["stokes"].id}"' in page
    assert search("zorblax").total == 0
    case_page = client.get(f"/cases/{world['garage'].id}").get_data(as_text=True)
    assert f'id="person-{world["stokes"].id}"' in case_page


def test_snippets_keep_field_boundaries_and_titles_are_marked(app, client):
    build()
    db.session.commit()
    document = db.session.scalars(
        db.select(SearchDocument).where(SearchDocument.title == "Daniel Eastwood")
    ).one()
    assert "\n" in document.body  # one line a field
    page = client.get("/search?q=eastwood").get_data(as_text=True)
    assert "<mark>Eastwood</mark>" in page.split('class="search-hit"')[1]
    assert " · " in page and "East Patrol Division 5521" not in page


def test_results_narrow_by_kind_and_year(app, client):
    build()
    db.session.commit()
    everything = search("patrol")
    assert {name for name, _label, _count in everything.kinds} >= {"officer", "duty_event"}
    by_year = dict(everything.years)
    assert by_year.get(2013) == 1  # the duty event; officers have no date
    narrowed = search("patrol", year=2013)
    assert narrowed.total == 1 and narrowed.hits[0].kind == "duty_event"
    page = client.get("/search?q=patrol").get_data(as_text=True)
    assert 'href="/search?q=patrol&amp;year=2013"' in page
    assert 'href="/search?q=patrol&amp;kind=officer"' in page


def test_facets_and_hits_take_two_queries(app, client):
    build()
    db.session.commit()
    with count_queries() as queries:
        search("patrol")
    assert queries.count == 2
