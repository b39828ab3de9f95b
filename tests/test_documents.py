"""Uploaded documents: checked whole, served as attachments to those who may read them, and
public once an editor has reviewed them and a published record cites them."""

import re

import pytest

from tests.conftest import make_user
from tests.documents import image_bytes, pdf_bytes, upload
from tests.factories import make_case, make_source
from tests.manage_helpers import newest, separate_sessions, signed_in, text
from tracker.extensions import db
from tracker.models import Case, Citation, Source
from tracker.records.workflow import publish
from tracker.storage import load_blob


@pytest.fixture
def uploads(app, tmp_path):
    """A fresh upload folder for the test."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    return tmp_path


def _draft_case(user, title):
    """A draft case created by ``user``."""
    case = make_case(title=title)
    db.session.flush()
    case.created_by_id = user.id
    db.session.commit()
    return case


def _cite_new_upload(client, case, data=None, filename="scan.pdf"):
    """Upload a document and cite it on ``case``; return its source."""
    response = upload(client, data or pdf_bytes(), filename=filename, record=case)
    assert response.status_code == 302, text(response)
    return newest(Source)


def _assert_served_safely(response, source):
    """An attachment under a generated name, never sniffed or rendered as a page."""
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename={source.document_download_name}"
    )
    assert re.fullmatch(r"source-\d+\.(pdf|png|jpg)", source.document_download_name)
    assert response.headers["Content-Type"] == source.document_content_type
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    directives = [d.strip() for d in response.headers["Content-Security-Policy"].split(";")]
    assert "sandbox" in directives


# What is accepted and refused.


def test_a_16_byte_fake_pdf_is_refused_beside_the_field_with_the_form_kept(
    client, auth, users, uploads
):
    auth.login_as(users["volunteer"])
    fake = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\n"
    assert len(fake) == 16
    response = upload(client, fake, title="Kept title", publisher="Kept publisher")
    assert response.status_code == 200
    page = text(response)
    error = re.search(r'<p class="error" id="document-error">([^<]*)</p>', page)
    assert error, "the refusal is shown beside the document field"
    assert "This PDF could not be read" in error.group(1)
    assert 'value="Kept title"' in page
    assert 'value="Kept publisher"' in page
    assert db.session.query(Source).count() == 0
    assert list(uploads.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (pdf_bytes()[:-60], "This PDF could not be read"),
        (pdf_bytes(pages=3)[:300], "This PDF could not be read"),
        (pdf_bytes(pages=0), "This PDF has no pages"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "This image could not be read"),
        (image_bytes("PNG")[:-20], "This image could not be read"),
        (image_bytes("JPEG")[:200], "This image could not be read"),
        (b"\xff\xd8\xff" + image_bytes("PNG"), "This image could not be read"),
    ],
    ids=["pdf-cut", "pdf-half", "pdf-no-page", "png-header", "png-cut", "jpeg-cut", "polyglot"],
)
def test_damaged_documents_are_refused(client, auth, users, uploads, data, message):
    auth.login_as(users["volunteer"])
    response = upload(client, data)
    assert response.status_code == 200
    assert message in text(response)
    assert db.session.query(Source).count() == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"javascript": True}, "contains JavaScript"),
        ({"launch": True}, "contains an action that launches a program"),
        ({"attachment": True}, "contains an embedded file"),
        ({"password": "secret"}, "This PDF is encrypted"),
        ({"password": ""}, "This PDF is encrypted"),  # copy protection only
    ],
    ids=["javascript", "launch", "embedded-file", "password", "owner-password"],
)
def test_active_or_encrypted_pdfs_are_refused(client, auth, users, uploads, options, message):
    auth.login_as(users["volunteer"])
    response = upload(client, pdf_bytes(**options))
    assert response.status_code == 200
    assert message in text(response)
    assert "Print it to a new PDF" in text(response)
    assert db.session.query(Source).count() == 0


def test_a_pdf_too_slow_to_check_is_refused(client, auth, users, uploads, monkeypatch):
    monkeypatch.setattr("tracker.records.documents.PDF_CHECK_SECONDS", -1)
    auth.login_as(users["volunteer"])
    assert "too complex to check" in text(upload(client, pdf_bytes()))
    assert db.session.query(Source).count() == 0


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (pdf_bytes(pages=2), "application/pdf"),
        (image_bytes("PNG"), "image/png"),
        (image_bytes("JPEG"), "image/jpeg"),
    ],
)
def test_whole_documents_are_kept(client, auth, users, uploads, data, content_type):
    auth.login_as(users["volunteer"])
    response = upload(client, data, filename="anything.bin")
    source = newest(Source)
    assert response.headers["Location"] == f"/manage/sources/{source.id}"
    assert source.document_content_type == content_type
    assert source.created_by_id == users["volunteer"].id
    assert load_blob(source.document_sha256) == data  # in the document store, whole


# How and to whom the workspace serves them.


def test_evil_html_is_served_as_an_attachment_under_a_generated_name(client, auth, users, uploads):
    auth.login_as(users["volunteer"])
    # A real PDF with a page of HTML after its end: a browser that sniffed it would run it.
    evil = pdf_bytes() + b"\n<html><script>alert(document.cookie)</script></html>\n"
    response = upload(client, evil, filename="evil.html")
    assert response.status_code == 302
    source = newest(Source)
    assert source.document_filename == "evil.html"  # kept for the workspace, never served
    response = client.get(f"/manage/sources/{source.id}/document")
    _assert_served_safely(response, source)
    assert response.headers["Content-Disposition"] == f"attachment; filename=source-{source.id}.pdf"
    assert "evil" not in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    assert response.data == evil


def test_a_volunteer_cannot_download_another_volunteers_draft_only_document(app, users, uploads):
    separate_sessions(app)
    other_user = make_user("volunteer", email="other@example.org")
    author = signed_in(app, "volunteer@example.org")
    other = signed_in(app, "other@example.org")
    editor = signed_in(app, "editor@example.org")
    case = _draft_case(users["volunteer"], "Author's draft")
    source = _cite_new_upload(author, case)
    url = f"/manage/sources/{source.id}/document"

    assert author.get(url).status_code == 200
    assert editor.get(url).status_code == 200
    assert other.get(url).status_code == 403
    # Not offered on the draft or the source page either, but the source's facts are.
    assert url not in text(other.get(f"/manage/case/{case.id}"))
    source_page = text(other.get(f"/manage/sources/{source.id}"))
    assert url not in source_page
    assert "scan.pdf" not in source_page  # the uploader's file name is not theirs to read
    assert "Author&#39;s draft" in source_page
    # Citing it on one's own draft would hand it over: refused.
    own = _draft_case(other_user, "Other's draft")
    page = text(
        other.post(
            f"/manage/case/{own.id}/citations",
            data={"source": f"#{source.id}"},
            follow_redirects=True,
        )
    )
    assert "you cannot cite it yet" in page
    assert db.session.query(Citation).filter_by(record_id=own.id).count() == 0

    # Once a record citing it is published, every volunteer may read it.
    publish(db.session.get(Case, case.id))
    db.session.commit()
    assert other.get(url).status_code == 200


def test_an_uncited_upload_is_read_only_by_its_uploader_and_editors(app, users, uploads):
    separate_sessions(app)
    make_user("volunteer", email="other@example.org")
    uploader = signed_in(app, "volunteer@example.org")
    other = signed_in(app, "other@example.org")
    editor = signed_in(app, "editor@example.org")
    upload(uploader, image_bytes("JPEG"), filename="photo.jpeg")
    source = newest(Source)
    url = f"/manage/sources/{source.id}/document"
    _assert_served_safely(uploader.get(url), source)
    assert uploader.get(url).headers["Content-Disposition"].endswith(f"source-{source.id}.jpg")
    assert editor.get(url).status_code == 200
    assert other.get(url).status_code == 403
    assert other.get(f"/manage/sources/{source.id}").status_code == 200


# Public once reviewed.


def _published_case_citing_a_document(app, users):
    """A volunteer's case citing an uploaded PDF, published by an editor; returns both."""
    volunteer = signed_in(app, "volunteer@example.org")
    case = _draft_case(users["volunteer"], "Published with a document")
    source = _cite_new_upload(volunteer, case)
    publish(db.session.get(Case, case.id))
    db.session.commit()
    return case, source


