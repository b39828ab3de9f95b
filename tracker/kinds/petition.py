"""Petitions: the campaign whose numbered demands the records bear on."""

from tracker.kinds.base import PageRule, RecordKind
from tracker.models import Petition

KIND = RecordKind(
    name="petition",
    model=Petition,
    label="Petition",
    plural="Petitions",
    collection="petitions",
    order=100,
    page=PageRule("demands.scoreboard"),
    searchable=False,  # one petition: its demands are what a reader looks for
)
