"""A gunicorn server in a subprocess, its memory from /proc, and a small HTTP client.

The server runs with the project's ``gunicorn.conf.py`` (the production settings), on a free
port; a request that outlives the benchmark's timeout is abandoned and the server restarted,
so one page that takes minutes cannot hold up the rest.
"""

import http.client
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def free_port():
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, timeout):
    """GET ``path``: ``(status, body bytes, seconds)``, or None when it took over ``timeout``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    except TimeoutError:
        return None
    finally:
        connection.close()
    return response.status, body, time.perf_counter() - started


def warm_cache(port, path, timeout, in_a_row=20, within=120):
    """GET ``path`` one at a time until ``in_a_row`` answers in a row were page-cache hits.

    One request at a time, so a worker that has not cached the page yet builds it once (eight
    concurrent first requests would each build it). Returns whether it got there in time.
    """
    deadline = time.monotonic() + within
    hits = 0
    while hits < in_a_row and time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
        except TimeoutError:
            return False
        finally:
            connection.close()
        hits = hits + 1 if response.getheader("X-Page-Cache") == "hit" else 0
    return hits >= in_a_row


def _children(pid):
    """The ids of ``pid``'s child processes (gunicorn's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def rss_mb(pids):
    """The summed resident memory of ``pids`` in MB (processes gone meanwhile count 0)."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError):
            continue
    return total * PAGE_SIZE / 1024 / 1024


class Server:
    """gunicorn serving ``app`` (a WSGI path) with ``env`` added to this environment.

    ``workers=1`` for timing one request at a time (every request then meets the same warm
    worker); None keeps the configuration's number, for the load test.
    """

    def __init__(self, app, env, timeout, log, workers=None):
        """Remember how to start it; ``log`` is a file for gunicorn's output."""
        self.app = app
        self.env = dict(env)
        if workers:
            self.env["GUNICORN_WORKERS"] = str(workers)
        self.timeout = timeout
        self.log = log
        self.process = None
        self.port = None

    def start(self):
        """Start gunicorn and wait until it answers."""
        self.port = free_port()
        env = {
            **os.environ,
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_TIMEOUT": str(self.timeout + 600),  # the benchmark's own timeout decides
        }
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603  # our own gunicorn, fixed arguments
                [str(GUNICORN), "-c", "gunicorn.conf.py", self.app],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def stop(self):
        """Stop gunicorn and its workers."""
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def restart(self):
        """A fresh server, after a request that would not finish."""
        self.stop()
        return self.start()

    def pids(self):
        """The master and its workers (none while it restarts)."""
        process = self.process
        return [process.pid, *_children(process.pid)] if process else []

    def get(self, path, timeout=None):
        """GET ``path``; on a timeout the server is restarted and None returned."""
        result = get(self.port, path, timeout or self.timeout)
        if result is None:
            self.restart()
        return result

    def __enter__(self):
        """Start on entering a ``with`` block."""
        return self.start()

    def __exit__(self, *exc):
        """Stop on leaving it."""
        self.stop()


class PeakMemory:
    """Samples a server's memory every 20 ms in a thread while a ``with`` block runs."""

    def __init__(self, server):
        """Watch ``server``."""
        self.server = server
        self.before = self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        """Keep the highest total seen."""
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.server.pids()))
            time.sleep(0.02)

    def __enter__(self):
        """Start sampling."""
        self.before = self.peak = rss_mb(self.server.pids())
        self._thread.start()
        return self

    def __exit__(self, *exc):
        """Stop sampling."""
        self._stop.set()
        self._thread.join()

    @property
    def growth(self):
        """How far memory rose above where it started, in MB."""
        return self.peak - self.before


def _client(args):
    """One connection's loop: GET ``path`` until ``deadline``; returns the answers counted."""
    port, path, deadline, limit = args
    done = 0
    while time.time() < deadline and done < limit:
        result = get(port, path, timeout=max(0.1, deadline - time.time()) + 5)
        if result is None or result[0] != 200:
            break
        done += 1
    return done


def requests_per_second(port, path, seconds, connections, limit=200_000):
    """Requests per second ``connections`` concurrent clients get for ``path`` (bounded)."""
    started = time.time()
    deadline = started + seconds
    with multiprocessing.get_context("fork").Pool(connections) as pool:
        counts = pool.map(_client, [(port, path, deadline, limit)] * connections)
    return sum(counts) / max(time.time() - started, 1e-9)
