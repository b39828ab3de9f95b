"""A process that renders many reports exits cleanly (it died with SIGSEGV, status 139).

Each thread keeps one WeasyPrint ``FontConfiguration``; one left to interpreter shutdown was
freed after the Pango and GLib code it calls into. Both tests run a real subprocess: the crash
happened only as the interpreter exited.
"""

import json
import subprocess
import sys

import pytest

from tests.processes import ROOT, seeded_sqlite_url


@pytest.fixture
def demo_database(tmp_path):
    """A migrated SQLite database file holding the demo data (the crawl's own, not shared)."""
    return seeded_sqlite_url(tmp_path)


def test_a_crawl_of_every_page_and_report_exits_with_status_0(demo_database, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.crawl_process", demo_database, str(tmp_path / "cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"exit status {result.returncode}\n{result.stderr[-3000:]}"
    crawl = json.loads(result.stdout)
    assert crawl["pages"] >= 40 and crawl["reports"] >= 12
    assert set(crawl["statuses"].values()) == {200}, crawl["statuses"]


RENDER_IN_TWO_THREADS = """
import threading
from tracker.reports.render import render_pdf

html = "<html><body><h1>Report</h1><p>" + "word " * 200 + "</p></body></html>"
render_pdf(html, "tracker/static", "main thread", "test")
rendered = threading.Event()

def render_then_idle():
    render_pdf(html, "tracker/static", "daemon thread", "test")
    rendered.set()
    threading.Event().wait()  # alive, holding its font configuration, when the process exits

threading.Thread(target=render_then_idle, daemon=True).start()
rendered.wait(120)
"""


def test_renders_in_the_main_and_a_daemon_thread_exit_with_status_0():
    result = subprocess.run(
        [sys.executable, "-c", RENDER_IN_TWO_THREADS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, f"exit status {result.returncode}\n{result.stderr[-3000:]}"


def test_font_configurations_are_released_before_shutdown():
    from tracker.reports import render

    config = render.font_configuration()
    assert render.font_configuration() is config  # one per thread, reused
    render.release_font_configurations()
    try:
        assert not render._font_configurations
        # After the exit handler, a late render gets its own, never kept for shutdown.
        late = render.font_configuration()
        assert late is not config and not render._font_configurations
    finally:
        render._shutting_down = False
