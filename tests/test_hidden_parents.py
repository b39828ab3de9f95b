"""A published part of an unpublished parent stays off every public channel.

An allegation is part of its complaint: while the complaint is a draft, in review, unpublished or
discarded, its allegations (even ones published on their own) must not show on the case page,
the officer page and its figures, either PDF, the open data, the API, search, the feed, the
sitemap or a demand page. The same holds for an officer's assignments and a legal action's
docket entries.
"""

import json
from datetime import date

import pytest

from tests import factories
from tests.pdftext import pdf_text
from tracker.models import AllegationCategory, DemandLink
from tracker.records.workflow import publish, submit_for_review, unpublish

# The lifecycle states of a parent the public must not see, and how a complaint gets there.
HIDDEN_STATES = ("draft", "in_review", "unpublished", "discarded")


def _into(record, state):
    """Move a freshly made draft ``record`` to ``state``."""
    if state == "in_review":
        submit_for_review(record)
    elif state == "unpublished":
        factories._finish(record, True)
        unpublish(record)
    elif state == "discarded":
        # Set directly: ``discard`` refuses a draft its allegation points at, but an older
        # database (or a later change of rule) may hold one.
        record.status = "discarded"


def _world(db):
    """A published case and officer; a complaint in each hidden state, each with a published
    allegation (against the officer, of a category of its own) that bears on demand 1."""
    petition = factories.make_petition(publish=True, demands=1)
    demand = petition.demands[0]
    officer = factories.make_officer(publish=True, name="Dana Doe")
    case = factories.make_case(publish=True, officers=[officer], title="The stop")
    shown = factories.make_complaint(publish=True, case=case, title="The shown complaint")
    factories.make_allegation(
        shown, publish=True, officer=officer, category="discourtesy", title="Shown allegation"
    )
    allegations = []
    for state in HIDDEN_STATES:
        marker = f"HIDDENPARENT{state.upper().replace('_', '')}"
        db.session.add(
            AllegationCategory(slug=f"cat_{state}", label=f"{marker} label", definition="x")
        )
        complaint = factories.make_complaint(case=case, title=f"{marker} complaint")
        _into(complaint, state)
        allegation = factories.make_allegation(
            complaint,
            publish=True,
            officer=officer,
            category=f"cat_{state}",
            final_finding="sustained",
            final_on=date(2021, 3, 1),
            title=f"{marker} allegation",
        )
        allegation.demand_links.append(DemandLink(demand=demand, note="Bears on demand 1."))
        allegations.append(allegation)
    db.session.commit()
    return case, officer, shown, allegations


def _text(client, path):
    """What the public reads at ``path``: a page's text, a PDF's text, a JSON body."""
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    if response.status_code == 404:
        return ""
    data = response.get_data()
    if data.startswith(b"%PDF"):
        return pdf_text(data)
    return data.decode()


# Each channel: the paths that show it, given (case, officer, shown complaint, allegations).
CHANNELS = {
    "case page": lambda c, o, s, a: [f"/cases/{c.id}"],
    "officer page and figures": lambda c, o, s, a: [f"/officers/{o.id}", "/officers"],
    "case PDF": lambda c, o, s, a: [f"/cases/{c.id}/report.pdf"],
    "officer PDF": lambda c, o, s, a: [f"/officers/{o.id}/report.pdf"],
    "open data": lambda c, o, s, a: ["/data/allegations.csv", "/data/allegations.json"],
    "API list": lambda c, o, s, a: [
        "/api/v1/allegations",
        f"/api/v1/allegations?officer={o.id}",
        f"/api/v1/allegations?case={c.id}",
    ],
    "API detail": lambda c, o, s, a: [f"/api/v1/allegations/{item.id}" for item in a],
    "API complaint": lambda c, o, s, a: [f"/api/v1/complaints/{s.id}", "/api/v1/complaints"],
    # Words of the hidden titles that the page does not echo back (it echoes the query).
    "search": lambda c, o, s, a: ["/search?q=allegation", "/search?q=complaint"],
    "feed": lambda c, o, s, a: ["/feed.xml"],
    "sitemap": lambda c, o, s, a: ["/sitemap.xml", "/sitemap-1.xml"],
    "demand page": lambda c, o, s, a: ["/demands/1"],
}


@pytest.mark.parametrize("channel", CHANNELS)
def test_an_allegation_of_a_hidden_complaint_is_on_no_public_channel(client, db, channel):
    case, officer, shown, allegations = _world(db)
    hidden_ids = {item.id for item in allegations}
    for path in CHANNELS[channel](case, officer, shown, allegations):
        text = _text(client, path)
        assert "HIDDENPARENT" not in text.replace("q=HIDDENPARENT", ""), path
        assert not any(f"record-{item}" in text for item in hidden_ids), path
        if text.startswith("{"):
            found = json.loads(text)
            assert not hidden_ids & set(found.get("allegation_ids", ())), path
    # The published complaint's own allegation still shows where allegations show.
    if channel == "case page":
        assert "Dana Doe: Discourtesy" in _text(client, f"/cases/{case.id}")


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_an_assignment_of_a_hidden_officer_is_on_no_public_channel(client, db, state):
    officer = factories.make_officer(name="HIDDENPARENT Officer")
    _into(officer, state)
    assignment = factories.make_assignment(officer, publish=True, unit="HIDDENPARENT unit")
    shown = factories.make_officer(publish=True, name="Shown Officer")
    factories.make_assignment(shown, publish=True, unit="Shown unit")
    db.session.commit()
    for path in ("/api/v1/assignments", "/data/assignments.csv", "/data/assignments.json"):
        text = _text(client, path)
        assert "HIDDENPARENT" not in text and "Shown unit" in text, path
    assert _text(client, f"/api/v1/assignments/{assignment.id}") == ""


@pytest.mark.parametrize("rebuilt", [False, True], ids=["as saved", "after a reindex"])
def test_an_allegation_follows_its_complaint_in_and_out_of_search(client, db, rebuilt):
    """Publishing or withdrawing the complaint adds or removes its allegations' index rows."""
    from tracker.search.index import reindex_all

    case = factories.make_case(publish=True)
    complaint = factories.make_complaint(case=case, title="Quiet complaint")
    factories.make_allegation(complaint, publish=True, title="FOLLOWSPARENT allegation")
    db.session.commit()

    def found():
        if rebuilt:
            reindex_all(db.session)
        return "FOLLOWSPARENT" in _text(client, "/search?q=allegation")

    assert not found()
    factories._finish(complaint, True)
    db.session.commit()
    assert found()
    unpublish(complaint)
    db.session.commit()
    assert not found()
    publish(complaint)
    db.session.commit()
    assert found()
