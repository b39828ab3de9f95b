"""``quick_url_for`` builds exactly the URLs ``url_for`` builds, whatever the values."""

from flask import url_for
from werkzeug.routing import BuildError

from tests import factories
from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.quick_urls import quick_url_for

ODD = ["plain-slug", "with space", "a/b", "ünïcode-ß", "q?x=1&y", "pct%20", "#frag", "", "-"]


def _built(endpoint, values):
    """``url_for``'s URL, or None where it refuses the values."""
    try:
        return url_for(endpoint, **values)
    except (BuildError, ValueError):
        return None


def test_quick_urls_match_url_for_on_every_endpoint(app):
    with app.test_request_context("/"):
        checked = 0
        for rule in app.url_map.iter_rules():
            if rule.defaults or not rule.arguments:
                continue
            for odd in ODD:
                values = {
                    name: (4242 if "id" in name or name in ("number", "year") else odd)
                    for name in rule.arguments
                }
                expected = _built(rule.endpoint, values)
                if expected is None:  # a value the rule refuses (an empty slug)
                    continue
                assert quick_url_for(rule.endpoint, **values) == expected, rule.rule
                assert quick_url_for(rule.endpoint, _anchor=f"x {odd}", **values) == url_for(
                    rule.endpoint, _anchor=f"x {odd}", **values
                )
                checked += 1
        assert checked > 50
        # A value in the query string, None, or no value at all: url_for's answer.
        assert quick_url_for("officers.index", page=3) == url_for("officers.index", page=3)
        assert quick_url_for("officers.index") == url_for("officers.index")
        assert quick_url_for("officers.detail", record_id=5, slug=None) == url_for(
            "officers.detail", record_id=5, slug=None
        )
        # A number as text where the rule takes an int: url_for's "5", not "05".
        assert quick_url_for("officers.detail", record_id="05") == url_for(
            "officers.detail", record_id="05"
        )


def test_quick_urls_take_what_url_for_takes_for_a_relative_endpoint(app):
    with app.test_request_context("/officers/1"):
        assert quick_url_for(".detail", record_id=5) == url_for(".detail", record_id=5)


def test_every_kinds_public_links_are_url_fors(app):
    officer = factories.make_officer(publish=True, name="Quick Link Officer")
    factories.make_case(publish=True, title="Quick / Link ?case", officers=[officer])
    db.session.commit()
    with app.test_request_context("/"):
        from tracker.models import Record

        seen = set()
        for record in db.session.query(Record).all():
            kind = next(kind for kind in all_kinds() if kind.name == record.kind)
            place = kind.public_place(record)
            if record.status != "published" or place is None:
                continue
            expected = url_for(place.endpoint, _anchor=place.anchor, **place.values)
            assert kind.public_url(record) == expected
            seen.add(kind.name)
        assert {"case", "officer"} <= seen
