"""Where an officer served on a given day, computed from the dated assignments of their career."""


def assignment_on(assignments, day):
    """The assignment that held on ``day``, or None.

    Both ends count (an assignment from 1 March to 31 May covers both days); an assignment with
    no end date lasts until today; one with no start date cannot be placed and is left out.
    When assignments overlap (a transfer recorded before the old one was closed), the one that
    started last is the answer, ties going to the one recorded last.
    """
    if day is None:
        return None
    holding = [item for item in assignments if item.covers(day)]
    if not holding:
        return None
    return max(holding, key=lambda item: (item.started_on, item.id or 0))


def unit_on(officer, day, assignments=None):
    """The unit ``officer`` was assigned to on ``day`` (a case's date), or None when not known.

    ``assignments`` defaults to the officer's own (pass the published ones on a public page).
    """
    held = assignment_on(officer.assignments if assignments is None else assignments, day)
    return held.unit if held is not None else None


def served_on(careers, day):
    """``{officer id: Assignment}``: where each officer served on ``day`` (a case's date).

    ``careers``: ``{officer id: [assignments]}``; officers with no assignment holding that day
    are left out. The public case page and the workspace case file both answer with this.
    """
    return {
        officer_id: held
        for officer_id, assignments in careers.items()
        if (held := assignment_on(assignments, day)) is not None
    }
