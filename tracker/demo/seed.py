"""``flask seed-demo``: load the seed petition and the records the seed texts support.

Every record is looked up by its natural key first, so running the command again changes
nothing. Each record is saved, cited, linked to its demands and published through the editing
service, as the workspace would.
"""

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from tracker.demo import content
from tracker.extensions import db
from tracker.models import (
    Agency,
    Case,
    Demand,
    LegalAction,
    Officer,
    Organization,
    Person,
    Petition,
    Record,
    RecordsRequest,
    Source,
)
from tracker.models.choices import PUBLISHED
from tracker.records import editing
from tracker.records.categories import ensure_default_categories


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

    def add_record(self, model, **values):
        """A new record of ``model`` saved from ``values`` through the editing service."""
        self.created += 1
        return editing.save(model(), values)

    def cite_and_publish(self, record, source_keys, demands=None):
        """Cite the named sources, link the demands and publish ``record`` if it is new."""
        if record.id is not None and record.status == PUBLISHED:
            return record
        for key in source_keys:
            editing.cite(record, self.sources[key])
        for number, note in (demands or {}).items():
            editing.link_demand(record, self.demands[number], note)
        editing.change_status(record, "publish")
        return record

    def load(self):
        """Load everything, in dependency order."""
        for key, fields in content.SOURCES.items():
            source = self.find(Source, title=fields["title"])
            if source is None:
                source, _ = editing.add_source(fields)
                self.created += 1
            self.sources[key] = source
        organizations = [
            self.find_or_add(Organization, {"name": org["name"]}, short_name=org["short_name"])
            for org in content.ORGANIZATIONS
        ]
        petition = self.find(Petition, title=content.PETITION_TITLE)
        if petition is None:
            petition = self.add_record(Petition, **content.PETITION, organizations=organizations)
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
                action = self.add_record(
                    LegalAction,
                    title=item["title"],
                    case=cases[item["case"]],
                    action_kind=item["action_kind"],
                    action_status=item["action_status"],
                    summary=item["summary"],
                    outcome=item["outcome"],
                    officers=[officers[item["officer"]]],
                )
                self.cite_and_publish(action, item["sources"], item["demands"])
        for item in content.RECORDS_REQUESTS:
            self.load_simple(
                RecordsRequest,
                {"title": item["title"]},
                item["sources"],
                custodian=agencies[item["custodian"]],
                asked=item["asked"],
                summary=item["summary"],
            )
        return self.created

    def load_demands(self, petition):
        """The six demands, their status history and the chief's resignation call."""
        for number, short_title, text, indicator in content.DEMANDS:
            demand = (
                self.find(Demand, petition_id=petition.id, number=number) if petition.id else None
            )
            if demand is None:
                demand = self.add_record(
                    Demand,
                    petition=petition,
                    number=number,
                    short_title=short_title,
                    text=text,
                    indicator=indicator,
                    demand_status="not_met",
                )
                editing.change_demand_status(
                    demand,
                    status="not_met",
                    changed_on=content.REPORT_DATE,
                    note=content.RESIGNATION_CALL if number == 6 else content.STATUS_NOTE,
                    source=self.sources["news" if number == 6 else "petition"],
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
                case = self.add_record(
                    Case,
                    title=item["title"],
                    case_kind=item["case_kind"],
                    outcome=item["outcome"],
                    date_precision=item["date_precision"],
                    summary=item["summary"],
                    narrative=item["narrative"],
                    people=[(people[item["person"]], "subject")],
                    officers=[(officers[officer_key], role)],
                )
                self.cite_and_publish(case, item["sources"], item["demands"])
            cases[item["key"]] = case
        return cases

    def load_simple(self, model, keys, source_keys, demands=None, **fields):
        """Find or create a record by ``keys``; cite, link and publish it when new."""
        record = self.find(model, **keys)
        if record is None:
            record = self.add_record(model, **keys, **fields)
            self.cite_and_publish(record, source_keys, demands)
        return record


def load_demo_data(session):
    """Load the demo data into ``session`` and commit; returns how many rows were created.

    The seed texts name no single complaint with its accused officers, so the demo holds no
    allegation (none is invented); it has the starting allegation categories.
    """
    ensure_default_categories(session)
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
