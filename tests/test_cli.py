"""``flask create-user`` and ``flask seed-demo``."""

from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tracker.extensions import db
from tracker.models import (
    Case,
    Citation,
    Demand,
    DemandLink,
    LegalAction,
    Officer,
    Organization,
    Petition,
    Record,
    RecordsRequest,
    Revision,
    User,
)


def _count(model):
    """How many rows ``model`` has."""
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_user_asks_for_the_password_twice(runner):
    result = runner.invoke(
        args=["create-user", "Ada@Example.org", "--role", "admin", "--name", "Ada"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User)).one()
    assert (user.email, user.role, user.name) == ("Ada@example.org", "admin", "Ada")
    assert user.check_password(PASSWORD)
    assert user.password_hash.startswith("scrypt:")


def test_create_user_reads_the_password_from_stdin(runner):
    result = runner.invoke(
        args=["create-user", "bo@example.org", "--role", "editor", "--password-stdin"],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(User)).one().check_password(PASSWORD)


def test_create_user_mismatched_passwords_are_asked_again(runner):
    result = runner.invoke(
        args=["create-user", "cy@example.org", "--role", "volunteer"],
        input=f"{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower()


def test_create_user_refuses_a_short_password(runner):
    result = runner.invoke(
        args=["create-user", "dee@example.org", "--role", "volunteer", "--password-stdin"],
        input="short\n",
    )
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output
    assert _count(User) == 0


def test_create_user_refuses_a_bad_email(runner):
    result = runner.invoke(
        args=["create-user", "not-an-email", "--role", "volunteer", "--password-stdin"],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code != 0
    assert "EMAIL" in result.output
    assert _count(User) == 0


def test_create_user_refuses_an_unknown_role(runner):
    result = runner.invoke(args=["create-user", "e@example.org", "--role", "chief"])
    assert result.exit_code != 0
    assert "chief" in result.output


def test_create_user_refuses_a_duplicate(runner):
    args = ["create-user", "fay@example.org", "--role", "volunteer", "--password-stdin"]
    assert runner.invoke(args=args, input=f"{PASSWORD}\n").exit_code == 0
    result = runner.invoke(args=[*args[:1], "FAY@example.org", *args[2:]], input=f"{PASSWORD}\n")
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert _count(User) == 1


def test_seed_demo_loads_the_seed_petition(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    petition = db.session.scalars(select(Petition)).one()
    assert petition.signature_goal == 7500
    assert {org.name for org in petition.organizations} == {
        "Urban League of Greater Kansas City",
        "NAACP Kansas City branch",
        "MORE2",
    }
    demands = db.session.scalars(select(Demand).order_by(Demand.number)).all()
    assert [demand.number for demand in demands] == [1, 2, 3, 4, 5, 6]
    assert demands[4].text.startswith("Appeal the immunity of Officer William Thompson")
    assert "$250 million" in petition.body and "$10 million" in petition.body
    titles = set(db.session.scalars(select(Case.title)))
    assert titles == {"Death of Donnie Sanders", "Death of Ryan Stokes"}
    chief = db.session.scalars(select(Officer).where(Officer.name == "Rick Smith")).one()
    assert "2017" in chief.public_description
    immunity = db.session.scalars(select(LegalAction)).one()
    assert immunity.action_kind == "immunity_ruling"
    assert [officer.name for officer in immunity.officers] == ["William Thompson"]
    resignation = demands[5].status_changes[0]
    assert resignation.changed_on.isoformat() == "2020-06-03"
    assert resignation.source.publisher == "KCTV5 News"
    # The seeds say probable cause statements are withheld, not that a request was sent: no
    # send date, no history, so no deadline is computed.
    request = db.session.scalars(select(RecordsRequest)).one()
    assert request.custodian.short_name == "KCPD" and "probable cause" in request.asked
    assert (request.sent_on, request.sent_by, request.due_on) == (None, "unknown", None)
    assert request.request_status == "sent" and request.events == []


def test_every_demo_record_is_published_cited_and_linked(runner):
    runner.invoke(args=["seed-demo"])
    for record in db.session.scalars(select(Record)):
        assert record.status == "published", record
        assert record.citations, record
    linked = set(db.session.scalars(select(DemandLink.record_id)))
    for model in (Case, LegalAction, Officer):
        for record in db.session.scalars(select(model)):
            if record.title != "Kansas City, Missouri Police Department":
                assert record.id in linked, record


def test_seed_demo_twice_changes_nothing(runner):
    runner.invoke(args=["seed-demo"])
    counts = {
        model: _count(model)
        for model in (Record, Revision, Citation, DemandLink, Organization, User)
    }
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "nothing changed" in result.output
    assert {model: _count(model) for model in counts} == counts


def test_seed_demo_if_empty_skips_a_database_with_records(runner):
    from tests import factories

    factories.make_case(title="Someone's own case")
    db.session.commit()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "not loaded" in result.output
    assert _count(Petition) == 0
