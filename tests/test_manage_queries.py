"""The workspace pages run a fixed number of queries, however many records there are."""

from tests.factories import make_case
from tests.querycount import count_queries
from tracker.extensions import db


def _queries(client, url):
    """How many statements one GET of ``url`` runs."""
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_dashboard_and_lists_do_not_grow_with_records(client, auth, users):
    auth.login_as(users["editor"])
    for _ in range(3):
        make_case()
    db.session.commit()
    db.session.expire_all()
    small = (_queries(client, "/manage/"), _queries(client, "/manage/case/"))
    for _ in range(20):
        make_case()
    db.session.commit()
    db.session.expire_all()
    large = (_queries(client, "/manage/"), _queries(client, "/manage/case/"))
    assert large == small
    # 10, plus the inbox, recently published and noting the visit (issue 10).
    assert small[0] <= 13
