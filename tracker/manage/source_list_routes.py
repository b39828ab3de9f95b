"""The list of sources (search, filter by kind, the records citing each) and correcting one."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from tracker.auth.decorators import volunteer_required
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.source_edit import SourceEditForm, SourceSearchForm
from tracker.manage.services import require
from tracker.manage.sources_routes import _source
from tracker.models import Citation, Source
from tracker.records.sources import can_edit_source, edit_source


@bp.route("/sources/")
@volunteer_required
def sources():
    """Every source, newest first: search title, publisher and address; filter by kind."""
    form = SourceSearchForm(formdata=request.args)
    query = select(Source).order_by(Source.id.desc())
    if form.validate():
        if form.q.data:
            words = form.q.data  # "100%" means those characters: wildcards are escaped
            query = query.where(
                or_(
                    Source.title.icontains(words, autoescape=True),
                    Source.publisher.icontains(words, autoescape=True),
                    Source.url.icontains(words, autoescape=True),
                )
            )
        if form.kind.data:
            query = query.where(Source.source_kind == form.kind.data)
    query = query.options(selectinload(Source.citations).selectinload(Citation.record))
    page = db.paginate(query, per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("manage/sources.html", form=form, page=page)


@bp.route("/sources/<int:source_id>/edit", methods=["GET", "POST"])
@volunteer_required
def edit_source_page(source_id):
    """Correct a source's title, kind, address, publisher, date or notes; kept in its history."""
    source = _source(source_id)
    require(can_edit_source(source))
    form = SourceEditForm(obj=source)
    form.editing_id = source.id
    if form.validate_on_submit():
        if edit_source(source, form.values(), current_user):
            db.session.commit()
            flash("Source corrected; the change is in its history.", "success")
        else:
            flash("Nothing changed.", "info")
        return redirect(url_for("manage.source", source_id=source.id))
    return render_template("manage/source_edit.html", form=form, source=source)
