"""Settings for each environment, read from the process environment.

``TRACKER_ENV`` picks the class (development, testing, production); ``DATABASE_URL``,
``SECRET_KEY``, ``REDIS_URL`` and ``TRUSTED_PROXIES`` override the defaults. Nothing here
touches the disk or the network: the application factory turns these values into running
services.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def normalise_database_url(url):
    """Return ``url`` with the driver SQLAlchemy needs for PostgreSQL (psycopg 3)."""
    # Hosting platforms still hand out the old "postgres://" scheme; psycopg 3 needs its own.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = None
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'tracker.db'}"
    SQLALCHEMY_ENGINE_OPTIONS = {}
    # PostgreSQL: a pooled connection is pinged on checkout only when the server left something
    # on its socket (its goodbye after a restart) or when it sat in the pool longer than this
    # (seconds). pool_pre_ping's round trip on every checkout was a fixed cost of every page
    # (tracker/connections.py).
    DATABASE_PING_IDLE_SECONDS = 30
    # PostgreSQL: psycopg prepares a statement on the server once it ran this many times on a
    # connection (0: never). A prepared page statement is planned once per connection, not per
    # request: the planning of a page's statements was most of the server's time on a page
    # (tracker/connections.py). POSTGRESQL_PREPARE_THRESHOLD=0 turns it off.
    POSTGRESQL_PREPARE_THRESHOLD = 5
    # PostgreSQL: parallel workers per query (max_parallel_workers_per_gather) on the app's
    # connections; None keeps the server's. A page's queries are small, and starting workers
    # cost more than they saved (tracker/__init__.py, _parallel_workers).
    POSTGRESQL_PARALLEL_WORKERS = 0
    REDIS_URL = None
    # A form's CSRF token is good for 8 hours after the page was loaded. That is a working day
    # of slowly typing a long narrative into one open form, so a volunteer does not lose a save
    # to it, while a token that leaked (from a cached page, a log, a shared screen) stops working
    # the same day instead of lasting as long as the session. An expired token gets a page that
    # says so (go back, reload, send again): ``csrf_failed`` in ``tracker/auth/routes.py``.
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    # How many reverse proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto
    # (0: none, the client connects directly). Werkzeug's ProxyFix then takes the client's
    # address from the header the nearest N proxies wrote, so rate limits count each visitor,
    # not the proxy. Never count more proxies than there are: a client could then name its own
    # address. See "Security" in the README.
    TRUSTED_PROXIES = 0
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # A whole request: well above the 20 MB a file may have, so a file too large is refused
    # beside its field by UPLOAD_MAX_BYTES, with the form kept, not by a bare 413 page.
    MAX_CONTENT_LENGTH = 64 * 1024 * 1024
    UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    PER_PAGE = 25
    # The day pages count from (what is due, overdue, next): None is the clock's; a date or an
    # ISO date string fixes it (tests, a demo of a given day).
    TODAY = None
    CALENDAR_DAYS_AHEAD = 90  # how far ahead the calendar page and .ics feeds look
    CALENDAR_TIME_ZONE = "America/Chicago"  # where hearings and meetings take place
    CALENDAR_UID_DOMAIN = "kc-police-tracker"  # the right side of every .ics event's UID
    FEED_SIZE = 30  # entries in /feed.xml
    # Addresses per sitemap file; past it /sitemap.xml becomes an index of /sitemap-<n>.xml
    # parts (the sitemap protocol allows 50,000 addresses and 50 MB a file).
    SITEMAP_PART_SIZE = 10_000
    SITE_NAME = "KC Police Accountability Tracker"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per 15 minutes"  # failed sign-ins per address and per account
    CASES_REPORT_RATE_LIMIT = "30 per minute"  # multi-case PDF reports per client
    REPORT_CACHE_DIR = None  # None: instance/report-cache (when Redis is not used)
    UPLOAD_FOLDER = None  # None: instance/uploads
    IMPORT_MAX_ROWS = 5000  # rows of one CSV import
    IMPORT_MAX_BYTES = 2 * 1024 * 1024  # size of one CSV import
    # The Washington Post's Fatal Force files (`flask fatal-force reconcile`, /manage/fatal-force)
    FATAL_FORCE_DIR = os.environ.get("FATAL_FORCE_DIR") or str(
        BASE_DIR.parent / "shared" / "data" / "fatal-force"
    )
    FATAL_FORCE_AGENCY = 201  # the Post's agency the workspace page opens on (KCPD, Missouri)
    # Background jobs (tracker/jobs, Huey): on JOBS_REDIS_URL or REDIS_URL when set, else on a
    # SQLite file under instance/ that `make run`'s worker reads.
    JOBS_REDIS_URL = None
    JOBS_QUEUE_FILE = None  # None: instance/jobs-queue.db
    # Progress files of running jobs (read while SQLite's write lock is held); None:
    # instance/job-progress. Web servers and workers must share it.
    JOBS_PROGRESS_DIR = None
    JOBS_IMMEDIATE = False  # run a job inside the request that queues it (tests)
    JOBS_HEARTBEAT_SECONDS = 15  # a running job says it is alive this often
    JOBS_STALE_SECONDS = 120  # ... and counts as failed (retry) when silent this long
    CASES_REPORT_INLINE = 50  # a multi-case report of more cases is rendered by a job
    OFFICER_REPORT_INLINE = 200  # the PDF of an officer on more cases is rendered by a job
    IMPORT_INLINE_ROWS = 500  # an import of more rows is written by a job
    IMPORT_MAPPED_MAX_BYTES = (
        60 * 1024 * 1024
    )  # one spreadsheet of the mapping import (under MAX_CONTENT_LENGTH)
    # Search (tracker/search): past SEARCH_COUNT_CAP matches a search says "more than 1,000";
    # at most SEARCH_RANK_CANDIDATES matches (never fewer than the cap, so every page the count
    # promises has hits) are ranked for a page of a common word.
    SEARCH_COUNT_CAP = 1000
    SEARCH_RANK_CANDIDATES = 1000
    # Uploaded documents and job results (tracker/storage): "database" (one backup holds
    # everything) or "s3" (an S3-compatible bucket, with boto3 installed).
    DOCUMENT_STORE = "database"
    S3_BUCKET = None
    S3_ENDPOINT_URL = None  # for MinIO, Backblaze, ...; None: AWS
    S3_PREFIX = "documents/"
    # The readers' page cache (tracker/pagecache): public pages and API answers of the data as
    # it is now, in Redis when REDIS_URL is set, else in each process.
    PAGE_CACHE_ENABLED = True  # PAGE_CACHE_ENABLED=0: every page built per request (benchmarks)
    PAGE_CACHE_MAX_AGE = 60  # seconds a proxy or CDN may serve a public page without asking
    PAGE_CACHE_REDIS_URL = None  # None: REDIS_URL
    PAGE_CACHE_MAX_ENTRIES = 2000  # in-process cache size per process: at most this many pages
    # ... and at most this many bytes of them (64 MB): what bounds a worker's memory between the
    # recycles of gunicorn's max_requests (gunicorn.conf.py), whatever the pages weigh.
    PAGE_CACHE_MAX_BYTES = 64 * 1024 * 1024
    # How long each process may reuse the data stamp it last read (seconds; 0: read it on every
    # request). A commit in this process forgets it at once; another server's or a worker's
    # change is seen within this time, well inside PAGE_CACHE_MAX_AGE, the time a proxy or CDN
    # may already serve a page after a change (tracker/pagecache/stamp.py).
    PAGE_CACHE_STAMP_SECONDS = 1
    # Headers on every response (tracker/security/headers.py). No inline script, style or
    # event handler anywhere: scripts and styles come from /static only.
    CONTENT_SECURITY_POLICY = {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
    # PDFs: Chrome's built-in viewer is refused by object-src 'none' and inline-style limits.
    PDF_CONTENT_SECURITY_POLICY = {"frame-ancestors": ["'none'"]}
    SECURITY_HEADERS = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",  # a record's address never leaves for a source's site
        "Permissions-Policy": (
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
            "microphone=(), payment=(), usb=()"
        ),
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    STRICT_TRANSPORT_SECURITY = None  # production only: browsers remember it
    # When the Redis that holds the counters is away, count in this process instead (each
    # server then counts on its own) and go back to Redis once it answers again; a limiter error
    # is logged, never turned into a 500. A Redis that does not answer within a second counts
    # as away, so a sign-in never hangs on it.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class DevelopmentConfig(Config):
    """Local work: SQLite under instance/, a secret key generated once and kept there."""

    ENV_NAME = "development"
    DEBUG = False


class TestingConfig(Config):
    """The test suite: its own database URL is always passed in by the fixtures."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-production"  # noqa: S105  # nosec B105  # tests
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    JOBS_IMMEDIATE = True
    # Off for the suite (tests count a page's queries on repeat requests); test_page_cache.py
    # turns it on.
    PAGE_CACHE_ENABLED = False


