"""People: subjects, complainants and witnesses; only public names and facts leave the workspace."""

from tracker.kinds.base import Computed, RecordKind
from tracker.models import Person

KIND = RecordKind(
    name="person",
    model=Person,
    label="Person",
    plural="People",
    collection="people",
    order=70,
    # The private name finds a person only for those who may read it (``records.access``).
    lookup_fields=("title", "name"),
    computed=(
        Computed(
            "public_name",
            "string",
            "The name the public may read, or a stand-in.",
            lambda person: person.public_name,
        ),
    ),
    in_feed=False,
    data_label="People (public fields only)",
)
