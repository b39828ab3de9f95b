"""Documents every server can serve: stored in the database by SHA-256 (or an S3-compatible
bucket), never on one server's disk; the migration that moves today's files, one per checksum."""

import hashlib

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from tests.documents import pdf_bytes, upload
from tracker.models import DocumentBlob, Source
from tracker.storage import load_blob, save_blob
from tracker.storage.s3 import S3Store

PREVIOUS = "863b190aa79f"  # the revision before document_blobs


@pytest.fixture
def uploads(app, tmp_path):
    """An upload folder that must stay empty: documents go to the database now."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def test_an_upload_is_stored_in_the_database_and_served_from_it(client, auth, users, db, uploads):
    data = pdf_bytes(pages=2)
    auth.login_as(users["volunteer"])
    upload(client, data, filename="scan.pdf")
    source = db.session.scalar(select(Source).order_by(Source.id.desc()))
    blob = db.session.get(DocumentBlob, source.document_sha256)
    assert blob.location == "database" and blob.size == len(data)
    assert bytes(blob.data) == data and blob.content_type == "application/pdf"
    assert not uploads.exists() or not any(uploads.iterdir())  # nothing on this server's disk
    served = client.get(f"/manage/sources/{source.id}/document")
    assert served.status_code == 200 and served.data == data


def test_the_same_bytes_are_stored_once(app, db):
    first = save_blob(b"%PDF-1.7 same bytes", "application/pdf")
    second = save_blob(b"%PDF-1.7 same bytes", "application/pdf")
    db.session.commit()
    assert first == second == hashlib.sha256(b"%PDF-1.7 same bytes").hexdigest()
    assert db.session.scalar(select(func.count()).select_from(DocumentBlob)) == 1
    assert load_blob(first) == b"%PDF-1.7 same bytes"
    assert load_blob("0" * 64) is None and load_blob(None) is None


class FakeS3Client:
    """The two calls S3Store makes, on a dict."""

    class exceptions:  # noqa: N801 (boto3's spelling)
        class NoSuchKey(Exception):  # noqa: N818
            """boto3's missing-object error."""

    def __init__(self):
        """Start with an empty bucket."""
        self.objects = {}

    def put_object(self, Bucket, Key, Body, ContentType):  # noqa: N803 (boto3's names)
        """Keep the object."""
        self.objects[(Bucket, Key)] = (Body, ContentType)

    def get_object(self, Bucket, Key):  # noqa: N803
        """Return the object, or raise NoSuchKey."""
        import io

        if (Bucket, Key) not in self.objects:
            raise self.exceptions.NoSuchKey(Key)
        return {"Body": io.BytesIO(self.objects[(Bucket, Key)][0])}


def test_with_s3_the_bytes_go_to_the_bucket_and_the_row_describes_them(app, db):
    client = FakeS3Client()
    app.config.update(DOCUMENT_STORE="s3", S3_BUCKET="tracker-documents")
    app.extensions["s3_store"] = S3Store(client, "tracker-documents", "documents/")
    digest = save_blob(b"\x89PNG\r\n\x1a\n an image", "image/png")
    db.session.commit()
    blob = db.session.get(DocumentBlob, digest)
    assert blob.location == "s3" and blob.data is None and blob.size == 17
    assert client.objects[("tracker-documents", f"documents/{digest}")][1] == "image/png"
    assert load_blob(digest) == b"\x89PNG\r\n\x1a\n an image"


def test_s3_without_a_bucket_says_what_is_missing(app):
    app.config.update(DOCUMENT_STORE="s3", S3_BUCKET=None)
    app.extensions.pop("s3_store", None)
    with pytest.raises(RuntimeError, match="S3_BUCKET is not set"):
        save_blob(b"data", "application/pdf")


def _insert_source(db, number, digest):
    """A source row with an uploaded document, as the previous schema held it."""
    db.session.execute(
        text(
            "INSERT INTO sources (title, source_kind, document_path, document_filename, "
            "document_content_type, document_size, document_sha256, created_at, updated_at) "
            "VALUES (:title, 'official_record', :path, 'scan.pdf', 'application/pdf', 10, "
            ":digest, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ),
        {"title": f"Document {number}", "path": f"uploads/{digest}", "digest": digest},
    )


def test_the_migration_moves_todays_files_once_per_checksum(app, db, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    app.config["UPLOAD_FOLDER"] = str(folder)
    good = [pdf_bytes(pages=n) for n in (1, 2)]
    digests = [hashlib.sha256(data).hexdigest() for data in good]
    for digest, data in zip(digests, good, strict=True):
        (folder / digest).write_bytes(data)
    damaged = hashlib.sha256(b"the original").hexdigest()
    (folder / damaged).write_bytes(b"not the original")
    missing = hashlib.sha256(b"never written").hexdigest()
    db.session.remove()
    downgrade(revision=PREVIOUS)
    for number, digest in enumerate([*digests, damaged, missing]):
        _insert_source(db, number, digest)
    db.session.commit()
    upgrade()
    stored = {blob.sha256: blob for blob in db.session.scalars(select(DocumentBlob))}
    assert set(stored) == set(digests)  # each intact file once; damaged and missing ones not
    assert [load_blob(digest) for digest in digests] == good
    # Downgrading writes them back to the folder, so nothing is lost either way.
    for digest in digests:
        (folder / digest).unlink()
    db.session.remove()
    downgrade(revision=PREVIOUS)
    assert [(folder / digest).read_bytes() for digest in digests] == good
    db.session.execute(text("DELETE FROM sources"))
    db.session.commit()
    upgrade()
