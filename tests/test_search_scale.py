"""Search at scale: a capped count, ranking past the cap, a constant number of queries, and a
batched, resumable reindex that builds the same index as a full one (both databases)."""

from datetime import date

import pytest

from tests import factories
from tests.querycount import count_queries
from tracker.extensions import db
from tracker.jobs.service import start_job
from tracker.models import Case, CasePerson, Job, SearchDocument, Tag, TimelineEvent
from tracker.search.index import write_documents
from tracker.search.query import search
from tracker.search.reindex import read_checkpoint, reindex

CAP = 3


def _cases(count, word="lantern", **fields):
    """``count`` published cases that mention ``word`` once in their narrative."""
    cases = [
        factories.make_case(
            publish=True, title=f"Case {n}", narrative=f"Seen near a {word} by a witness.", **fields
        )
        for n in range(count)
    ]
    db.session.commit()
    return cases


@pytest.fixture
def capped(app):
    """Count at most ``CAP`` matches."""
    app.config["SEARCH_COUNT_CAP"] = CAP
    return app


def test_a_count_past_the_cap_says_more_than_and_skips_the_facets(capped, client):
    _cases(CAP + 3)
    with capped.test_request_context():
        found = search("lantern")
    assert found.capped and found.total == CAP and found.kinds == [] and found.years == []
    page = client.get("/search?q=lantern").get_data(as_text=True)
    assert f"More than {CAP} published records match" in page
    assert "Too many records match to count them all" in page
    assert "Narrow the results" not in page  # no counts by kind and year past the cap


def test_a_count_within_the_cap_is_exact_with_facets(capped, client):
    _cases(CAP)
    with capped.test_request_context():
        found = search("lantern")
    assert not found.capped and found.total == CAP and found.kinds
    page = client.get("/search?q=lantern").get_data(as_text=True)
    assert f"{CAP} published records match" in page and "More than" not in page


def test_a_narrowed_search_past_the_cap_counts_its_own_matches(capped):
    _cases(CAP + 2)
    factories.make_officer(publish=True, name="Lantern Keeper")
    db.session.commit()
    with capped.test_request_context():
        found = search("lantern", kind="officer")
    assert not found.capped and found.total == 1
    assert [hit.title for hit in found.hits] == ["Lantern Keeper"]


def test_results_are_still_ranked_past_the_cap(capped):
    best = factories.make_case(publish=True, title="Lantern case", narrative="A lantern case.")
    db.session.commit()
    _cases(CAP + 4)  # newer, longer, and matched in the narrative only
    with capped.test_request_context():
        found = search("lantern")
    assert found.capped
    assert found.hits[0].record_id == best.id


def test_a_common_last_word_is_matched_whole_on_sqlite(capped):
    """Past the cap the last word stops being a prefix on SQLite (FTS5 would merge every term
    it stands for); a rare word is still a prefix, and PostgreSQL keeps the prefix throughout."""
    factories.make_case(publish=True, title="Lanternfish", narrative="A deep sea sighting.")
    db.session.commit()
    with capped.test_request_context():
        assert [hit.title for hit in search("lantern").hits] == ["Lanternfish"]
        _cases(CAP + 2)
        found = search("lantern")
    assert found.capped
    titles = {hit.title for hit in found.hits}
    assert ("Lanternfish" in titles) == (db.engine.dialect.name == "postgresql")
    assert len(titles) == CAP + 2 + (db.engine.dialect.name == "postgresql")


@pytest.mark.parametrize("common", [False, True], ids=["rare", "common"])
def test_a_search_is_two_queries_three_when_narrowed_past_the_cap(capped, common):
    """The same statements whether the words are rare or common (whole or prefix)."""
    _cases(CAP + 2 if common else 1)
    with capped.test_request_context():
        with count_queries() as plain:
            found = search("lantern")
        with count_queries() as narrowed:
            search("lantern", kind="case")
    assert found.capped == common
    assert plain.count == 2
    assert narrowed.count == (3 if common else 2)


def test_every_counted_page_has_hits_whatever_the_ranking_bound(capped):
    """At least the cap's matches are ranked, so the last page the count promises is full."""
    capped.config["SEARCH_RANK_CANDIDATES"] = 1
    _cases(CAP + 2)
    with capped.test_request_context():
        last = search("lantern", page=CAP, per_page=1)
    assert last.capped and last.pages == CAP and len(last.hits) == 1


def test_a_search_runs_the_same_number_of_queries_as_the_data_grows(app):
    def queries():
        with app.test_request_context(), count_queries() as seen:
            search("lantern")
            search("lantern", kind="case")
        return seen.count

    _cases(2)
    small = queries()
    _cases(30)
    assert queries() == small


def _index():
    """Every index row's searchable content, by record id."""
    rows = db.session.query(SearchDocument).order_by(SearchDocument.record_id).all()
    return [
        (row.record_id, row.kind, row.title, row.body, row.year)
        + (row.page_endpoint, row.page_key, row.anchor, row.part_anchors)
        for row in rows
    ]


