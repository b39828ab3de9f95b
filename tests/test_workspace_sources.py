"""Sources you can manage: the list, correcting a source with its history, previews, limits."""

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from sqlalchemy import func, select

from tests.documents import image_bytes, upload
from tests.factories import make_case, make_source
from tests.manage_helpers import newest, text
from tracker.extensions import db
from tracker.models import Citation, Source, SourceRevision


@pytest.fixture
def uploads(app, tmp_path):
    """Uploaded documents go to a folder of the test's own."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    return tmp_path


def _pdf_with_text(words):
    """A one-page PDF whose page says ``words``."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 150 Td ({words}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_list_searches_title_publisher_and_address_and_filters_by_kind(client, volunteer):
    case = make_case(title="Stop on Prospect")
    cited = make_source(title="Police report 2021", publisher="KCPD", source_kind="official_record")
    case.citations.append(Citation(source=cited))
    make_source(title="Star article", publisher="Kansas City Star", url="https://kcstar.example/x")
    make_source(title="100% true_story", publisher="Blog")
    db.session.commit()

    page = text(client.get("/manage/sources/"))
    assert "Police report 2021" in page and "Star article" in page
    assert "Stop on Prospect" in page  # which records cite it
    assert "Star article" in text(client.get("/manage/sources/?q=kansas city star"))
    assert "Star article" in text(client.get("/manage/sources/?q=kcstar.example"))
    only_official = text(client.get("/manage/sources/?kind=official_record"))
    assert "Police report 2021" in only_official and "Star article" not in only_official
    wildcard = text(client.get("/manage/sources/?q=100%25"))
    assert "100% true_story" in wildcard and "Star article" not in wildcard
    assert client.get("/manage/sources/?kind=nonsense").status_code == 200


def test_the_list_is_paginated(app, client, volunteer):
    app.config["PER_PAGE"] = 2
    for n in range(5):
        make_source(title=f"Numbered source {n}")
    db.session.commit()
    assert text(client.get("/manage/sources/")).count("Numbered source") == 2
    last = text(client.get("/manage/sources/?page=3"))
    assert last.count("Numbered source") == 1 and "Page 3 of 3" in last


def test_a_volunteer_corrects_their_source_and_it_is_in_its_history(client, volunteer, users, db):
    source = make_source(title="Polce report", created_by_id=volunteer.id)
    db.session.commit()
    url = f"/manage/sources/{source.id}/edit"
    assert "Correct this source" in text(client.get(f"/manage/sources/{source.id}"))
    response = client.post(
        url,
        data={"title": "Police report", "source_kind": "news", "url": source.url},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert source.title == "Police report"
    revision = db.session.scalars(select(SourceRevision)).one()
    assert revision.action == "edited" and revision.user_id == volunteer.id
    assert revision.changes["title"] == ["Polce report", "Police report"]
    page = text(client.get(f"/manage/sources/{source.id}"))
    assert "Polce report" in page and "Edited by" in page


def test_a_bad_address_is_refused_beside_the_field_and_nothing_changes(client, volunteer, db):
    other = make_source(url="https://news.example.org/taken")
    source = make_source(title="Mine", created_by_id=volunteer.id)
    db.session.commit()
    for address, message in (
        ("ftp://x.example/a", "starting with http"),
        (other.url, f"already source #{other.id}"),
    ):
        response = client.post(
            f"/manage/sources/{source.id}/edit",
            data={"title": "Mine renamed", "source_kind": "news", "url": address},
        )
        page = text(response)
        assert response.status_code == 200
        assert message in page.split('id="url-error"', 1)[1].split("</p>", 1)[0]
        assert 'value="Mine renamed"' in page
    db.session.expire_all()
    assert source.title == "Mine"
    assert db.session.scalar(select(func.count()).select_from(SourceRevision)) == 0


def test_who_may_correct_a_source(client, auth, users, db):
    editor_source = make_source(title="Nobody's")
    own = make_source(title="Own", created_by_id=users["volunteer"].id)
    db.session.commit()
    auth.login_as(users["volunteer"])
    assert client.get(f"/manage/sources/{editor_source.id}/edit").status_code == 403
    assert client.get(f"/manage/sources/{own.id}/edit").status_code == 200
    case = make_case(publish=True)
    case.citations.append(Citation(source=own))
    db.session.commit()
    # Once a published record cites it, it is part of the public record: editors correct it.
    assert client.get(f"/manage/sources/{own.id}/edit").status_code == 403
    auth.logout()
    auth.login_as(users["editor"])
    assert client.get(f"/manage/sources/{own.id}/edit").status_code == 200


def test_an_uploaded_image_and_a_pdf_preview_on_the_source_page(client, volunteer, uploads):
    assert upload(client, image_bytes("PNG"), "photo.png", title="Photo").status_code == 302
    photo = newest(Source)
    page = text(client.get(f"/manage/sources/{photo.id}"))
    assert f'<img src="/manage/sources/{photo.id}/document"' in page

    assert upload(client, _pdf_with_text("Officer placed on leave")).status_code == 302
    scan = newest(Source)
    page = text(client.get(f"/manage/sources/{scan.id}"))
    assert "Text of the first page" in page and "Officer placed on leave" in page


def test_an_oversized_upload_is_refused_beside_the_field_with_the_form_kept(
    client, volunteer, uploads, db
):
    big = b"%PDF-1.7\n" + b"0" * (25 * 1024 * 1024)  # over 20 MB, under the request limit
    response = upload(client, big, "big.pdf", title="A big scan", publisher="County")
    page = text(response)
    assert response.status_code == 200
    assert "larger than 20 MB" in page.split('id="document-error"', 1)[1].split("</p>", 1)[0]
    assert 'value="A big scan"' in page and 'value="County"' in page
    assert db.session.scalar(select(func.count()).select_from(Source)) == 0


def test_a_change_of_the_private_notes_shows_only_to_those_who_may_read_them(
    client, auth, users, db
):
    from tracker.records.sources import edit_source

    source = make_source(title="Scan", notes="Old private note", created_by_id=users["editor"].id)
    db.session.commit()
    edit_source(source, {"notes": "New private note"}, users["editor"])
    db.session.commit()
    auth.login_as(users["volunteer"])  # cites nothing of theirs: may not read the notes
    page = text(client.get(f"/manage/sources/{source.id}"))
    assert "(private)" in page and "private note" not in page
    auth.logout()
    auth.login_as(users["editor"])
    page = text(client.get(f"/manage/sources/{source.id}"))
    assert "Old private note" in page and "New private note" in page
