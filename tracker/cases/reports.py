"""Links to the PDF reports, which another part of the app may or may not serve."""

from flask import current_app, url_for
from werkzeug.routing import BuildError

from tracker.cases import bp


@bp.app_template_global()
def report_url(endpoint, **candidates):
    """The URL of report ``endpoint`` built from whichever of ``candidates`` it takes, or None.

    Pages link to reports only when the reports are installed; the report routes may name their
    argument ``record_id``, ``case_id`` or ``number``, so try each candidate on its own.
    """
    if endpoint not in current_app.view_functions:
        return None
    for name, value in candidates.items():
        try:
            return url_for(endpoint, **{name: value})
        except BuildError:
            continue
    try:
        return url_for(endpoint)
    except BuildError:
        return None
