"""The mapping import pages (editors and admins): upload any spreadsheet and map it.

Map its columns and values, save the mapping as a preset, dry-run it, import it. Big files go
to a background job.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.utils import secure_filename

from tracker.auth.decorators import editor_required
from tracker.extensions import db
from tracker.imports import bp
from tracker.imports.background import UPLOAD_TYPE, start_mapped_job, store_upload, stored_file
from tracker.imports.fields import targets
from tracker.imports.kinds import importable_kinds
from tracker.imports.mapped import run_mapped
from tracker.imports.mapping import Mapping, MappingError, suggest_columns, suggest_value
from tracker.imports.mapping_forms import MappingUploadForm, mapping_form
from tracker.imports.presets import load_preset, preset_names, save_preset
from tracker.imports.services import ImportFailed
from tracker.imports.sheets import SheetError, rows
from tracker.imports.survey import survey
from tracker.models import DocumentBlob


@bp.route("/manage/import/mapping", methods=["GET", "POST"])
@editor_required
def mapping_upload():
    """Step 1: upload a CSV or XLSX file of any layout."""
    form = MappingUploadForm(preset_names())
    if form.validate_on_submit():
        upload = form.file.data
        limit = current_app.config["IMPORT_MAPPED_MAX_BYTES"]
        data = upload.read(limit + 1) if upload and getattr(upload, "filename", "") else b""
        if not data:
            form.file.errors.append("Choose a CSV or XLSX file to read.")
        elif len(data) > limit:
            form.file.errors.append(f"The file is larger than {limit // 1024 // 1024} MB.")
        else:
            return redirect(
                url_for(
                    "imports.mapping",
                    token=store_upload(data),
                    kind=form.kind.data,
                    preset=form.preset.data or None,
                    filename=secure_filename(upload.filename) or "upload.csv",
                )
            )
    return render_template("imports/mapping_upload.html", form=form)


@bp.route("/manage/import/mapping/<token>", methods=["GET", "POST"])
@editor_required
def mapping(token):
    """Step 2: map the columns and values, then save, check or import."""
    blob = db.session.get(DocumentBlob, token)
    kind = request.args.get("kind", "")
    if blob is None or blob.content_type != UPLOAD_TYPE or kind not in importable_kinds():
        abort(404)
    filename = secure_filename(request.args.get("filename", "")) or "upload.csv"
    with stored_file(token) as path:
        try:
            return _mapping_page(token, kind, filename, path)
        except SheetError as error:
            flash(str(error), "error")
            return redirect(url_for("imports.mapping_upload"))


def _mapping_page(token, kind, filename, path):
    """The mapping page of the stored file at ``path``."""
    fields = targets(kind)
    headers = [str(cell).strip() for cell in next(rows(path), [])]
    start = _starting_mapping(kind, headers)
    # The columns as chosen (the submitted selects, else the preset or the suggestions) say
    # which values are listed; the full form then holds those too.
    columns_form = mapping_form(fields, headers, {})(data=_column_data(headers, start))
    columns = {h: getattr(columns_form, f"column_{i}").data or "" for i, h in enumerate(headers)}
    current = Mapping(kind, columns, start.values, start.ids, start.separators, start.day_first)
    headers, total, values = survey(path, current)
    form = mapping_form(fields, headers, values)(data=_form_data(headers, current, values, fields))
    run = None
    if form.validate_on_submit():
        chosen = _chosen(form, kind, headers, values, start)
        try:
            chosen.check()
        except MappingError as error:
            flash(str(error), "error")
            chosen = None
        saved = _save(form, chosen) if chosen is not None and form.save.data else None
        if saved is not None:
            return saved
        if chosen is not None and (form.dry_run.data or form.commit.data):
            write = bool(form.commit.data)
            if total > current_app.config["IMPORT_INLINE_ROWS"]:
                job = start_mapped_job(
                    chosen, token, filename, form.update_existing.data, write, current_user
                )
                return redirect(url_for("jobs.detail", token=job.token), code=303)
            run = _run_inline(chosen, path, filename, form.update_existing.data, write)
            if run is not None and run.written:
                return redirect(url_for("imports.mapping_upload"))
    return render_template(
        "imports/mapping.html",
        form=form,
        headers=headers,
        total=total,
        values=values,
        fields=fields,
        run=run,
        filename=filename,
    )


def _starting_mapping(kind, headers):
    """The preset named in the address, else suggestions from the column names."""
    name = request.args.get("preset")
    if name:
        try:
            preset = load_preset(name)
            if preset.kind == kind:
                return preset
            flash(f'The preset "{name}" is for {preset.kind}; suggesting instead.', "error")
        except MappingError as error:
            flash(str(error), "error")
    return Mapping(kind, suggest_columns(kind, headers))


def _column_data(headers, mapping):
    """The column selects' starting values."""
    return {f"column_{i}": mapping.columns.get(h, "") for i, h in enumerate(headers)}


def _form_data(headers, mapping, values, fields):
    """Every select's starting value: the mapping's, else a suggestion."""
    data = _column_data(headers, mapping)
    data["day_first"] = mapping.day_first
    for target, listed in values.items():
        known = mapping.values.get(target, {})
        for index, (spelling, shown, _) in enumerate(listed):
            guess = known.get(spelling) or suggest_value(shown, fields[target].choices)
            data[f"value_{target}_{index}"] = guess
    return data


def _chosen(form, kind, headers, values, start):
    """The ``Mapping`` the submitted form describes."""
    columns = {h: getattr(form, f"column_{i}").data or "" for i, h in enumerate(headers)}
    chosen_values = {}
    for target, listed in values.items():
        for index, (spelling, _, _) in enumerate(listed):
            key = getattr(form, f"value_{target}_{index}").data
            if key:
                chosen_values.setdefault(target, {})[spelling] = key
    ids = [target for target in start.ids if target in columns.values()]
    return Mapping(kind, columns, chosen_values, ids, start.separators, form.day_first.data)


def _save(form, chosen):
    """Save the mapping as the named preset, and come back to this page with it."""
    name = (form.preset_name.data or "").strip()
    if not name:
        form.preset_name.errors.append("Give the preset a name.")
        return None
    try:
        save_preset(chosen, name, current_user)
    except MappingError as error:
        form.preset_name.errors.append(str(error))
        return None
    flash(f'Saved the mapping as the preset "{name}".', "success")
    return redirect(
        url_for("imports.mapping", **{**request.view_args, **request.args, "preset": name})
    )


def _run_inline(chosen, path, filename, update_existing, write):
    """Dry-run or import a small file in the request; flash what an import did."""
    try:
        run = run_mapped(chosen, path, filename, update_existing, write=write)
    except ImportFailed as error:
        flash(str(error), "error")
        return None
    if run.written:
        flash(
            f"Imported from {filename}: {run.counts['create']} created and "
            f"{run.counts['update']} updated, as drafts awaiting review.",
            "success",
        )
    return run
