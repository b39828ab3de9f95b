"""``url_for`` once per endpoint and request, then string formatting: the same URLs, cheaper.

The busiest officer's page links some 300 records and sources; each ``url_for`` matched the
endpoint's rules and quoted its values again (2 ms of the page at 100,000 cases). Within a
request every record of one kind shares one rule, so the first link of an endpoint (with the
same value names) is built by ``url_for`` with stand-in numbers, and the others fill the
stand-ins with their values, quoted as the rule's converters quote them. What the template
cannot stand for exactly falls back to ``url_for``: a rule with defaults (the values choose the
rule), a value in the query string, a value neither int nor str, no request.
"""

from urllib.parse import quote

from flask import current_app, g, has_request_context, url_for
from werkzeug.routing import BuildError

# Stand-in values: ints, so that an int converter takes them, and long enough not to occur in
# a URL by chance.
_STAND_IN = 7_391_046_000
# How werkzeug's path converters (int, default) and Flask's anchors quote (the same ``safe``).
_PATH_SAFE = "!$&'()*+,/:;=@"
_ANCHOR_SAFE = "%!#$&'()*+,/:;=?@"
_NO_TEMPLATE = object()


def quick_url_for(endpoint, _anchor=None, **values):
    """``url_for(endpoint, _anchor=_anchor, **values)``, from the request's template for it."""
    if not has_request_context() or any(
        type(value) is not int and type(value) is not str for value in values.values()
    ):
        return url_for(endpoint, _anchor=_anchor, **values)
    names = tuple(sorted(values))
    templates = g.setdefault("quick_url_templates", {})
    template = templates.get((endpoint, names))
    if template is None:
        template = templates[(endpoint, names)] = _template(endpoint, names)
    if template is _NO_TEMPLATE:
        return url_for(endpoint, _anchor=_anchor, **values)
    parts = [template[0]]
    for name, text in zip(names, template[1:], strict=False):
        value = values[name]
        parts.append(str(value) if type(value) is int else quote(value, safe=_PATH_SAFE))
        parts.append(text)
    url = "".join(parts)
    return url if _anchor is None else f"{url}#{quote(_anchor, safe=_ANCHOR_SAFE)}"


def _template(endpoint, names):
    """``(text, text, ...)``: the URL split around each value in ``names``' order, or none."""
    if any(rule.defaults for rule in current_app.url_map.iter_rules(endpoint)):
        return _NO_TEMPLATE
    stand_ins = {name: _STAND_IN + index for index, name in enumerate(names)}
    try:
        url = url_for(endpoint, **stand_ins)
    except (BuildError, ValueError):  # a converter that takes no number: url_for each time
        return _NO_TEMPLATE
    if "?" in url:
        return _NO_TEMPLATE
    pieces, rest = [], url
    for name in names:
        marker = str(stand_ins[name])
        if rest.count(marker) != 1:
            return _NO_TEMPLATE
        before, rest = rest.split(marker)
        pieces.append(before)
    # The values must come in ``names``' order in the URL; ``split`` above checked that.
    return (*pieces, rest)
