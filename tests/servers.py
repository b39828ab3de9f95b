"""Several app servers in one test process (each its own app, as each gunicorn server is)."""

from tracker import create_app


def servers_sharing_redis(database_url, redis_url, count=2):
    """``count`` apps on one database with the page cache on, sharing one Redis."""
    return [
        create_app(
            {
                "TRACKER_ENV": "testing",
                "SQLALCHEMY_DATABASE_URI": database_url,
                "PAGE_CACHE_ENABLED": True,
                "REDIS_URL": redis_url,
            }
        )
        for _ in range(count)
    ]
