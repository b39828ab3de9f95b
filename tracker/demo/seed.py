"""``flask seed-demo``: load the seed petition and the records the seed texts support.

Every record is looked up by its natural key first, so running the command again changes
nothing. Each record is published, cites the seed text it comes from and links to its demands.
"""

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from tracker.demo import content
from tracker.extensions import db
from tracker.models import (
    Agency,
    Case,
    CaseOfficer,
    CasePerson,
    Citation,
    Demand,
    DemandLink,
    DemandStatusChange,
    LegalAction,
    Officer,
    Organization,
    Person,
    Petition,
    Record,
    Source,
)
from tracker.records.workflow import publish


class DemoLoader:
    """Creates the demo records that are missing, and counts what it created."""

    def __init__(self, session):
        """Start with an empty count on ``session``."""
        self.session = session
        self.created = 0
        self.sources = {}
        self.demands = {}

    def find(self, model, **keys):
        """The first ``model`` row matching ``keys``, or None."""
        return self.session.scalars(select(model).filter_by(**keys).limit(1)).first()

    def find_or_add(self, model, keys, **fields):
        """Return the row matching ``keys``, adding it with ``fields`` when missing."""
        row = self.find(model, **keys)
        if row is None:
            row = model(**keys, **fields)
            self.session.add(row)
            self.created += 1
        return row

    def cite_and_publish(self, record, source_keys, demands=None):
        """Cite the named sources, link the demands and publish ``record`` if it is new."""
        if record.id is not None and record.status == "published":
            return record
        for position, key in enumerate(source_keys, start=1):
            record.citations.append(Citation(source=self.sources[key], position=position))
        for number, note in (demands or {}).items():
            record.demand_links.append(DemandLink(demand=self.demands[number], note=note))
        publish(record)
        return record

    def load(self):
        """Load everything, in dependency order."""
        for key, fields in content.SOURCES.items():
            self.sources[key] = self.find_or_add(
                Source,
                {"title": fields["title"]},
                **{k: v for k, v in fields.items() if k != "title"},
            )
        organizations = [
            self.find_or_add(Organization, {"name": org["name"]}, short_name=org["short_name"])
            for org in content.ORGANIZATIONS
        ]
        petition = self.find(Petition, title=content.PETITION_TITLE)
        if petition is None:
            petition = Petition(**content.PETITION, organizations=organizations)
            self.session.add(petition)
            self.created += 1
            self.cite_and_publish(petition, ["petition"])
        self.load_demands(petition)
        agencies = self.load_agencies()
        officers = self.load_officers(agencies)
        people = {
            item["key"]: self.load_simple(
                Person,
                {"name": item["name"]},
                item["sources"],
                name_is_public=item["name_is_public"],
            )
            for item in content.PEOPLE
        }
        cases = self.load_cases(people, officers)
        for item in content.LEGAL_ACTIONS:
            action = self.find(LegalAction, title=item["title"])
            if action is None:
                action = LegalAction(
                    title=item["title"],
                    case=cases[item["case"]],
                    action_kind=item["action_kind"],
                    action_status=item["action_status"],
                    summary=item["summary"],
                    outcome=item["outcome"],
                    officers=[officers[item["officer"]]],
                )
                self.session.add(action)
                self.created += 1
                self.cite_and_publish(action, item["sources"], item["demands"])
        return self.created

    def load_demands(self, petition):
        """The six demands, their status history and the chief's resignation call."""
        for number, short_title, text, indicator in content.DEMANDS:
            demand = (
                self.find(Demand, petition_id=petition.id, number=number) if petition.id else None
            )
            if demand is None:
                demand = Demand(
                    petition=petition,
                    number=number,
                    short_title=short_title,
                    text=text,
                    indicator=indicator,
                    demand_status="not_met",
                )
                self.session.add(demand)
                self.created += 1
                demand.status_changes.append(
                    DemandStatusChange(
                        status="not_met",
                        changed_on=content.REPORT_DATE,
                        note=content.RESIGNATION_CALL if number == 6 else content.STATUS_NOTE,
                        source=self.sources["news" if number == 6 else "petition"],
                    )
                )
                self.cite_and_publish(demand, ["petition"] + (["news"] if number == 6 else []))
            self.demands[number] = demand

    def load_agencies(self):
        """The agencies the seed texts name."""
        agencies = {}
        for item in content.AGENCIES:
            fields = {k: v for k, v in item.items() if k not in ("key", "name", "sources")}
            agencies[item["key"]] = self.load_simple(
                Agency, {"name": item["name"]}, item["sources"], **fields
            )
        return agencies

    def load_officers(self, agencies):
        """The chief, Officer Thompson and the unnamed officers in the Sanders case."""
        officers = {}
        for item in content.OFFICERS:
            title = item.get("title") or item["name"]
            fields = {
                "identity_status": item["identity_status"],
                "name": item["name"],
                "rank": item["rank"],
                "public_description": item["public_description"],
                "agency": agencies.get(item["agency"]),
            }
            officers[item["key"]] = self.load_simple(
                Officer, {"title": title}, item["sources"], item["demands"], **fields
            )
        return officers

    def load_cases(self, people, officers):
        """The Donnie Sanders and Ryan Stokes cases."""
        cases = {}
        for item in content.CASES:
            case = self.find(Case, title=item["title"])
            if case is None:
                officer_key, role = item["officer"]
                case = Case(
                    title=item["title"],
                    case_kind=item["case_kind"],
                    outcome=item["outcome"],
                    date_precision=item["date_precision"],
                    summary=item["summary"],
                    narrative=item["narrative"],
                    people=[CasePerson(person=people[item["person"]], role="subject")],
                    officers=[CaseOfficer(officer=officers[officer_key], role=role)],
                )
                self.session.add(case)
                self.created += 1
                self.cite_and_publish(case, item["sources"], item["demands"])
            cases[item["key"]] = case
        return cases

    def load_simple(self, model, keys, source_keys, demands=None, **fields):
        """Find or create a record by ``keys``; cite, link and publish it when new."""
        record = self.find(model, **keys)
        if record is None:
            record = model(**keys, **fields)
            self.session.add(record)
            self.created += 1
            self.cite_and_publish(record, source_keys, demands)
        return record


def load_demo_data(session):
    """Load the demo data into ``session`` and commit; returns how many rows were created."""
    created = DemoLoader(session).load()
    session.commit()
    return created


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database has no records.")
@with_appcontext
def seed_demo_command(if_empty):
    """Load the seed petition, its six demands and the records the seed texts support."""
    if if_empty and db.session.scalar(select(Record.id).limit(1)) is not None:
        click.echo("The database already holds records; the demo data was not loaded.")
        return
    created = load_demo_data(db.session)
    if created:
        click.echo(f"Loaded the demo data ({created} rows).")
    else:
        click.echo("The demo data is already loaded; nothing changed.")
