"""Allegation categories (editors): the list with each definition, and adding one.

Categories are rows, not a fixed list: an editor adds one here, and every allegation form, the
import and the data dictionary on /data offer it at once. A category is never deleted from the
web UI (allegations refer to it).
"""

from flask import flash, redirect, render_template, url_for
from sqlalchemy import select

from tracker.auth.decorators import editor_required
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.allegations import CategoryForm
from tracker.models import AllegationCategory


def _page(form, status=200):
    """The categories page with ``form``."""
    categories = db.session.scalars(
        select(AllegationCategory).order_by(AllegationCategory.label)
    ).all()
    return render_template("manage/categories.html", categories=categories, form=form), status


@bp.route("/allegation-categories", methods=["GET", "POST"])
@editor_required
def allegation_categories():
    """List the allegation categories; add one."""
    form = CategoryForm()
    if not form.validate_on_submit():
        return _page(form, 400 if form.is_submitted() else 200)
    taken = select(AllegationCategory.id).where(AllegationCategory.slug == form.slug.data)
    if db.session.scalar(taken) is not None:
        form.slug.errors.append("There is already a category with this short name.")
        return _page(form, 400)
    db.session.add(
        AllegationCategory(
            slug=form.slug.data, label=form.label.data, definition=form.definition.data
        )
    )
    db.session.commit()
    flash(f"Category “{form.label.data}” added.", "success")
    return redirect(url_for("manage.allegation_categories"))
