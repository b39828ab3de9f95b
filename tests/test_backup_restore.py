"""Backup and restore, as the README tells an operator to do it, on SQLite and PostgreSQL.

The demo data plus an uploaded document are backed up (``pg_dump`` on PostgreSQL), restored into
a new database and upload folder (``pg_restore``), and ``backup-check`` passes; the restored site
then serves the same public pages and the same document. A damaged restore fails the check.
"""

import hashlib
import json
import re
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker import create_app
from tracker.extensions import db as _db
from tracker.models import Citation, Source

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def restore_url(database_url, tmp_path):
    """A new, empty database on the same server as the test database; dropped afterwards."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"tracker_restore_{uuid.uuid4().hex[:12]}"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def _public_urls(client):
    """Every public page reachable from the front page and the open data (not the PDFs)."""
    seen, frontier = [], ["/", "/data", "/feed.xml", "/search?q=stokes"]
    while frontier and len(seen) < 80:
        url = frontier.pop(0)
        if url in seen:
            continue
        seen.append(url)
        # Images (the favicon, link-preview cards) are compared too, but hold no links.
        body = client.get(url).get_data().decode("utf-8", "replace")
        for link in re.findall(r'href="(/[^"#]*)"', body):
            link = link.replace("&amp;", "&")
            # PDFs state when they were generated, so they differ on every render.
            skip = link.startswith(("/static/", "/manage", "/login", "/account"))
            if not skip and not link.endswith(".pdf"):
                frontier.append(link)
    return seen


def _page(client, url):
    """The status and body of a page; the moment a JSON export was generated is left out."""
    response = client.get(url)
    body = response.get_data()
    if response.mimetype == "application/json" and b"generated_at" in body:
        data = json.loads(body)
        data.pop("generated_at", None)
        body = json.dumps(data, sort_keys=True).encode()
    return response.status_code, body


def test_backup_restore_and_check_give_the_same_site(app, demo, runner, restore_url, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    digest = hashlib.sha256(PDF).hexdigest()
    (tmp_path / "uploads" / digest).write_bytes(PDF)
    source = Source(
        title="A court filing",
        source_kind="court_filing",
        document_path=f"uploads/{digest}",
        document_filename="filing.pdf",
        document_content_type="application/pdf",
        document_size=len(PDF),
        document_sha256=digest,
    )
    _db.session.add(source)
    from tracker.models import Case

    case = _db.session.query(Case).filter_by(status="published").first()
    case.citations.append(Citation(source=source))
    _db.session.commit()

    backup = tmp_path / "backup"
    result = runner.invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    assert (backup / "database.dump").stat().st_size > 0
    assert (backup / "uploads" / digest).read_bytes() == PDF
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["records"] > 10 and digest in manifest["documents"]

    restored = create_app(
        {
            "TRACKER_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": restore_url,
            "UPLOAD_FOLDER": str(tmp_path / "restored-uploads"),
        }
    )
    restored_runner = restored.test_cli_runner()
    with restored.app_context():  # the commands act on the app whose context is current
        result = restored_runner.invoke(args=["restore", str(backup)])
        assert result.exit_code == 0, result.output
        result = restored_runner.invoke(args=["backup-check", str(backup)])
        assert result.exit_code == 0, result.output
        assert "The site matches the backup" in result.output

    # The restored site serves the same public pages as the original.
    original, copy = app.test_client(), restored.test_client()
    urls = _public_urls(original)
    assert len(urls) >= 30
    different = [url for url in urls if _page(original, url) != _page(copy, url)]
    assert not different, different
    with restored.app_context():
        _db.session.remove()
    assert (tmp_path / "restored-uploads" / digest).read_bytes() == PDF

    # A restore missing a document, or a row, fails the check and says what differs.
    (tmp_path / "restored-uploads" / digest).unlink()
    with restored.app_context():
        _db.session.execute(
            text("DELETE FROM demand_links WHERE id = (SELECT min(id) FROM demand_links)")
        )
        _db.session.commit()
        result = restored_runner.invoke(args=["backup-check", str(backup)])
        _db.session.remove()
        _db.engine.dispose()
    assert result.exit_code != 0
    assert f"document {digest} is missing" in result.output
    assert "table demand_links" in result.output


def test_restore_refuses_a_database_that_is_not_empty(app, demo, runner, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    backup = tmp_path / "backup"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code != 0 and "not empty" in result.output
    assert runner.invoke(args=["backup-check", str(backup)]).exit_code == 0
