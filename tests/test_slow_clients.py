"""Slow clients do not freeze a server: gunicorn with ``gunicorn.conf.py`` on a small database.

Idle connections (and requests that never finish arriving) outnumber the workers, and pages
still answer. With the old default (sync workers) two idle connections held both workers for
30 s. Every connection is to 127.0.0.1, few and closed at the end; requests time out.
"""

import contextlib
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.processes import gunicorn, seeded_sqlite_url

PAGES = ["/", "/cases", "/officers", "/demands", "/search?q=stokes", "/feed.xml"]


@pytest.fixture(scope="module")
def database_file(tmp_path_factory):
    """The demo data in an SQLite file of this module's own."""
    return seeded_sqlite_url(tmp_path_factory.mktemp("slow-clients"))


@contextlib.contextmanager
def slow_connections(base, idle, partial):
    """``idle`` connections that send nothing and ``partial`` ones that stop mid-request."""
    address = (urlsplit(base).hostname, urlsplit(base).port)
    sockets = []
    try:
        for _ in range(idle):
            sockets.append(socket.create_connection(address, timeout=5))
        for _ in range(partial):
            sockets.append(socket.create_connection(address, timeout=5))
            sockets[-1].sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


def _get(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.status, response.headers


def test_pages_answer_while_slow_clients_outnumber_the_workers(database_file, tmp_path):
    with (
        gunicorn(database_file, tmp_path, GUNICORN_WORKERS="2") as (base, log),
        slow_connections(base, idle=4, partial=2),
    ):
        for path in PAGES:
            # Generous for a loaded machine, and still well short of the stall it prevents
            # (a sync worker held until gunicorn kills it, 60 s later).
            status, headers = _get(base + path, timeout=30)
            assert status == 200, path
            # No version in the banner; the app's security headers pass through.
            assert headers["Server"] == "gunicorn"
            assert headers["X-Frame-Options"] == "DENY"
            assert "Strict-Transport-Security" in headers  # production settings
    assert "Using worker: gthread" in log.read_text()


def test_the_sync_worker_it_replaces_stalls_behind_idle_connections(database_file, tmp_path):
    """The failure the configuration fixes, shown with the same connections and sync workers."""
    # One thread: with more, gunicorn would quietly use gthread instead of sync.
    arguments = ("--worker-class", "sync", "--workers", "2", "--threads", "1")
    with (
        gunicorn(database_file, tmp_path, *arguments) as (base, log),  # it has answered "/"
        slow_connections(base, idle=2, partial=0),
        pytest.raises((TimeoutError, urllib.error.URLError)),
    ):
        _get(base + "/", timeout=3)
    assert "Using worker: sync" in log.read_text()