class ProductionConfig(Config):
    """Behind a TLS proxy on PostgreSQL: secure cookies and a real secret key are required."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"  # two years


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name=None):
    """Return the settings class for ``name`` or for ``TRACKER_ENV`` (development by default)."""
    name = name or os.environ.get("TRACKER_ENV") or "development"
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"TRACKER_ENV={name!r} is not one of {', '.join(CONFIGS)}") from None


# Settings an operator may set in the environment as they are.
PLAIN_SETTINGS = (
    "LOGIN_RATE_LIMIT",
    "CASES_REPORT_RATE_LIMIT",
    "REPORT_CACHE_DIR",
    "UPLOAD_FOLDER",
    "JOBS_REDIS_URL",
    "JOBS_QUEUE_FILE",
    "JOBS_PROGRESS_DIR",
    "DOCUMENT_STORE",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_PREFIX",
    "PAGE_CACHE_REDIS_URL",
    "TODAY",
)
# Settings an operator may set in the environment as "1"/"0" (also true/false, yes/no, on/off).
BOOLEAN_SETTINGS = ("PAGE_CACHE_ENABLED",)
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
# Settings an operator may set in the environment as whole numbers.
NUMBER_SETTINGS = (
    "CASES_REPORT_INLINE",
    "OFFICER_REPORT_INLINE",
    "IMPORT_INLINE_ROWS",
    "IMPORT_MAPPED_MAX_BYTES",
    "JOBS_STALE_SECONDS",
    "PAGE_CACHE_MAX_AGE",
    "PAGE_CACHE_MAX_BYTES",
    "PAGE_CACHE_STAMP_SECONDS",
    "POSTGRESQL_PREPARE_THRESHOLD",
    "SEARCH_COUNT_CAP",
    "SEARCH_RANK_CANDIDATES",
)


def environment_overrides(environ=None):
    """Return the settings that the process environment sets, read at call time."""
    environ = os.environ if environ is None else environ
    overrides = {}
    if environ.get("DATABASE_URL"):
        overrides["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(environ["DATABASE_URL"])
    if environ.get("DATABASE_REPLICA_URL"):
        # Public pages read from this PostgreSQL replica (tracker/replica.py).
        overrides["SQLALCHEMY_BINDS"] = {
            "replica": normalise_database_url(environ["DATABASE_REPLICA_URL"])
        }
    if environ.get("SECRET_KEY"):
        overrides["SECRET_KEY"] = environ["SECRET_KEY"]
    if environ.get("REDIS_URL"):
        overrides["REDIS_URL"] = environ["REDIS_URL"]
        overrides["RATELIMIT_STORAGE_URI"] = environ["REDIS_URL"]
    if environ.get("TRUSTED_PROXIES"):
        overrides["TRUSTED_PROXIES"] = proxy_count(environ["TRUSTED_PROXIES"])
    for name in PLAIN_SETTINGS:
        if environ.get(name):
            overrides[name] = environ[name]
    for name in BOOLEAN_SETTINGS:
        if environ.get(name):
            overrides[name] = boolean_setting(name, environ[name])
    for name in NUMBER_SETTINGS:
        if environ.get(name):
            if not environ[name].strip().isdigit():
                raise RuntimeError(f"{name}={environ[name]!r} must be a whole number.")
            overrides[name] = int(environ[name])
    return overrides


def boolean_setting(name, value):
    """``value`` of setting ``name`` as True or False, or a clear error."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RuntimeError(f"{name}={value!r} must be 1 or 0 (true or false).")


def proxy_count(value):
    """``TRUSTED_PROXIES`` as a whole number from 0 to 10, or a clear error."""
    text = str(value).strip()
    if not text.isdigit() or int(text) > 10:
        raise RuntimeError(
            f"TRUSTED_PROXIES={value!r} must be the number of reverse proxies in front of the "
            "app (0 when clients connect directly, usually 1)."
        )
    return int(text)