def test_the_public_document_is_404_before_review_and_200_after(app, users, uploads):
    separate_sessions(app)
    case, source = _published_case_citing_a_document(app, users)
    public = app.test_client()
    document = f"/sources/{source.id}/document"

    page = public.get(f"/sources/{source.id}")
    assert page.status_code == 200
    assert "once an editor has checked it for private data" in text(page)
    assert document not in text(page)
    assert public.get(document).status_code == 404

    volunteer = signed_in(app, "volunteer@example.org")
    review = f"/manage/sources/{source.id}/review"
    assert volunteer.post(review, data={"reviewed": "yes"}).status_code == 403
    editor = signed_in(app, "editor@example.org")
    assert "Documents to review for private data" in text(editor.get("/manage/"))
    assert f"/manage/sources/{source.id}" in text(editor.get("/manage/"))
    response = editor.post(review, data={"reviewed": "yes"}, follow_redirects=True)
    assert "Document marked reviewed for private data" in text(response)
    assert f"/manage/sources/{source.id}" not in text(editor.get("/manage/"))

    response = public.get(document)
    _assert_served_safely(response, source)
    assert response.data == load_blob(source.document_sha256)
    assert document in text(public.get(f"/sources/{source.id}"))

    editor.post(review, data={"reviewed": "no"})
    assert public.get(document).status_code == 404


