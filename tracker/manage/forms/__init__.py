"""The workspace's forms: one ``RecordForm`` per editable record kind, found by its ``kind``.

A form module in this package that defines ``class XForm(RecordForm)`` with ``kind = "x"`` is
the workspace form of kind ``x``; nothing else registers it.
"""

import importlib
import pkgutil
from functools import cache

from tracker.kinds import all_kinds
from tracker.manage.forms.base import RecordForm


def _subclasses(form_class):
    """Every subclass of ``form_class``, at any depth."""
    for subclass in form_class.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


@cache
def kind_forms():
    """``{kind name: form class}`` of every kind the workspace edits, in the kinds' order."""
    for module_info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module_info.name}")
    by_kind = {form.kind: form for form in _subclasses(RecordForm) if form.kind}
    return {kind.name: by_kind[kind.name] for kind in all_kinds() if kind.name in by_kind}
