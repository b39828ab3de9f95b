"""Request hygiene shared by every route: ids that fit the database, no NUL characters.

Both would otherwise reach the database and fail there (an id above 2**31 - 1 overflows
PostgreSQL's integer; PostgreSQL refuses NUL in text), turning a typo or a probe into a 500.
"""

from flask import abort, request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` that matches only numbers a database integer column can hold."""

    def __init__(self, map, *args, **kwargs):
        """Cap the converter at MAX_ID unless the rule sets its own maximum."""
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def database_id(value):
    """``value`` as an id if it is a whole number in range, else None."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def refuse_nul_characters():
    """Answer 400 to a request whose path, query or form carries a NUL character."""
    if "\x00" in request.path:
        abort(400)
    for values in (request.args, request.form):
        for value in values.values():
            if "\x00" in value:
                abort(400)


def register_request_hygiene(app):
    """Install the id converter (before any route is added) and the NUL guard."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(refuse_nul_characters)
