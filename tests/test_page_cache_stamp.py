"""The page cache's data stamp, read at most once a second per process: a cache hit costs no
query, a commit in this process is seen at once, another server's change within the time set."""

from tests import factories
from tests.querycount import count_queries
from tracker.pagecache import stamp as stamp_module
from tracker.records import editing
from tracker.records.workflow import publish, unpublish


def _published_case(db, title):
    """A published case, committed."""
    case = factories.make_case(publish=True, title=title)
    db.session.commit()
    return case


def test_a_cache_hit_runs_no_query_while_the_stamp_is_remembered(cached, client, db):
    _published_case(db, "Read often")
    assert client.get("/cases").headers["X-Page-Cache"] == "miss"
    with count_queries() as seen:
        response = client.get("/cases")
    assert response.headers["X-Page-Cache"] == "hit"
    assert seen.count == 0, seen.statements


def test_without_remembering_every_request_reads_the_stamp(cached, client, db):
    cached.config["PAGE_CACHE_STAMP_SECONDS"] = 0
    _published_case(db, "Read often")
    client.get("/cases")
    with count_queries() as seen:
        assert client.get("/cases").headers["X-Page-Cache"] == "hit"
    assert seen.count == 1  # the data stamp, one small query


def test_publish_unpublish_and_edit_in_this_process_are_seen_at_once(cached, client, db):
    case = _published_case(db, "First title")
    path = f"/cases/{case.id}"
    assert "First title" in client.get(path).get_data(as_text=True)
    assert client.get(path).headers["X-Page-Cache"] == "hit"
    editing.save(case, {"title": "Second title"})
    db.session.commit()
    assert "Second title" in client.get(path).get_data(as_text=True)
    unpublish(case)
    db.session.commit()
    assert client.get(path).status_code == 404
    assert "Second title" not in client.get("/cases").get_data(as_text=True)
    case.citations.append(factories.Citation(source=factories.make_source()))
    publish(case)
    db.session.commit()
    assert client.get(path).status_code == 200
    assert "Second title" in client.get("/cases").get_data(as_text=True)


def test_another_servers_change_is_seen_once_the_time_has_passed(cached, monkeypatch):
    """Another server's commit fires no hook here: the remembered stamp lasts its time only."""
    stamps = iter([("1",), ("2",)])
    monkeypatch.setattr("tracker.records.stamp.data_stamp", lambda: next(stamps))
    clock = [1000.0]
    monkeypatch.setattr(stamp_module.time, "monotonic", lambda: clock[0])
    with cached.test_request_context("/cases"):
        assert stamp_module.current_stamp() == ("1",)
        clock[0] += 59
        assert stamp_module.current_stamp() == ("1",)  # within the minute: remembered
        clock[0] += 2
        assert stamp_module.current_stamp() == ("2",)  # past it: read again


def test_a_stamp_read_while_a_commit_happened_is_not_remembered(cached, monkeypatch):
    reads = []

    def stamp_during_a_commit():
        """The stamp, read while another thread of this process commits."""
        reads.append(1)
        stamp_module.forget_stamp()
        return (str(len(reads)),)

    monkeypatch.setattr("tracker.records.stamp.data_stamp", stamp_during_a_commit)
    with cached.test_request_context("/cases"):
        assert stamp_module.current_stamp() == ("1",)
        assert stamp_module.current_stamp() == ("2",)  # not trusted: read again
    assert len(reads) == 2


def test_any_commit_in_this_process_forgets_the_stamp(cached, db, monkeypatch):
    with cached.test_request_context("/cases"):
        first = stamp_module.current_stamp()
        _published_case(db, "Committed elsewhere in this process")
        assert stamp_module.current_stamp() != first


def test_two_addresses_never_share_a_key(cached):
    """A "|" in the path or the query cannot make one address's key another's."""
    from tracker.pagecache.hooks import page_key

    keys = set()
    for path in ("/cases/a|b?", "/cases/a?b|", "/cases/a|b?c", "/cases/a?b|c"):
        with cached.test_request_context(path):
            keys.add(page_key())
    assert len(keys) == 4
