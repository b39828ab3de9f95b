"""The dependency audit and the security linter, as ``make audit`` and ``make lint`` run them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _make(*arguments, **environment):
    """Run ``make`` in the repository without reinstalling the virtualenv."""
    if shutil.which("make") is None:
        unavailable("make")
    venv = os.path.relpath(VENV_BIN.parent, ROOT)
    command = ["make", "--no-print-directory", f"VENV={venv}"]
    command += ["-o", f"{venv}/.installed", "-o", f"{venv}/.installed-dev", *arguments]
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_audit_fails_and_says_why_when_no_advisory_database_answers():
    # Every request of pip-audit goes to a closed local port: no advisory database answers.
    closed = "http://127.0.0.1:9"
    result = _make(
        "audit",
        "AUDIT_OPTIONS=--no-deps --disable-pip",
        HTTPS_PROXY=closed,
        HTTP_PROXY=closed,
        https_proxy=closed,
        http_proxy=closed,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "no advisory database could be reached" in output
    assert "This is not a pass" in output
    assert "no known vulnerability" not in output


def test_bandit_finds_nothing_in_the_code_that_ships():
    result = subprocess.run(
        [str(VENV_BIN / "bandit"), "--quiet", "--recursive", "tracker", "config.py", "wsgi.py"]
        + ["gunicorn.conf.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_runs_bandit_and_the_audit_target_exists():
    makefile = (ROOT / "Makefile").read_text()
    lint = makefile[makefile.index("\nlint:") :].split("\n\n")[0]
    assert "bandit" in lint
    assert "\naudit:" in makefile and "pip-audit" in makefile
    pins = (ROOT / "requirements-dev.txt").read_text().split()
    assert any(pin.startswith("bandit==") for pin in pins)
    assert any(pin.startswith("pip-audit==") for pin in pins)
