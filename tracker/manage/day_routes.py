"""A volunteer's day: search every kind, withdraw, discard and restore a draft, preview Markdown."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.auth.decorators import volunteer_required
from tracker.auth.forms import EmptyForm
from tracker.extensions import db
from tracker.kinds import kind_named
from tracker.manage import bp
from tracker.manage.confirm import confirmation_page, confirmed
from tracker.manage.forms import kind_forms
from tracker.manage.forms.preview import MarkdownPreviewForm
from tracker.manage.forms.search import WorkspaceSearchForm
from tracker.manage.forms.workflow import DiscardForm
from tracker.manage.helpers import flash_errors, record_from_url, record_url_for, take_step
from tracker.manage.services import is_author, kind_from_slug, require
from tracker.manage.workspace_search import search_statement
from tracker.records import drafts
from tracker.records.warnings import warnings_for
from tracker.records.workflow import WorkflowError
from tracker.templating import render_markdown


@bp.route("/search")
@volunteer_required
def search():
    """Every record of every kind: words, kind, status, author, changed, sort, in pages."""
    form, page, arguments = _listing()
    return render_template("manage/search.html", form=form, page=page, arguments=arguments)


@bp.route("/<kind_slug>/")
@volunteer_required
def records(kind_slug):
    """The records of one kind: the same columns, filters, sort and pages as the search."""
    kind = kind_from_slug(kind_slug)
    form, page, arguments = _listing(kind)
    return render_template(
        "manage/search.html",
        form=form,
        page=page,
        arguments=arguments,
        kind=kind,
        kind_label=kind_named(kind).label,
        can_create=kind in kind_forms(),
    )


def _listing(kind=None):
    """The filter form from the query string, the page of records it selects, its arguments.

    ``kind`` fixes the kind (a kind's own list); otherwise the form's kind filter applies.
    """
    form = WorkspaceSearchForm(formdata=request.args)
    form.set_kinds([kind_named(name) for name in kind_forms()])
    filters = {}
    if form.validate():
        filters = {name: form[name].data or None for name in ("kind", "status", "author")}
        filters.update(words=form.q.data, updated=form.updated.data or None)
        filters["sort"] = form.sort.data or "updated"
    if kind is not None:
        filters["kind"] = kind
    page = db.paginate(
        search_statement(current_user, **filters),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    arguments = {name: form[name].data for name in form._fields if form[name].data}
    if kind is not None:
        arguments.pop("kind", None)
    return form, page, arguments


def _can_take_back(record):
    """The author, or an editor, may withdraw or discard."""
    return is_author(record) or current_user.has_role("editor")


@bp.route("/<kind_slug>/<int:record_id>/withdraw", methods=["POST"])
@volunteer_required
def withdraw(kind_slug, record_id):
    """Take a record back from review to a draft, to change it."""
    record = record_from_url(kind_slug, record_id)
    require(_can_take_back(record))
    return take_step(
        record,
        EmptyForm(),
        lambda: drafts.withdraw(record),
        "Withdrawn from review: it is a draft again.",
    )


@bp.route("/<kind_slug>/<int:record_id>/discard", methods=["POST"])
@volunteer_required
def discard(kind_slug, record_id):
    """Set aside a draft that was never published, after a confirmation (with a reason)."""
    record = record_from_url(kind_slug, record_id)
    require(_can_take_back(record))
    form = DiscardForm()
    valid = form.validate_on_submit()
    if "csrf_token" in form.errors:
        flash_errors(form)
        return redirect(record_url_for(record))
    if not drafts.can_discard(record):
        flash("Only a draft that was never published can be discarded.", "error")
        return redirect(record_url_for(record))
    if not (confirmed() and valid):  # asked again with a refused reason beside its field
        return confirmation_page(
            f"Discard “{record.title}”?",
            f"Discard the draft “{record.title}”?",
            [
                "It leaves every list, search, lookup and case file; the public never sees it.",
                "The draft, its citations, demand links and history are kept: you can find it "
                "with the “Discarded” status filter of Find a record and restore it.",
            ],
            "Discard the draft",
            record_url_for(record),
            inputs=[form.reason],
        )
    try:
        drafts.discard(record, form.reason.data)
    except WorkflowError as error:
        flash(str(error), "error")
        return redirect(record_url_for(record))
    db.session.commit()
    flash(f"Draft “{record.title}” discarded. It can be restored from its page.", "success")
    return redirect(url_for("manage.dashboard"))


@bp.route("/<kind_slug>/<int:record_id>/restore-draft", methods=["POST"])
@volunteer_required
def restore_draft(kind_slug, record_id):
    """Put a discarded draft back to a draft."""
    record = record_from_url(kind_slug, record_id)
    require(_can_take_back(record))
    return take_step(
        record, EmptyForm(), lambda: drafts.restore(record), "Restored: it is a draft again."
    )


@bp.route("/preview", methods=["POST"])
@volunteer_required
def markdown_preview():
    """The Markdown of a field as the public pages will show it (the same sanitizer)."""
    form = MarkdownPreviewForm()
    if not form.validate_on_submit():
        return render_template("manage/preview.html", form=form, preview=None), 400
    return render_template(
        "manage/preview.html", form=form, preview=render_markdown(form.markdown())
    )


@bp.app_template_global("record_warnings")
def record_warnings(record):
    """Soft warnings of ``record`` for the workspace pages (see ``tracker.records.warnings``)."""
    return warnings_for(record)
