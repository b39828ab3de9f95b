"""A fixed world for the search relevance test: a few cases with their parts, all published.

``build()`` adds it (the caller commits) and returns the records by a short key; ``QUERIES`` are
the 20 searches a reader would type, each with the key of the record that must come first and,
for a part of a page, the anchor the hit must lead to.
"""

from datetime import date

from tests import factories
from tracker.models import CasePerson, TimelineEvent


def build():
    """Add the world's published records; returns ``{key: record}``."""
    kcpd = factories.make_agency(publish=True, name="Kansas City Police Department")
    court = factories.make_agency(
        publish=True, name="Jackson County Circuit Court", agency_kind="court"
    )
    fbi = factories.make_agency(
        publish=True, name="Federal Bureau of Investigation", agency_kind="federal_agency"
    )
    eastwood = factories.make_officer(
        publish=True,
        name="Daniel Eastwood",
        serial_number="5521",
        unit="East Patrol Division",
        rank="Sergeant",
        agency=kcpd,
    )
    hale = factories.make_officer(
        publish=True, name="Marcus Hale", unit="Central Patrol Division", agency=kcpd
    )
    stokes = factories.make_person(publish=True, name="Ryan Stokes", name_is_public=True)
    bell = factories.make_person(publish=True, name="Terrance Bellamy", name_is_public=True)
    garage = factories.make_case(
        publish=True,
        title="Shooting in the Plaza parking garage",
        case_kind="shooting",
        outcome="fatal",
        occurred_on=date(2013, 7, 28),
        place="Country Club Plaza",
        narrative="A man was shot by an officer after a foot chase through the garage.",
        officers=[eastwood],
    )
    garage.people.append(CasePerson(person=stokes, role="subject"))
    garage.timeline.append(
        TimelineEvent(
            occurred_on=date(2013, 7, 28),
            description="Taken to Truman Medical Center, where he died.",
        )
    )
    prospect = factories.make_case(
        publish=True,
        title="Traffic stop beating on Prospect Avenue",
        case_kind="use_of_force",
        outcome="injured",
        occurred_on=date(2020, 3, 14),
        place="Prospect Avenue and 35th Street",
        narrative="Video shows a driver struck repeatedly after a stop for a broken tail light.",
        officers=[hale],
    )
    prospect.people.append(CasePerson(person=bell, role="subject"))
    prospect.timeline.append(
        TimelineEvent(
            occurred_on=date(2020, 3, 15),
            description="Treated for a fractured orbital bone at Research Medical Center.",
        )
    )
    jail = factories.make_case(
        publish=True,
        title="Death in custody at the detention center",
        case_kind="death_in_custody",
        outcome="fatal",
        occurred_on=None,
        date_precision="unknown",
        narrative="A detainee was found unresponsive in a holding cell.",
    )
    complaint = factories.make_complaint(
        publish=True,
        case=prospect,
        title="Criminal complaint over the Prospect stop",
        filed_on=date(2020, 4, 2),
        filed_with=kcpd,
        reference_number="IA-2020-118",
        acceptance="refused",
        acceptance_reason="The department said it takes no complaints from third parties.",
    )
    complaint.officers.append(hale)
    investigation = factories.make_investigation(
        publish=True,
        case=garage,
        title="Federal civil rights review",
        scope="external",
        agency=fbi,
        opened_on=date(2013, 8, 1),
    )
    duty = factories.make_duty_event(
        eastwood,
        publish=True,
        title="Eastwood reinstated",
        duty_kind="reinstated",
        occurred_on=date(2013, 9, 1),
        note="Returned to street patrol while the review was open.",
    )
    duty.investigations.append(investigation)  # reinstated while it was open
    suit = factories.make_legal_action(
        publish=True,
        case=garage,
        title="Wrongful death suit by the family",
        court=court,
        docket_number="1616-CV00123",
        filed_on=date(2015, 6, 1),
    )
    return {
        "kcpd": kcpd,
        "court": court,
        "fbi": fbi,
        "eastwood": eastwood,
        "hale": hale,
        "stokes": stokes,
        "bell": bell,
        "garage": garage,
        "prospect": prospect,
        "jail": jail,
        "complaint": complaint,
        "investigation": investigation,
        "duty": duty,
        "suit": suit,
    }


# (query, key of the record that must rank first, anchor its link must lead to or None)
QUERIES = [
    ("plaza garage", "garage", None),
    ("stokes", "stokes", "person-stokes"),
    ("Truman Medical Center", "garage", "timeline"),
    ("orbital bone", "prospect", "timeline"),
    ("prospect avenue", "prospect", None),
    ("traffic stop", "prospect", None),
    ("IA-2020-118", "complaint", "record"),
    ("third parties", "complaint", "record"),
    ("civil rights review", "investigation", "record"),
    ("1616-CV00123", "suit", "record"),
    ("wrongful death", "suit", "record"),
    ("street patrol", "duty", "record"),
    ("5521", "eastwood", None),
    ("Daniel Eastwood", "eastwood", None),
    ("Bellamy", "bell", "person-bell"),
    ("detention center", "jail", None),
    ("fatal shooting", "garage", None),
    ("foot chase", "garage", None),
    ("tail light", "prospect", None),
    ("eastwood", "eastwood", None),
]
