"""Gunicorn settings for production: ``gunicorn`` in this folder reads this file by itself.

Threaded workers (``gthread``): a worker's main loop accepts connections and waits on idle ones
with a poller, and a pool of threads runs requests, so a client that connects and sends nothing
(or keeps a connection alive) holds no worker. With the default ``sync`` worker, two idle
connections held both workers for 30 s and the site stopped answering. An async worker
(gevent) was not chosen: a PDF report is seconds of pure-Python layout in WeasyPrint that would
stall every connection of its worker, and it would need monkey-patching of psycopg and Redis.

A client that trickles a request in byte by byte still holds one thread while gunicorn reads it,
and a slow reader holds one while its response is written: the TLS proxy in front must buffer
whole requests and responses (see the README), so gunicorn only ever talks to the proxy.
Each value can be changed without editing this file through the environment variable named.
"""

import os

wsgi_app = "wsgi:app"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
worker_connections = 200  # open connections per worker, kept-alive ones included

# Timeouts, in seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a silent worker is restarted
graceful_timeout = 30  # on restart or stop, requests in flight get this long to finish
keepalive = 5  # an idle kept-alive (or never used) connection is closed after this

# A worker is replaced after this many requests, returning memory a long-lived process may
# gather (GUNICORN_MAX_REQUESTS, GUNICORN_MAX_REQUESTS_JITTER; 0 never replaces one). Measured
# on one worker (2,000-case world): it starts at 123 MB; serving pages fills its page cache,
# which PAGE_CACHE_MAX_BYTES bounds (64 MB); PDF reports add about 50 MB (fonts) and then stay
# level; cache hits add nothing (3,000 of them: +0 MB). So memory is bounded without recycling,
# and recycling has a price: the new worker's in-process page cache starts empty (each page is
# built again), and gunicorn took 4-10 s (median 5) from a worker's exit to its replacement's
# start on the busy 2-core machine, while the other worker carried every request, reached its
# own limit sooner and restarted with it (the site answered nothing meanwhile). At 1,000 that
# happened every few seconds under bench/scale's load test; at 10,000 it is rare under load and
# a worker still does not live for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
# Spread wide, so the workers reach their limits at different times.
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))
# The app is loaded once, in the master, and each worker is a fork of it: a replaced worker
# serves at once. Without it each replacement imported and built the app again, 2-9 s of CPU
# on a busy 2-core machine taken from the worker still serving, every 1,000 requests or so:
# under load that, not the pages, bounded requests per second (bench/scale's load test).
# Loading opens no connection (no work at import time); post_fork still drops any a worker
# would inherit. GUNICORN_PRELOAD=0 loads the app in each worker instead.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"


def post_fork(server, worker):
    """In each new worker: never share a database connection the master may have opened."""
    app = getattr(server.app, "callable", None)  # the loaded app (None until loaded)
    if "sqlalchemy" not in getattr(app, "extensions", {}):
        return  # not loaded yet, or not the tracker (the benchmark's hello world)
    from tracker.extensions import db

    with app.app_context():
        db.engine.dispose(close=False)


# Request size limits (gunicorn's defaults, stated): the request line, header count and size.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = "-"  # to stderr, with the app's own log
errorlog = "-"

# No control socket (gunicorn 25.1+ opens one in $HOME by default, for run-time management of
# the workers): nothing here uses it, and two servers on one host would share its path.
control_socket_disable = True
