"""The records laws a request can rely on, each with its own deadline rule.

A law is a key stored on the request (``records_requests.law``) into this registry; adding a
law is a rule module of pure functions (like ``sunshine``) and a line here (plus the new value in
the CHECK, by migration).
"""

from dataclasses import dataclass

from tracker.deadlines import sunshine


@dataclass(frozen=True)
class Law:
    """A records law: how people name it, the provision it is cited by, and its deadline rule."""

    label: str
    citation: str
    rule: object  # (sent_on, received_on, [Event]) -> Deadline


LAWS = {
    "mo_sunshine": Law(
        "Missouri Sunshine Law (RSMo chapter 610)", "RSMo 610.023.3", sunshine.deadline
    ),
}
DEFAULT_LAW = "mo_sunshine"
LAW_CHOICES = {key: law.label for key, law in LAWS.items()}


def deadline_of(law, sent_on, received_on, events):
    """The deadline facts of a request under ``law`` (an unknown law: the default's rule)."""
    rule = LAWS.get(law, LAWS[DEFAULT_LAW]).rule
    return rule(sent_on, received_on, events)
