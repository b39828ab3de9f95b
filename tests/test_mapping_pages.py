"""The mapping import's pages: upload, suggested mapping, value lists, preset, dry run, import."""

import io
import re

from sqlalchemy import func, select

from tests import factories
from tests.test_mapping_import import FOREIGN
from tracker.models import Complaint, ImportPreset


def _upload(client, text, kind="complaint", preset=""):
    """Upload ``text`` on step 1; the response (a redirect to step 2 when it worked)."""
    data = {"kind": kind, "preset": preset, "file": (io.BytesIO(text.encode()), "ia-log.csv")}
    return client.post("/manage/import/mapping", data=data, content_type="multipart/form-data")


def _selected(page, name):
    """The value selected in the select ``name`` of ``page``."""
    select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)
    found = re.search(
        r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select_html
    )
    return next(group for group in found.groups() if group is not None) if found else ""


def test_a_foreign_spreadsheet_through_the_pages(client, auth, users, db):
    factories.make_officer(publish=True, serial_number="4411", name="Jane Roe")
    db.session.commit()
    auth.login_as(users["editor"])
    assert client.get("/manage/import/mapping").status_code == 200
    response = _upload(client, FOREIGN)
    assert response.status_code == 302
    address = response.headers["Location"]
    page = client.get(address).get_data(as_text=True)
    # Columns suggested from their names; the title column has no name to go by.
    assert _selected(page, "column_0") == "reference_number"
    assert _selected(page, "column_3") == "channel"
    assert "PHONE (1 row)" in page and "Ph. (1 row)" in page and "On-line (1 row)" in page
    form = {
        f"column_{i}": v
        for i, v in enumerate(
            ["reference_number", "filed_on", "complaint_kind", "channel", "officers", "title", ""]
        )
    }
    # The value lists follow the columns (most frequent first), so read them from the page.
    response = client.post(address, data={**form, "apply": "1"})
    page = response.get_data(as_text=True)
    values = {
        name: _selected(page, name) for name in re.findall(r'name="(value_[a-z_]+_\d+)"', page)
    }
    assert set(values.values()) >= {"phone", "in_person", "online", "administrative", "criminal"}
    missing = [name for name, value in values.items() if not value]
    assert missing == [], missing  # every spelling got a suggestion
    response = client.post(address, data={**form, **values, "preset_name": "IA log", "save": "1"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(ImportPreset)) == 1
    response = client.post(address, data={**form, **values, "dry_run": "1"})
    page = response.get_data(as_text=True)
    assert "4 to create" in page and "Import these rows" in page
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0
    response = client.post(address, data={**form, **values, "commit": "1"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 4
    # The saved preset starts the next file's mapping.
    address = _upload(client, FOREIGN, preset="IA log").headers["Location"]
    page = client.get(address).get_data(as_text=True)
    assert _selected(page, "column_5") == "title"


def test_bad_input_is_answered_on_the_page(client, auth, users, db):
    auth.login_as(users["editor"])
    response = client.post("/manage/import/mapping", data={"kind": "complaint"})
    assert "Choose a CSV or XLSX file" in response.get_data(as_text=True)
    address = _upload(client, FOREIGN).headers["Location"]
    # No column mapped to the required title: a message, nothing written.
    response = client.post(address, data={"column_0": "reference_number", "dry_run": "1"})
    assert response.status_code == 200
    assert "required" in response.get_data(as_text=True)
    response = client.post(address, data={"column_0": "title", "save": "1"})
    assert "Give the preset a name" in response.get_data(as_text=True)
    assert client.get(address.replace("kind=complaint", "kind=nothing")).status_code == 404
    binary = _upload(client, "\x00\x01 not a sheet").headers["Location"]
    assert client.get(binary).status_code == 302


def test_a_big_file_goes_to_a_background_job(app, client, auth, users, db):
    factories.make_officer(publish=True, serial_number="4411", name="Jane Roe")
    db.session.commit()
    app.config["IMPORT_INLINE_ROWS"] = 2  # the four rows count as a big file here
    auth.login_as(users["editor"])
    address = _upload(client, FOREIGN, preset="").headers["Location"]
    page = client.get(address).get_data(as_text=True)
    form = {
        name: _selected(page, name)
        for name in re.findall(r'name="((?:column|value)_[a-z_]*\d+)"', page)
    }
    form["column_5"] = "title"
    response = client.post(address, data={**form, "dry_run": "1"})
    assert response.status_code == 303 and "/jobs/" in response.headers["Location"]
    job_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "4 created" in job_page and "dry-run.csv" in job_page
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0
    response = client.post(address, data={**form, "commit": "1"})
    assert response.status_code == 303
    job_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "4 created" in job_page
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 4
