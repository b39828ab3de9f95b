"""The demand indicators count published records only, and put each record in one figure."""

from datetime import date

from tests import factories
from tracker.demands import indicators
from tracker.extensions import db
from tracker.models import DemandLink


def _figures(indicator):
    """``{label: [titles]}`` of an indicator."""
    return {
        figure.label: [record.title for record in figure.records] for figure in indicator.figures
    }


def test_complaints_accepted_counts_criminal_complaints_filed_with_the_department(app):
    department = factories.make_agency(publish=True)
    prosecutor = factories.make_agency(publish=True, agency_kind="prosecutor")
    factories.make_complaint(
        publish=True, title="Refused", filed_with=department, acceptance="refused"
    )
    factories.make_complaint(
        publish=True, title="Ignored", filed_with=department, acceptance="no_response"
    )
    factories.make_complaint(
        publish=True, title="Taken", filed_with=department, acceptance="accepted"
    )
    factories.make_complaint(title="Draft refusal", filed_with=department, acceptance="refused")
    factories.make_complaint(
        publish=True,
        title="Administrative",
        filed_with=department,
        complaint_kind="administrative",
        acceptance="refused",
    )
    factories.make_complaint(
        publish=True, title="To the prosecutor", filed_with=prosecutor, acceptance="refused"
    )
    db.session.commit()

    figures = _figures(indicators.complaints_accepted())
    assert figures == {
        "Refused": ["Refused"],
        "No response": ["Ignored"],
        "Accepted": ["Taken"],
        "Awaiting an answer": [],
    }


def test_external_investigations_split_excessive_force_cases(app):
    with_external = factories.make_case(publish=True, title="Investigated", case_kind="shooting")
    internal_only = factories.make_case(publish=True, title="Internal only")
    factories.make_case(publish=True, title="Not force", case_kind="other_misconduct")
    factories.make_case(title="Draft case")
    draft_external_target = factories.make_case(publish=True, title="Draft external")
    factories.make_investigation(publish=True, case=with_external, scope="external")
    factories.make_investigation(publish=True, case=internal_only, scope="internal")
    factories.make_investigation(case=draft_external_target, scope="external")  # unpublished
    db.session.commit()

    figures = _figures(indicators.external_investigations())
    assert figures["With an external investigation"] == ["Investigated"]
    assert sorted(figures["Without an external investigation"]) == [
        "Draft external",
        "Internal only",
    ]


def test_officers_named_in_fatal_cases(app):
    named = factories.make_officer(publish=True)
    withheld = factories.make_officer(publish=True, identity_status="withheld")
    draft_named = factories.make_officer()  # named, but not published: not public
    factories.make_case(publish=True, title="All named", outcome="fatal", officers=[named])
    factories.make_case(
        publish=True, title="One withheld", outcome="fatal", officers=[named, withheld]
    )
    factories.make_case(
        publish=True, title="Draft officer", outcome="fatal", officers=[draft_named]
    )
    factories.make_case(publish=True, title="No officer on record", outcome="fatal")
    factories.make_case(publish=True, title="Not fatal", outcome="injured", officers=[withheld])
    db.session.commit()

    figures = _figures(indicators.officers_named())
    assert figures["All officers named"] == ["All named"]
    assert sorted(figures["Officers withheld or unknown"]) == [
        "Draft officer",
        "No officer on record",
        "One withheld",
    ]


def test_premature_reinstatement_counts_published_reinstatements(app):
    officer = factories.make_officer(publish=True)
    open_case = factories.make_investigation(publish=True, opened_on=date(2020, 6, 1))
    closed_same_day = factories.make_investigation(
        publish=True,
        opened_on=date(2020, 6, 1),
        closed_on=date(2020, 7, 1),
        investigation_status="closed",
    )
    undated = factories.make_investigation(publish=True)
    draft_open = factories.make_investigation(opened_on=date(2020, 6, 1))

    def reinstate(title, related, publish=True):
        """A reinstatement on 1 July 2020 related to ``related``."""
        return factories.make_duty_event(
            officer,
            publish=publish,
            title=title,
            duty_kind="reinstated",
            occurred_on=date(2020, 7, 1),
            investigations=related,
        )

    reinstate("Premature", [open_case])
    reinstate("Same day", [closed_same_day])
    reinstate("Cannot tell", [undated])
    reinstate("Only a draft investigation", [draft_open])
    reinstate("Draft reinstatement", [open_case], publish=False)
    factories.make_duty_event(
        officer,
        publish=True,
        title="Leave",
        occurred_on=date(2020, 6, 1),
        investigations=[open_case],
    )
    db.session.commit()

    figures = _figures(indicators.premature_reinstatement())
    assert figures["While an investigation was open"] == ["Premature"]
    assert figures["Dates on record cannot tell"] == ["Cannot tell"]
    assert sorted(figures["No related investigation open"]) == [
        "Only a draft investigation",
        "Same day",
    ]


def test_related_actions_lists_published_records_linked_to_the_demand(app):
    petition = factories.make_petition(publish=True, demands=5)
    db.session.flush()
    demand = petition.demands[4]
    appeal = factories.make_legal_action(publish=True, title="Appeal", action_kind="appeal")
    review = factories.make_investigation(publish=True, title="External review", scope="external")
    draft = factories.make_legal_action(title="Draft suit")
    for record in (appeal, review, draft):
        record.demand_links.append(DemandLink(demand=demand))
    db.session.commit()

    demand.indicator = "related_actions"
    figures = _figures(indicators.compute_indicator(demand))
    assert figures == {"Legal actions": ["Appeal"], "Investigations": ["External review"]}


def test_demand_without_indicator_has_none(app):
    petition = factories.make_petition(publish=True, demands=1)
    db.session.commit()
    assert indicators.compute_indicator(petition.demands[0]) is None


def test_demo_indicators(demo):
    from tracker.pages.demand import demand_page
    from tracker.records.visibility import public_view

    with public_view():
        third = demand_page(3).indicator
        assert _figures(third) == {
            "Officers withheld or unknown": ["Death of Donnie Sanders"],
            "All officers named": ["Death of Ryan Stokes"],
        }
        second = demand_page(2).indicator
        assert second.figures[0].value == 2


def test_an_unpublished_officer_behind_the_public_boundary_counts_as_not_named(app):
    from tracker.records.visibility import public_view

    draft_named = factories.make_officer()  # loads as None on the public side
    factories.make_case(
        publish=True, title="Draft officer", outcome="fatal", officers=[draft_named]
    )
    db.session.commit()

    with public_view():
        figures = _figures(indicators.officers_named())
    assert figures == {"Officers withheld or unknown": ["Draft officer"], "All officers named": []}
