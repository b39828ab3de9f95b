"""The optional S3-compatible store (AWS S3, MinIO, Backblaze B2, ...), through boto3.

boto3 is imported only when ``DOCUMENT_STORE = "s3"``: a tracker that keeps documents in its
database does not need it installed. Settings: ``S3_BUCKET`` (required), ``S3_ENDPOINT_URL``
(for a store other than AWS), ``S3_PREFIX`` (default "documents/"); credentials come the usual
boto3 way (``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY``, or the machine's role).
"""


class S3Store:
    """Objects named ``<prefix><sha256>`` in one bucket."""

    def __init__(self, client, bucket, prefix):
        """Use the boto3 ``client`` on ``bucket``."""
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def put(self, digest, data, content_type):
        """Upload ``data`` under ``digest``."""
        self.client.put_object(
            Bucket=self.bucket, Key=self.prefix + digest, Body=data, ContentType=content_type
        )

    def get(self, digest):
        """The bytes under ``digest``, or None when the bucket does not have them."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + digest)
        except self.client.exceptions.NoSuchKey:
            return None
        return answer["Body"].read()


def s3_store(app):
    """The app's S3 store, made on first use (a clear error when boto3 or the bucket is missing)."""
    store = app.extensions.get("s3_store")
    if store is None:
        bucket = app.config.get("S3_BUCKET")
        if not bucket:
            raise RuntimeError('DOCUMENT_STORE is "s3" but S3_BUCKET is not set.')
        try:
            import boto3
        except ImportError as error:
            raise RuntimeError(
                'DOCUMENT_STORE is "s3": install boto3 (pip install boto3) to use it.'
            ) from error
        client = boto3.client("s3", endpoint_url=app.config.get("S3_ENDPOINT_URL") or None)
        store = S3Store(client, bucket, app.config.get("S3_PREFIX") or "documents/")
        app.extensions["s3_store"] = store
    return store
