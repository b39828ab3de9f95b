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

from flask import current_app, url_for
from flask.globals import _cv_request  # the request context, without a proxy's cost
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
    ctx = _cv_request.get(None)
    if ctx is None or ctx.url_adapter is None:  # no request: url_for makes external URLs
        return url_for(endpoint, _anchor=_anchor, **values)
    # The template is a function of the request's URL adapter (its script root and host), so
    # it lives on the request's context: nothing shared between threads or requests.
    templates = ctx.__dict__.get("quick_url_templates")
    if templates is None:
        templates = ctx.quick_url_templates = {}
    names = tuple(values)
    template = templates.get((endpoint, names))
    if template is None:
        template = templates[(endpoint, names)] = _template(endpoint, names)
    if template is _NO_TEMPLATE:
        return url_for(endpoint, _anchor=_anchor, **values)
    pieces, takes_text = template
    parts = [pieces[0]]
    for name, text in zip(names, pieces[1:], strict=False):
        value = values[name]
        if type(value) is int:
            parts.append(str(value))
        elif type(value) is str and name in takes_text:
            parts.append(_quoted(value, _PATH_SAFE))
        else:  # None, a date, ...: whatever url_for makes of it
            return url_for(endpoint, _anchor=_anchor, **values)
        parts.append(text)
    url = "".join(parts)
    return url if _anchor is None else f"{url}#{_quoted(_anchor, _ANCHOR_SAFE)}"


def _quoted(text, safe):
    """``quote(text, safe=safe)``; a slug or an anchor (letters, digits, dashes) as it is."""
    if text.isascii() and text.replace("-", "").isalnum():
        return text
    return quote(text, safe=safe)


def _template(endpoint, names):
    """``((text, text, ...), names taking text)``: the URL split around each value, or none.

    A value given as a string goes in as it is only where the rule's converter takes text; an
    int converter would turn ``"05"`` into ``5``, so there ``url_for`` makes it.

    ``names`` in the caller's order (a kind's place gives its values in the URL's order); in
    any other order the URL is not a template of them, and ``url_for`` makes it each time.
    """
    try:
        rules = list(current_app.url_map.iter_rules(endpoint))
    except KeyError:  # a relative (".detail") or unknown endpoint: url_for resolves or refuses
        return _NO_TEMPLATE
    if any(rule.defaults for rule in rules):
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
    return (*pieces, rest), frozenset(
        name for name in names if _takes_text(endpoint, stand_ins, name)
    )


def _takes_text(endpoint, stand_ins, name):
    """Whether ``endpoint``'s rule takes a word for ``name`` (a path converter, not an int)."""
    try:
        url_for(endpoint, **{**stand_ins, name: "word"})
    except (BuildError, ValueError):
        return False
    return True
