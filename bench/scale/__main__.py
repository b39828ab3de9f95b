"""``python -m bench.scale``: build the databases, measure them, write the table."""

import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.scale.databases import BenchDatabase
from bench.scale.measure import measure, measure_hello, measure_never_analyzed, measure_queries
from bench.scale.report import render
from bench.scale.settings import Settings


def main():
    """Measure demo size and N on each backend, then write bench/results/scale-<date>.md."""
    settings = Settings()
    workdir = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    log = workdir / "gunicorn.log"
    print(
        f"bench-scale: {settings.cases:,} cases on {', '.join(settings.backends)}; "
        f"work files and gunicorn's log in {workdir}",
        flush=True,
    )
    results, never = [], None
    hello = measure_hello(settings, log)
    print(f"hello world: {hello:,.0f} requests/s", flush=True)
    for backend in settings.backends:
        sizes = (("demo", 0), ("small", settings.small_cases), ("big", settings.cases))
        for size, cases in sizes:
            database = BenchDatabase(backend, cases, settings, workdir)
            print(f"== {database.label}: building", flush=True)
            try:
                database.create()
                print(f"== {database.label}: measuring", flush=True)
                if size == "small":  # only its query counts: the like-for-like baseline
                    result = measure_queries(database)
                else:
                    result = measure(database, settings, log)
                result.update(backend=backend, size=size)
                results.append(result)
                write(results, hello, never, settings, workdir)
                if getattr(database, "never_analyzed", None):
                    print(f"== {database.label}: never analysed copy", flush=True)
                    never = measure_never_analyzed(database, settings, log)
            finally:
                database.drop()
    target, text = write(results, hello, never, settings, workdir)
    print(text)
    print(f"Written to {target} (raw figures: {workdir / 'results.json'})")
    return 0


def write(results, hello, never, settings, workdir):
    """Write the table so far (after each database, so a stopped run keeps what it measured)."""
    text = render(results, hello, never, settings)
    folder = Path(settings.results)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"scale-{datetime.now(UTC):%Y-%m-%d}.md"
    target.write_text(text)
    (workdir / "results.json").write_text(json.dumps([results, hello, never], default=str))
    return target, text


if __name__ == "__main__":
    sys.exit(main())
