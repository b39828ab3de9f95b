"""Named presets: the tracker's own (``tracker-case``...) and those editors saved, by name."""

import json

from sqlalchemy import select

from tracker.extensions import db
from tracker.imports.mapping import Mapping, MappingError, builtin_presets
from tracker.models import ImportPreset


def preset_names(kind_name=None):
    """The names of every preset (built-in first), of ``kind_name`` only when given."""
    names = [name for name, m in builtin_presets().items() if kind_name in (None, m.kind)]
    statement = select(ImportPreset.name).order_by(ImportPreset.name)
    if kind_name is not None:
        statement = statement.where(ImportPreset.kind == kind_name)
    return names + list(db.session.scalars(statement))


def load_preset(name):
    """The ``Mapping`` saved as ``name``; ``MappingError`` when there is none."""
    builtin = builtin_presets().get(name)
    if builtin is not None:
        return builtin
    preset = db.session.scalars(select(ImportPreset).where(ImportPreset.name == name)).first()
    if preset is None:
        raise MappingError(f'No preset is called "{name}".')
    return mapping_from_text(preset.mapping)


def mapping_from_text(text):
    """The ``Mapping`` of a JSON text (a preset file); ``MappingError`` says what is wrong."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise MappingError(f"The mapping is not JSON: {error}.") from None
    try:
        return Mapping.from_json(data)
    except TypeError as error:
        raise MappingError(f"The mapping is not complete: {error}.") from None


def save_preset(mapping, name, user=None):
    """Save ``mapping`` as the preset ``name`` (replacing one of that name); return the row."""
    if name in builtin_presets():
        raise MappingError(f'"{name}" is a preset the tracker ships; choose another name.')
    mapping.check()
    mapping.name = name
    preset = db.session.scalars(select(ImportPreset).where(ImportPreset.name == name)).first()
    if preset is None:
        preset = ImportPreset(name=name)
        db.session.add(preset)
    preset.kind = mapping.kind
    preset.mapping = json.dumps(mapping.to_json(), indent=2, sort_keys=True)
    preset.created_by_id = getattr(user, "id", None)
    db.session.commit()
    return preset
