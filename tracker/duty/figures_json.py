"""Officer figures as JSON: the ``figures`` of the API's officer answer, and its schema.

The numbers come from ``tracker.duty.figures``; this module says how the API spells them and
documents that in the OpenAPI document (``JSON_SCHEMA``, carried by the officer kind).
"""

from tracker.duty.figures import CO_ACCUSED_SHOWN
from tracker.models.choices import ALLEGATION_FINDINGS, DISCIPLINE_KINDS


def as_json(figures):
    """The figures as the API's officer answer carries them (``JSON_SCHEMA``)."""
    return {
        "allegations": figures.allegations,
        "sustained": figures.sustained,
        "decided": figures.decided,
        "share_sustained": figures.share_sustained,
        "by_finding": figures.by_finding,
        "by_category": [
            {
                "category": category.slug,
                "label": category.label,
                "allegations": category.count,
                "findings": dict(sorted(category.findings.items())),
            }
            for category in figures.categories
        ],
        "discipline": [
            {"discipline": d.kind, "count": d.count, "days": d.days, "overturned": d.overturned}
            for d in figures.discipline
        ],
        "complaints": figures.complaints,
        "cases": figures.cases,
        "co_accused": [
            {"officer_id": officer.id, "title": officer.title, "shared": shared}
            for officer, shared in figures.co_accused
        ],
        "co_accused_total": figures.co_accused_total,
        "refused": figures.refused,
        "refused_by_channel": {
            channel or "not_recorded": count for channel, count in figures.refusals_by_channel
        },
    }


def _integers(*names):
    """JSON schema properties: ``names``, each a count."""
    return {name: {"type": "integer", "minimum": 0} for name in names}


def _object(properties, description=""):
    """A JSON schema object with exactly ``properties``, all required."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {**schema, "description": description} if description else schema


FINDING_COUNTS = _object(_integers(*ALLEGATION_FINDINGS), "Allegations by final finding.")
JSON_SCHEMA = _object(
    {
        **_integers("allegations", "sustained", "decided"),
        "share_sustained": {
            "type": "number",
            "nullable": True,
            "description": "Sustained allegations of the decided ones (0 to 1); null when none "
            "is decided.",
        },
        "by_finding": FINDING_COUNTS,
        "by_category": {
            "type": "array",
            "items": _object(
                {
                    "category": {"type": "string"},
                    "label": {"type": "string"},
                    **_integers("allegations"),
                    "findings": {
                        "type": "object",
                        "additionalProperties": {"type": "integer"},
                        "description": "Allegations of the category by final finding.",
                    },
                }
            ),
        },
        "discipline": {
            "type": "array",
            "items": _object(
                {
                    "discipline": {"type": "string", "enum": list(DISCIPLINE_KINDS)},
                    **_integers("count", "days", "overturned"),
                }
            ),
        },
        **_integers("complaints", "cases", "co_accused_total", "refused"),
        "refused_by_channel": {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "description": "Published complaints the officer refused or left unanswered, by how "
            "they were brought (see complaints' channel; not_recorded when blank).",
        },
        "co_accused": {
            "type": "array",
            "description": f"The {CO_ACCUSED_SHOWN} officers sharing the most complaints or "
            "cases with this one.",
            "items": _object(
                {"officer_id": {"type": "integer"}, "title": {"type": "string"}}
                | _integers("shared")
            ),
        },
    },
    "The officer's record in numbers, from published records only: allegations by category "
    "and final finding, the share sustained (of the decided ones), the discipline imposed "
    "(days: total length), the published complaints and cases naming the officer, and the "
    "co-accused (officers named in the same complaints or cases; shared: how many).",
)
