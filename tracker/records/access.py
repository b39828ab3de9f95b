"""Who may read which field of a record in the workspace: one rule, asked by every page.

A record's private fields (contact and medical details, private names and notes, a
complaint's complainant, ...) are read only by the record's author and by editors (admins
rank above editors). The decision is made on the model's attributes: a column is private when
the model lists it, and a relationship is private when its foreign-key column is. The record
view, lookup suggestions, history, conflict pages and exports all ask here.
"""

from functools import cache

from sqlalchemy import inspect

PRIVATE = "(private)"


def is_author(record, user):
    """True when ``user`` created ``record``."""
    return record.created_by_id is not None and record.created_by_id == user.id


def can_read_private(user, record):
    """Editors read every private field; others those of records they created."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.has_role("editor") or is_author(record, user)


@cache
def private_attributes(model):
    """The attribute names of ``model`` that are private: columns and their relationships."""
    private = set(model.private_fields)
    for relationship in inspect(model).relationships:
        if any(column.key in private for column in relationship.local_columns):
            private.add(relationship.key)
    return frozenset(private)


def is_private(record, name):
    """True when the attribute ``name`` of ``record`` is private."""
    return name in private_attributes(type(record))


def can_read_field(user, record, name):
    """True when ``user`` may read the attribute ``name`` of ``record``."""
    return not is_private(record, name) or can_read_private(user, record)


def shown_value(user, record, name, value):
    """``value`` of the attribute ``name``, or the private marker for those who may not read it."""
    return value if can_read_field(user, record, name) else PRIVATE


def shown_changes(user, revision):
    """A revision's ``{field: change}`` with private values replaced by the private marker."""
    record = revision.record
    allowed = can_read_private(user, record)
    shown = {}
    for name, change in revision.changes.items():
        private = name in revision.private_changes or is_private(record, name)
        if private and not allowed:
            change = [PRIVATE, PRIVATE]  # before and after, whatever the change was
        shown[name] = change
    return shown


def record_label(user, record):
    """How a record reads in a suggestion list: "Title (#12)".

    A person's private name is added (to tell "Name withheld"s apart) only for those who may
    read it: the person's author and the editors.
    """
    name = getattr(record, "name", None)
    if (
        record.kind == "person"
        and name
        and name != record.title
        and can_read_field(user, record, "name")
    ):
        return f"{record.title}: {name} (#{record.id})"
    return f"{record.title} (#{record.id})"
