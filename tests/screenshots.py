"""Where the README's screenshots come from: the tests that take them.

A screenshot shows times ("Last updated", "Generated"), so taking one changes the file on every
run. Each test takes its picture into its own temporary folder and replaces the README's copy only
when it is missing or when ``UPDATE_SCREENSHOTS`` is set, so a test run leaves the checkout clean.
"""

import os
import shutil
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def keep(taken: Path, name: str) -> Path:
    """Copy the picture ``taken`` to docs/screenshots/``name`` when it is missing or asked for."""
    target = FOLDER / name
    if os.environ.get("UPDATE_SCREENSHOTS") or not target.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(taken, target)
    return target
