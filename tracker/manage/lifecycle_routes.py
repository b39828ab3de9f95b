"""The review workflow of a record: submit, publish, unpublish, return to the author."""

from tracker.auth.decorators import editor_required, volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.manage import bp
from tracker.manage.confirm import confirmation_page, confirmed
from tracker.manage.forms.workflow import ReturnForm
from tracker.manage.helpers import record_from_url, record_url_for, take_step
from tracker.manage.services import can_submit, require
from tracker.records import editing


def _step(record, step, form, done, comment=None):
    """Run one lifecycle ``step`` through the editing service, commit, and go back."""
    return take_step(
        record,
        form,
        lambda: editing.change_status(record, step, comment),
        done or (lambda: f"{record.kind_label}: {record.status.replace('_', ' ')}."),
    )


@bp.route("/<kind_slug>/<int:record_id>/submit", methods=["POST"])
@volunteer_required
def submit(kind_slug, record_id):
    """Hand a draft to the editors."""
    record = record_from_url(kind_slug, record_id)
    require(can_submit(record))
    return _step(record, "submit", EmptyForm(), None)


@bp.route("/<kind_slug>/<int:record_id>/publish", methods=["POST"])
@editor_required
def publish(kind_slug, record_id):
    """Publish (editors); refused without a source."""
    return _step(record_from_url(kind_slug, record_id), "publish", EmptyForm(), None)


@bp.route("/<kind_slug>/<int:record_id>/unpublish", methods=["POST"])
@editor_required
def unpublish(kind_slug, record_id):
    """Take a record off the public site, after confirmation; it and its history stay."""
    record = record_from_url(kind_slug, record_id)
    if record.is_published and not confirmed() and EmptyForm().validate_on_submit():
        return confirmation_page(
            title="Unpublish a record",
            question=f"Unpublish the {record.kind_label.lower()} “{record.title}”?",
            consequences=[
                "It leaves the public site at once: its page, search, reports, open data and "
                "the API, and the demand indicators it counted in.",
                "It stays in the workspace with its history; an editor can publish it again.",
            ],
            button="Unpublish",
            cancel_url=record_url_for(record),
        )
    return _step(record, "unpublish", EmptyForm(), None)


@bp.route("/<kind_slug>/<int:record_id>/return", methods=["POST"])
@editor_required
def return_record(kind_slug, record_id):
    """Send a record back to its author with a comment."""
    form = ReturnForm()
    done = "Returned to the author with your comment."
    record = record_from_url(kind_slug, record_id)
    return _step(record, "return", form, done, form.comment.data)
