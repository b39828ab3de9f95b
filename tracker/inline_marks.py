"""Two template pieces as Python: a record's link and an entry's source marks.

The ``record_link`` and ``refs`` macros (``templates/_macros``) print these, so the markup
lives here once; a busy page (the officer with the most cases: 100 links and 100 marks) called
the macros so often that calling them cost more than what they print, so it calls these.
"""

from functools import lru_cache

from markupsafe import Markup, escape

from tracker.kinds import public_url

# ``Markup.format`` escapes what it fills in, as ``{{ }}`` does in the macros.
_LINK = Markup('<a href="{}">{}</a>')
_MARK = Markup(
    '&#8288;<sup class="ref"><a href="#source-{0}" aria-label="source {0}">[{0}]</a></sup>'
)


def record_anchor(record):
    """``record_link(record)``: its title, linked to its public page when it has one."""
    href = public_url(record)
    if href:
        return _LINK.format(href, record.title)
    return escape(record.title)


def ref_marks(numbers):
    """``refs(numbers)``: a superscript link to each numbered source (none for None)."""
    return _marks(tuple(numbers))


@lru_cache(maxsize=4096)
def _marks(numbers):
    """The marks of ``numbers`` (a tuple), kept: entries cite the same few sources again."""
    return Markup("").join(_MARK.format(n) for n in numbers if n)


# The flag of a reinstatement's verdict (``tracker.kinds.duty_event``); the ``verdict_flag``
# macro prints these too, so the words live here once.
_VERDICTS = {
    "premature": Markup(
        '<strong class="flag flag-premature">Reinstated while a related investigation was open'
        "</strong>\n"
    ),
    "undetermined": Markup(
        '<span class="flag flag-undetermined">The dates on record cannot tell whether a related'
        " investigation was still open</span>\n"
    ),
}


def verdict_mark(verdict):
    """``verdict_flag(verdict)``: the flag of a premature or undetermined reinstatement, or ""."""
    return _VERDICTS.get(verdict, Markup(""))