def test_the_review_is_recorded_in_the_sources_history(app, users, uploads):
    separate_sessions(app)
    _, source = _published_case_citing_a_document(app, users)
    editor = signed_in(app, "editor@example.org")
    review = f"/manage/sources/{source.id}/review"
    editor.post(review, data={"reviewed": "yes"})
    page = text(editor.post(review, data={"reviewed": "yes"}, follow_redirects=True))
    assert "Nothing changed" in page  # a second click records nothing more
    editor.post(review, data={"reviewed": "no"})

    db.session.expire_all()
    source = db.session.get(Source, source.id)
    assert [(r.action, r.user_id) for r in source.revisions] == [
        ("document_reviewed", users["editor"].id),
        ("document_unreviewed", users["editor"].id),
    ]
    assert source.document_reviewed_at is None
    page = text(editor.get(f"/manage/sources/{source.id}"))
    assert "Document marked reviewed for private data by Editor" in page
    assert "Document review withdrawn by Editor" in page


def test_a_source_without_a_document_cannot_be_reviewed(client, auth, users):
    source = make_source()
    db.session.commit()
    auth.login_as(users["editor"])
    page = text(
        client.post(
            f"/manage/sources/{source.id}/review", data={"reviewed": "yes"}, follow_redirects=True
        )
    )
    assert "no uploaded document" in page
    assert db.session.get(Source, source.id).revisions == []


def test_a_source_cited_only_by_drafts_is_never_public(app, users, uploads):
    separate_sessions(app)
    volunteer = signed_in(app, "volunteer@example.org")
    editor = signed_in(app, "editor@example.org")
    case = _draft_case(users["volunteer"], "Draft citing a document")
    source = _cite_new_upload(volunteer, case)
    editor.post(f"/manage/sources/{source.id}/review", data={"reviewed": "yes"})
    assert db.session.get(Source, source.id).document_reviewed
    public = app.test_client()
    for path in (f"/sources/{source.id}", f"/sources/{source.id}/document"):
        assert public.get(path).status_code == 404, path
        assert editor.get(path).status_code == 404, path  # the public page, whoever asks
    # Published, then unpublished: gone again.
    case = db.session.get(Case, case.id)
    publish(case)
    db.session.commit()
    assert public.get(f"/sources/{source.id}/document").status_code == 200
    editor.post(f"/manage/case/{case.id}/unpublish", data={"confirmed": "yes"})
    assert public.get(f"/sources/{source.id}").status_code == 404
    assert public.get(f"/sources/{source.id}/document").status_code == 404


def test_the_public_source_page_lists_only_published_records(client):
    source = make_source(title="Police report 7", publisher="KCPD", notes="private note")
    published = make_case(publish=True, title="The published case")
    published.citations.append(Citation(source=source))
    draft = make_case(title="A draft nobody may see")
    draft.citations.append(Citation(source=source))
    db.session.commit()
    page = text(client.get(f"/sources/{source.id}"))
    assert "Police report 7" in page
    assert "KCPD" in page
    assert f'href="/cases/{published.id}-{published.slug}"' in page
    assert "A draft nobody may see" not in page
    assert "private note" not in page
    assert "Document" not in page  # no upload, no document section


def test_public_pages_link_each_source_to_its_page(client):
    case = make_case(publish=True)
    db.session.commit()
    source = case.citations[0].source
    page = text(client.get(f"/cases/{case.id}"))
    assert f'<a href="/sources/{source.id}">{source.title}</a>' in page
    assert f'href="{source.url}"' in page
    assert client.get(f"/sources/{source.id}").status_code == 200


def test_a_new_document_on_a_source_needs_a_new_review(users):
    source = make_source(
        document_path="uploads/" + "a" * 64,
        document_sha256="a" * 64,
        document_content_type="application/pdf",
        document_size=10,
    )
    db.session.flush()
    source.document_reviewed_at = source.created_at
    db.session.commit()
    assert source.document_reviewed
    source.document_sha256 = "b" * 64
    source.document_path = "uploads/" + "b" * 64
    assert not source.document_reviewed
    db.session.commit()