@pytest.fixture
def indexed(app):
    """Published records of every kind (and a draft), committed; the full index as built."""
    for kind in factories.KIND_FACTORIES:
        factories.make_record(kind, publish=True)
    factories.make_case(title="Draft not indexed")
    # A person in two published cases: a hit leads to the first (looked up per batch).
    person = factories.make_person(publish=True, name="Ophelia Witness")
    cases = [factories.make_case(publish=True) for _ in range(2)]
    for case in cases:
        case.people.append(CasePerson(person=person, role="witness"))
    # A case with every part its search text shows: tags, a timeline, officers (one not
    # published: left out), people (one whose name is public, one a minor).
    hidden = factories.make_officer(name="Hidden Officer")
    full = factories.make_case(
        publish=True,
        officers=[factories.make_officer(publish=True, name="Ida Partner"), hidden],
        narrative="A  narrative\nover   lines.",
    )
    full.tags = [Tag(name="zeta stop", slug="zeta-stop"), Tag(name="alpha stop", slug="alpha-stop")]
    for when, text in (
        (date(2021, 3, 2), "Second"),
        (date(2020, 1, 1), "First"),
        (None, "Undated"),
    ):
        full.timeline.append(TimelineEvent(occurred_on=when, description=text))
    named = factories.make_person(publish=True, name="Pat Public", name_is_public=True)
    minor = factories.make_person(publish=True, name="Kid", is_minor=True)
    full.people.append(CasePerson(person=named, role="subject"))
    full.people.append(CasePerson(person=minor, role="witness"))
    # An officer whose text shows other names and the numbers of a career (a draft one left out).
    career = factories.make_officer(publish=True, name="Cy Career", other_names="Cyrus; C. C.")
    factories.make_assignment(career, publish=True, badge_number="B-77", serial_number="S-9")
    factories.make_assignment(career, badge_number="B-draft")
    db.session.commit()
    # Written again as loaded: the hook wrote the parts in the order they were added.
    db.session.expire_all()
    write_documents(db.session.connection(), [db.session.get(Case, full.id)])
    db.session.commit()
    full = _index()
    assert len(full) >= len(factories.KIND_FACTORIES)
    row = next(row for row in full if row[0] == person.id)
    assert row[6] == min(case.id for case in cases)
    body = next(row[3] for row in full if row[0] == career.id)
    assert "Also known as Cyrus; C. C." in body and "B-77, S-9" in body
    assert "B-draft" not in body
    return full


def test_a_reindex_in_batches_builds_the_same_index(app, indexed):
    db.session.query(SearchDocument).delete()
    db.session.commit()
    seen = []
    with app.test_request_context():
        reindex(db.session, batch_size=2, progress=lambda done, total: seen.append((done, total)))
    assert _index() == indexed
    total = seen[-1][1]
    assert seen[0] == (0, total) and seen[-1] == (total, total) and len(seen) > 3


def test_a_reindex_batch_runs_the_same_queries_however_many_records(app, indexed):
    """A batch reads each kind's rows in a few set-based queries, not a query per record."""

    def batch_queries():
        with app.test_request_context(), count_queries() as seen:
            reindex(db.session, batch_size=100_000)
        return seen.count

    small = batch_queries()
    for _ in range(20):
        factories.make_case(publish=True, officers=[factories.make_officer(publish=True)])
        factories.make_person(publish=True)
    db.session.commit()
    assert batch_queries() == small


def test_a_cut_short_reindex_resumes_after_its_last_batch(app, indexed):
    def stop_after_two_batches(done, total):
        if done >= 4:
            raise KeyboardInterrupt

    with app.test_request_context():
        with pytest.raises(KeyboardInterrupt):
            reindex(db.session, batch_size=2, progress=stop_after_two_batches)
        db.session.rollback()
        assert read_checkpoint() > 0
        assert _index() == indexed  # searches still use the whole old index
        db.session.query(SearchDocument).delete()  # and the rebuild does not need it
        db.session.commit()
        seen = []
        reindex(db.session, batch_size=2, resume=True, progress=lambda d, t: seen.append(d))
        assert seen[0] == 4  # continued after the checkpoint, not from the start
        assert read_checkpoint() == 0  # a finished rebuild leaves no checkpoint
    assert _index() == indexed


def test_records_saved_during_a_reindex_keep_their_new_index_rows(app, indexed):
    """The live rows the session hook writes during a rebuild win over the rows built before."""
    cases = db.session.query(Case).filter(Case.status == "published").order_by(Case.id).all()
    renamed, hidden = cases[0], cases[1]

    def edit_after_every_batch_is_read(done, total):
        if done == total:
            renamed.title = "Renamed while reindexing"
            hidden.status = "draft"
            db.session.commit()

    with app.test_request_context():
        reindex(db.session, batch_size=2, progress=edit_after_every_batch_is_read)
    rows = {row[0]: row for row in _index()}
    assert rows[renamed.id][2] == "Renamed while reindexing"
    assert hidden.id not in rows
    assert len(rows) == len(indexed) - 1


def test_the_command_shows_progress_and_resumes(app, runner, indexed):
    result = runner.invoke(args=["search-reindex", "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    assert "Indexing records" in result.output and "Indexed" in result.output
    result = runner.invoke(args=["search-reindex", "--resume"])
    assert result.exit_code == 0, result.output
    assert _index() == indexed


def test_the_reindex_job_reports_its_progress(app, indexed):
    db.session.query(SearchDocument).delete()
    db.session.commit()
    with app.test_request_context("/"):
        job = start_job("search_reindex", "Rebuild the search index", {})
    job = db.session.get(Job, job.id)
    db.session.refresh(job)
    assert job.state == "done", job.message
    assert job.total == job.done and job.total >= len(indexed)
    assert _index() == indexed
