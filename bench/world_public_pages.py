"""Quick before/after figures for issue 12's page costs (not the full ``make bench-scale``).

``python bench/world_public_pages.py generate N`` writes the demo data plus a world of N cases
(N/2 complaints, N/5 investigations and reinstatements, N/10 officers) straight through the
models' tables into ``DATABASE_URL``; ``python bench/world_public_pages.py measure`` prints the
median warm time (Flask test client, 7 requests after 2 warm-ups), bytes and SQL queries of
each public page. Run it from the checkout whose code is measured.
"""

import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, func, insert, select

sys.path.insert(0, ".")

from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import (  # noqa: E402
    Agency,
    Case,
    CaseOfficer,
    Complaint,
    DutyEvent,
    Investigation,
    Officer,
)
from tracker.models.proceedings import duty_event_investigations  # noqa: E402

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _base(kind, number, title):
    """The ``records`` columns of one published record."""
    return {
        "kind": kind,
        "title": title,
        "slug": f"{kind}-{number}",
        "status": "published",
        "version": 1,
        "published_at": NOW,
        "created_at": NOW,
        "updated_at": NOW - timedelta(minutes=number),
    }


def generate(size):
    """Demo data, then ``size`` cases and the rest in proportion."""
    from tracker.demo.seed import load_demo_data

    rng = random.Random(12)
    load_demo_data(db.session)
    db.session.commit()
    department = db.session.scalars(
        select(Agency.id).where(Agency.agency_kind == "police_department")
    ).first()
    words = ["shooting", "traffic", "stop", "protest", "downtown", "arrest", "night", "case"]
    officers = [
        {
            **_base("officer", n, f"Officer Gen{n:05d}"),
            "name": f"Officer Gen{n:05d}",
            "identity_status": "named" if n % 5 else "withheld",
        }
        for n in range(size // 10)
    ]
    db.session.execute(insert(Officer), officers)
    officer_ids = db.session.scalars(
        select(Officer.id).where(Officer.name.like("Officer Gen%"))
    ).all()
    cases = []
    for n in range(size):
        day = None if n % 17 == 0 else date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        cases.append(
            {
                **_base("case", n, f"Gen case {n}: {' '.join(rng.sample(words, 3))}"),
                "case_kind": rng.choice(
                    ["shooting", "use_of_force", "death_in_custody", "other_misconduct"]
                ),
                "outcome": rng.choice(["fatal", "injured", "none", "injured"]),
                "occurred_on": day,
                "date_precision": "day",
            }
        )
    for start in range(0, size, 5000):
        db.session.execute(insert(Case), cases[start : start + 5000])
    case_ids = db.session.scalars(select(Case.id).where(Case.slug.like("case-%"))).all()
    # Officer 0 is the busiest: on a tenth of the cases.
    links = [
        {
            "case_id": case_id,
            "officer_id": officer_ids[0 if i % 10 == 0 else rng.randrange(len(officer_ids))],
            "role": "involved",
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i, case_id in enumerate(case_ids)
    ]
    db.session.execute(insert(CaseOfficer), links)
    complaints = [
        {
            **_base("complaint", n, f"Gen complaint {n}"),
            "complaint_kind": "criminal" if n % 3 else "administrative",
            "filed_with_id": department,
            "acceptance": rng.choice(["accepted", "refused", "no_response", "pending"]),
            "finding": "pending",
            "filed_on": date(2010, 1, 1) + timedelta(days=rng.randrange(5000)),
            "case_id": rng.choice(case_ids),
        }
        for n in range(size // 2)
    ]
    db.session.execute(insert(Complaint), complaints)
    investigations = []
    for n in range(size // 5):
        opened = date(2010, 1, 1) + timedelta(days=rng.randrange(5000))
        closed = opened + timedelta(days=rng.randrange(900)) if n % 2 else None
        investigations.append(
            {
                **_base("investigation", n, f"Gen investigation {n}"),
                "case_id": rng.choice(case_ids),
                "scope": "external" if n % 3 == 0 else "internal",
                "opened_on": opened if n % 11 else None,
                "closed_on": closed,
                "investigation_status": "closed" if closed else "open",
                "finding": "pending",
            }
        )
    db.session.execute(insert(Investigation), investigations)
    investigation_ids = db.session.scalars(
        select(Investigation.id).where(Investigation.slug.like("investigation-%"))
    ).all()
    events = [
        {
            **_base("duty_event", n, f"Gen reinstatement {n}"),
            "officer_id": rng.choice(officer_ids),
            "duty_kind": "reinstated",
            "occurred_on": date(2010, 1, 1) + timedelta(days=rng.randrange(5500)),
        }
        for n in range(size // 5)
    ]
    db.session.execute(insert(DutyEvent), events)
    event_ids = db.session.scalars(
        select(DutyEvent.id).where(DutyEvent.slug.like("duty_event-%"))
    ).all()
    db.session.execute(
        insert(duty_event_investigations),
        [
            {"duty_event_id": event_id, "investigation_id": investigation_ids[i]}
            for i, event_id in enumerate(event_ids)
        ],
    )
    db.session.commit()
    print("records:", db.session.scalar(select(func.count()).select_from(Case)), "cases")


def measure():
    """Median warm time, bytes and queries of each public page."""
    client = app.test_client()
    busy = db.session.scalar(select(Officer.id).where(Officer.name == "Officer Gen00000"))
    deep = db.session.scalars(
        select(Case.id)
        .order_by(Case.occurred_on.is_(None), Case.occurred_on.desc(), Case.id.desc())
        .offset(10_000)
        .limit(1)
    ).first()
    case_id = db.session.scalar(select(func.min(Case.id)).where(Case.slug.like("case-%")))
    paths = [
        "/",
        "/demands",
        "/demands/1",
        "/demands/2",
        "/demands/3",
        "/demands/4",
        "/cases",
        "/cases?page=500",
        f"/cases?page=501&after={deep}",
        "/cases?kind=use_of_force&investigation=external",
        f"/cases/{case_id}",
        f"/officers/{busy}",
        "/api/v1/cases?page=400",
        f"/api/v1/cases?page=401&after={deep}",
        "/search?q=case",
    ]
    if os.environ.get("ONLY"):  # e.g. ONLY=/cases,/api to measure a few pages
        paths = [path for path in paths if path.startswith(tuple(os.environ["ONLY"].split(",")))]
    reps = int(os.environ.get("REPS", 9))
    counter = {"n": 0}

    def count(*args):
        counter["n"] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    print("| page | median ms | KB | queries |")
    print("| --- | ---: | ---: | ---: |")
    for path in paths:
        times = []
        for attempt in range(reps):
            counter["n"] = 0
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if attempt >= min(2, reps - 1):
                times.append(elapsed)
        print(
            f"| `{path.replace(str(deep), '<deep>')}` | {statistics.median(times):.0f} "
            f"| {len(response.data) / 1024:.0f} | {counter['n']} |"
            + ("" if response.status_code == 200 else f" ({response.status_code})")
        )


if __name__ == "__main__":
    app = create_app({"SECRET_KEY": "bench", "SERVER_NAME": None})
    with app.app_context():
        if sys.argv[1] == "generate":
            generate(int(sys.argv[2]))
        else:
            measure()
