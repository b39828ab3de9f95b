"""jobs: background jobs with progress and a result; document_blobs: uploaded documents (and
job results) stored in the database by SHA-256. Today's uploaded files under the upload folder
are copied in, each checksum once; the files themselves are left where they are.

Revision ID: 29fd4632d93d
Revises: a7c41e9d2b60
Create Date: 2026-12-06 14:50:00

"""

import os
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "29fd4632d93d"
down_revision = 'a7c41e9d2b60'
branch_labels = None
depends_on = None


def _upload_folder():
    """Where ``store_document`` kept files until now (the app's setting, else the default)."""
    try:
        from flask import current_app

        folder = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    except RuntimeError:  # no app: run outside Flask
        folder = os.environ.get("UPLOAD_FOLDER") or Path(__file__).resolve().parents[2] / "instance" / "uploads"
    return Path(folder)


def upgrade():
    op.create_table(
        "document_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=80), nullable=False),
        sa.Column("location", sa.String(length=16), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("location IN ('database', 's3')", name=op.f("ck_document_blobs_location_choice")),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_document_blobs")),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("result_sha256", sa.String(length=64), nullable=True),
        sa.Column("result_filename", sa.String(length=200), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_jobs_state_choice")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_jobs_owner_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["result_sha256"], ["document_blobs.sha256"], name=op.f("fk_jobs_result_sha256_document_blobs"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("token", name=op.f("uq_jobs_token")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jobs_key"), ["key"], unique=False)
    _move_uploaded_files()


def _move_uploaded_files():
    """Copy each uploaded document into document_blobs once per checksum.

    The checksum is verified: a file whose bytes no longer match its name is not copied (its
    source then answers 404, as a missing file did before), and the count is printed.
    """
    import hashlib
    from datetime import UTC, datetime

    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT DISTINCT document_sha256, document_content_type FROM sources "
            "WHERE document_sha256 IS NOT NULL"
        )
    ).all()
    blobs = sa.table(
        "document_blobs",
        sa.column("sha256"), sa.column("size"), sa.column("content_type"),
        sa.column("location"), sa.column("data"), sa.column("created_at"),
    )
    folder = _upload_folder()
    seen, missing = set(), 0
    for digest, content_type in rows:
        if digest in seen:
            continue
        seen.add(digest)
        path = folder / digest
        data = path.read_bytes() if path.is_file() else None
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            missing += 1
            continue
        bind.execute(
            blobs.insert().values(
                sha256=digest, size=len(data), content_type=content_type or "application/octet-stream",
                location="database", data=data, created_at=datetime.now(UTC),
            )
        )
    if missing:
        print(f"document_blobs: {missing} document(s) not found intact under {folder}")


def downgrade():
    _write_blobs_back()
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_key"))
    op.drop_table("jobs")
    op.drop_table("document_blobs")


def _write_blobs_back():
    """Put every document held in the database back in the upload folder, so none is lost."""
    bind = op.get_bind()
    folder = _upload_folder()
    rows = bind.execute(
        sa.text(
            "SELECT sha256, data FROM document_blobs WHERE data IS NOT NULL AND sha256 IN "
            "(SELECT document_sha256 FROM sources WHERE document_sha256 IS NOT NULL)"
        )
    )
    for digest, data in rows:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / digest
        if not path.exists():
            path.write_bytes(bytes(data))
