"""A case and everything filed under it, handled as one bundle: listed, submitted, published.

The case file shows the bundle, a volunteer submits it in one step and an editor reviews and
publishes it on one page. What belongs to a case comes from the kinds registry: every kind with
a case section (``Section.case``) follows the case by its ``case_id``, or by the case's
officers (``case="officers"``). The people and officers of the case belong to it too. A
discarded record is no part of any bundle: not listed, submitted, reviewed or published.
"""

from dataclasses import dataclass, field

from sqlalchemy import inspect, select

from tracker.extensions import db
from tracker.kinds import all_kinds
from tracker.models import Assignment, Record, Revision
from tracker.models.choices import PUBLISHED
from tracker.models.facts import column_facts
from tracker.records import access, drafts, editing


def section_kinds():
    """The kinds listed in a case's sections, in the kinds' order."""
    return [kind for kind in all_kinds() if kind.section and kind.section.case]


def officers_of(case):
    """The case's officers, once each, in the order they were added."""
    return list(dict.fromkeys(link.officer for link in case.officers if _kept(link.officer)))


def careers(case):
    """``{officer id: [assignments]}``: the kept assignments of the case's officers, one query."""
    officer_ids = [officer.id for officer in officers_of(case)]
    if not officer_ids:
        return {}
    found = {officer_id: [] for officer_id in officer_ids}
    query = select(Assignment).where(
        Assignment.officer_id.in_(officer_ids), drafts.kept(Assignment)
    )
    for assignment in db.session.scalars(query.order_by(Assignment.id)):
        found[assignment.officer_id].append(assignment)
    return found


def people_of(case):
    """The case's people, once each."""
    return list(dict.fromkeys(link.person for link in case.people if _kept(link.person)))


def _kept(record):
    """True for a linked record that is there and not discarded."""
    return record is not None and not drafts.is_discarded(record)


def sections(case):
    """``[(kind, [records])]``: the records of each section kind filed under ``case``."""
    officer_ids = [officer.id for officer in officers_of(case)]
    found = []
    for kind in section_kinds():
        model = kind.model
        if kind.section.case == "officers":
            if not officer_ids:
                found.append((kind, []))
                continue
            where = model.officer_id.in_(officer_ids)
        else:
            where = model.case_id == case.id
        query = select(model).where(where, drafts.kept(model)).order_by(model.id)
        records = db.session.scalars(query).all()
        found.append((kind, list(records)))
    return found


def members(case):
    """Every record of the bundle: the case, its people and officers, then each section."""
    records = [case, *people_of(case), *officers_of(case)]
    for _kind, section in sections(case):
        records.extend(section)
    return list(dict.fromkeys(records))


def submit(case, may_submit):
    """Submit every draft of the bundle that ``may_submit(record)`` allows; returns them."""
    submitted = []
    for record in members(case):
        if record.status == "draft" and may_submit(record):
            editing.change_status(record, "submit")
            submitted.append(record)
    return submitted


def to_publish(case):
    """The records of the bundle an editor would publish: drafts and those in review."""
    return [record for record in members(case) if record.status in ("draft", "in_review")]


def unsourced(records):
    """The records among ``records`` that cite no source (they cannot be published)."""
    return [record for record in records if not record.citations]


def dangling(records):
    """``[(record, target)]``: a record pointing at one that would stay unpublished.

    Publishing ``records`` together is checked: a reference to a record among them is fine.
    """
    publishing = {record.id for record in records}
    found = []
    for record in records:
        for relationship in inspect(type(record)).relationships:
            if relationship.key in ("created_by", "updated_by", "revisions"):
                continue
            targets = getattr(record, relationship.key)
            targets = targets if relationship.uselist else [targets]
            for target in targets:
                if (
                    isinstance(target, Record)
                    and target.status != PUBLISHED
                    and target.id not in publishing
                ):
                    found.append((record, target))
    return found


def publish(records):
    """Publish ``records`` (each must cite a source; raises ``editing.Refused`` otherwise)."""
    for record in records:
        editing.change_status(record, "publish")


@dataclass
class Changes:
    """What changed in a record since its last published version, field by field."""

    record: Record
    fields: dict = field(default_factory=dict)  # name -> [before, after]
    revisions: list = field(default_factory=list)  # the revisions since, oldest first

    @property
    def rows(self):
        """``[(label, before, after)]`` as people read them: labels, choice names, titles."""
        facts = column_facts(type(self.record))
        rows = []
        for name, (before, after) in self.fields.items():
            if name == "slug":  # follows the title
                continue
            info = facts[name][1] if name in facts else {}
            label = info.get("label") or name.replace("_", " ").capitalize()
            rows.append((label, _readable(info, name, before), _readable(info, name, after)))
        return rows

    @property
    def authors(self):
        """The people who made these changes, once each."""
        return list(dict.fromkeys(r.user for r in self.revisions if r.user is not None))

    @property
    def last_changed(self):
        """When the newest of these changes was made, or None."""
        return self.revisions[-1].created_at if self.revisions else None


def published_version(revisions):
    """The version a record had when it was last published (0: never published)."""
    version = 0
    for revision in revisions:
        status = revision.changes.get("status")
        if isinstance(status, list) and len(status) == 2 and status[1] == PUBLISHED:
            version = revision.version
    return version


def changes_since_published(record, user):
    """The ``Changes`` of ``record`` since its last published version, as ``user`` may read them.

    Private values pass the one field-access rule (``records.access``), like the history.
    """
    revisions = db.session.scalars(
        select(Revision).where(Revision.record_id == record.id).order_by(Revision.version)
    ).all()
    since = published_version(revisions)
    newer = [revision for revision in revisions if revision.version > since]
    fields = {}
    for revision in newer:
        for name, change in access.shown_changes(user, revision).items():
            if name in Record.untracked_fields or name in ("status", "submitted_at"):
                continue
            if isinstance(change, dict):  # a list's items added and removed: gather them
                gathered = fields.setdefault(name, [None, {}])[1]
                for verb, items in change.items():
                    gathered.setdefault(verb, []).extend(items)
            elif name in fields:
                fields[name][1] = change[1]  # the first "before", the last "after"
            else:
                fields[name] = list(change)
    return Changes(record, fields, newer)


def _readable(info, name, value):
    """A stored value as people read it: a choice's label, a referenced record's title."""
    if isinstance(value, str) and info.get("choices"):
        return info["choices"].get(value, value)
    if name.endswith("_id") and isinstance(value, int):
        record = db.session.get(Record, value)
        return f"{record.title} (#{record.id})" if record is not None else f"#{value}"
    return value
