"""The benchmark's settings, read from the environment (defaults in brackets in the README)."""

import os
from dataclasses import dataclass, field


def _int(name, default):
    """An integer setting."""
    return int(os.environ.get(name, default))


@dataclass(frozen=True)
class Settings:
    """What to measure and how long to wait."""

    cases: int = field(default_factory=lambda: _int("BENCH_CASES", 100_000))
    # The small world (every kind, at the demo's size) whose SQL query counts are the baseline:
    # the demo data has no complaints, investigations or duty events, so a page's loads of
    # those run no query there and the counts would not compare like for like.
    small_cases: int = field(default_factory=lambda: _int("BENCH_SMALL_CASES", 100))
    seed: int = field(default_factory=lambda: _int("BENCH_SEED", 1))
    # A page still running after this many seconds is reported as "> timeout".
    timeout: int = field(default_factory=lambda: _int("BENCH_TIMEOUT", 60))
    # Downloads and PDFs may be given longer (default: the same timeout).
    slow_timeout: int = field(
        default_factory=lambda: _int("BENCH_SLOW_TIMEOUT", os.environ.get("BENCH_TIMEOUT", 60))
    )
    runs: int = field(default_factory=lambda: _int("BENCH_RUNS", 5))
    search_runs: int = field(default_factory=lambda: _int("BENCH_SEARCH_RUNS", 20))
    load_seconds: int = field(default_factory=lambda: _int("BENCH_LOAD_SECONDS", 5))
    connections: int = field(default_factory=lambda: _int("BENCH_CONNECTIONS", 8))
    import_rows: int = field(default_factory=lambda: _int("BENCH_IMPORT_ROWS", 1000))
    backends: tuple = field(
        default_factory=lambda: tuple(
            os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").replace(" ", "").split(",")
        )
    )
    postgres_url: str = field(
        default_factory=lambda: os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        )
    )
    # Also measure a copy of the SQLite database at N that was never ANALYZEd.
    never_analyzed: bool = field(
        default_factory=lambda: os.environ.get("BENCH_NEVER_ANALYZED", "1") != "0"
    )
    # The Redis of the load test's page cache on PostgreSQL ("" keeps it in each process); its
    # page:* keys are emptied before each load test.
    redis_url: str = field(
        default_factory=lambda: os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    )
    results: str = field(default_factory=lambda: os.environ.get("BENCH_RESULTS", "bench/results"))
