"""The Markdown table of a benchmark run, with the issue's targets met or not."""

import os
from datetime import UTC, datetime

PAGE_FACTOR = 1.5  # at N, at most 1.5x the demo time ...
PAGE_FLOOR_MS = 20  # ... or under 20 ms
HTML_LIMIT = 200 * 1024
SEARCH_P95_MS = 30
REINDEX_S = 20
DOWNLOAD_MB = 50
PDF_S = 30  # the worker timeout the issue measured against
RPS_SHARE = 0.5


def ms(value):
    """A time in ms as the table shows it."""
    if value is None:
        return "n/a"
    if isinstance(value, dict):
        if "timeout" in value:
            return f"> {value['timeout']} s"
        value = value.get("ms")
        if value is None:
            return "n/a"
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def verdict(failures):
    """The word "met", or "not met" and what failed."""
    return "met" if not failures else "not met (" + "; ".join(failures) + ")"


def page_verdict(demo, big, queries_demo, queries_big):
    """Which page targets ``big`` misses against ``demo``, each with its figures."""
    if big is None:
        return "not measured"
    if "timeout" in big:
        return verdict([f"time: over {big['timeout']} s"])
    failures = []
    if demo and "ms" in demo:
        allowed = max(PAGE_FACTOR * demo["ms"], PAGE_FLOOR_MS)
        if big["ms"] > allowed:
            failures.append(f"time: {ms(big)} > {ms(allowed)}")
    if big.get("bytes", 0) > HTML_LIMIT:
        failures.append(f"size: {big['bytes'] / 1024:,.0f} KB > {HTML_LIMIT // 1024} KB")
    if queries_demo is not None and queries_big is not None and queries_big > queries_demo:
        failures.append(f"queries: {queries_demo} → {queries_big}")
    return verdict(failures)


def _by_backend(results):
    """``{backend: {size: result}}`` in the order measured."""
    by_backend = {}
    for result in results:
        by_backend.setdefault(result["backend"], {})[result["size"]] = result
    return by_backend


def _pairs(results):
    """``[(backend, demo result, N result)]`` in the order measured."""
    return [
        (name, sizes.get("demo"), sizes.get("big")) for name, sizes in _by_backend(results).items()
    ]


def _baseline_queries(results, backend, label):
    """The query count a page is held to: the small world's (every kind), else the demo's."""
    sizes = _by_backend(results).get(backend, {})
    for size in ("small", "demo"):
        if sizes.get(size) and label in sizes[size].get("queries", {}):
            return sizes[size]["queries"][label]
    return None


def _counts(demo, small, big):
    """The queries cell: demo / small world → N."""

    def shown(value):
        """A count, or "?" when not measured."""
        return "?" if value is None else str(value)

    return f"{shown(demo)} / {shown(small)} → {shown(big)}"


def render(results, hello_rps, never, settings):
    """The whole Markdown report."""
    pairs = _pairs(results)
    n = f"{settings.cases:,}"
    lines = [
        f"# Scale benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`make bench-scale` with BENCH_CASES={n} (seed {settings.seed}): "
        f"{n} cases and the other kinds in proportion, on "
        f"{os.cpu_count()} cores, gunicorn with the project's `gunicorn.conf.py`. Times are "
        f"the median of warm requests (1 warm-up, then up to {settings.runs}; pages slower than "
        f'a second get fewer repeats); a request over {settings.timeout} s is "> timeout". '
        "Page times are the cost of building the page (one worker, page cache off); "
        '"cached" is the same page served warm from the page cache (one worker, cache on).',
        "",
    ]
    for backend, _demo, big in pairs:
        if big and "generate" in big["timings"]:
            lines.append(f"- generate-world on {backend}: {big['timings']['generate']:.0f} s")
    lines += ["", "## Public pages and API", ""]
    header = ["page"]
    for backend, _demo, _big in pairs:
        header += [f"{backend} demo", f"{backend} {n}", f"{backend} {n} cached"]
        header += [f"{backend} KB", "queries"]
    if never:
        header.append(f"sqlite {n} never analysed")
    for backend, _demo, _big in pairs:
        header.append(f"target {backend}")
    lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    labels = []
    for _backend, demo, big in pairs:
        for result in (big, demo):
            for label in result["pages"] if result else ():
                if label not in labels:
                    labels.append(label)
    for label in labels:
        row = [f"`{label}`"]
        verdicts = []
        for backend, demo, big in pairs:
            demo_page = demo["pages"].get(label) if demo else None
            big_page = big["pages"].get(label) if big else None
            cached = big.get("cached_pages", {}).get(label) if big else None
            q_demo = demo["queries"].get(label) if demo else None
            small = _by_backend(results).get(backend, {}).get("small")
            q_small = small["queries"].get(label) if small else None
            q_big = big["queries"].get(label) if big else None
            size = f"{big_page['bytes'] / 1024:,.0f}" if big_page and "bytes" in big_page else ""
            row += [ms(demo_page), ms(big_page), ms(cached), size, _counts(q_demo, q_small, q_big)]
            baseline = _baseline_queries(results, backend, label)
            verdicts.append(page_verdict(demo_page, big_page, baseline, q_big))
        if never:
            row.append(ms(never.get(label)))
        lines.append("| " + " | ".join(row + verdicts) + " |")
    lines += [
        "",
        f"Target: at {n} within {PAGE_FACTOR}x the demo time or under "
        f"{PAGE_FLOOR_MS} ms (the page built, cache off), at most {HTML_LIMIT // 1024} KB of "
        "HTML, no more SQL queries than at demo size. The queries column is demo / "
        f"small world ({settings.small_cases:,} generated cases, every kind) → {n}: the demo "
        "data has no complaints, investigations or duty events, so a page's loads of those "
        "run no query there; the target compares the small world, built like the big one.",
        "",
        "## Search, downloads, reports, import, reindex, load",
        "",
        "| measure | "
        + " | ".join(f"{b} demo | {b} {n}" for b, _d, _g in pairs)
        + " | target | "
        + " | ".join(f"met {b}" for b, _d, _g in pairs)
        + " |",
        "|" + " --- |" * (2 + 3 * len(pairs)),
    ]
    lines += _other_rows(pairs)
    lines += [
        "",
        f"Load: {settings.connections} concurrent clients for {settings.load_seconds} s per "
        "page, once every worker serves it from the cache, with gunicorn's configured "
        "workers and the page cache on (in each process on SQLite, in Redis on PostgreSQL "
        "when `BENCH_REDIS_URL` is set, as in production); hello world "
        "(`bench/scale/hello.py`, same gunicorn settings) is "
        f"measured just before each database's load test (at the start of the run: "
        f"{hello_rps:,.0f}/s). The clients are Python processes on the same machine: the ratio "
        "is what the target compares.",
        "",
        "## Not met, and why",
        "",
        "_To be written by hand from this run (the lead): one line per target not met._",
        "",
    ]
    return "\n".join(lines)


def _share(load, label):
    """A load-test figure with its share of hello world's, for the table."""
    value = load.get(label)
    if value is None:
        return "n/a"
    return f"{value:,.0f}/s ({value / max(load['hello'], 1e-9):.0%} of {load['hello']:,.0f}/s)"


def _rps_met(load, label):
    """The rps goal's verdict for one page."""
    value = load.get(label)
    if value is None:
        return "not met (did not answer)"
    need = RPS_SHARE * load["hello"]
    return "met" if value >= need else f"not met ({value:,.0f}/s < {need:,.0f}/s)"


def _rows():
    """The second table's rows: (label, getter, formatter, target text, verdict or None)."""
    from bench.scale.measure import DOWNLOADS, LOAD_PAGES, RARE_WORD
    from tracker.worldgen.vocabulary import COMMON_WORD

    def at_most(limit, fmt):
        """A verdict: met when the value is at most ``limit``."""
        return lambda v, demo: (
            "not met (did not finish)"
            if v is None or (isinstance(v, dict) and "ms" not in v)
            else "met"
            if _value(v) <= limit
            else f"not met ({fmt(v)})"
        )

    rows = []
    for word in (COMMON_WORD, RARE_WORD):
        rows.append(
            (
                f"search p95 `{word}`",
                lambda r, w=word: r["search_p95"].get(w),
                ms,
                f"≤ {SEARCH_P95_MS} ms",
                at_most(SEARCH_P95_MS, ms),
            )
        )
    for path in DOWNLOADS:
        rows.append((f"`{path}` time", lambda r, p=path: r["downloads"][p], ms, "", None))
        rows.append(
            (
                f"`{path}` server memory growth",
                lambda r, p=path: r["downloads"][p],
                _mb,
                f"< {DOWNLOAD_MB} MB",
                lambda v, demo: (
                    "met"
                    if "ms" in v and v.get("mb") is not None and v["mb"] < DOWNLOAD_MB
                    else f"not met ({_mb(v)})"
                ),
            )
        )
    for label in (
        "case PDF (most officers)",
        "officer PDF (most cases)",
        "demand 1 PDF",
        "multi-case PDF (shootings)",
    ):
        rows.append(
            (
                f"{label}, first render",
                lambda r, k=label: r["pdfs"][k],
                ms,
                f"< {PDF_S} s (the worker timeout)",
                at_most(PDF_S * 1000 - 1e-9, ms),
            )
        )
    rows.append(
        (
            "CSV import (cases)",
            lambda r: r["import_rows_per_s"],
            lambda v: f"{v:,.0f} rows/s",
            f"≥ demo's rows/s ÷ {PAGE_FACTOR}",
            lambda v, demo: (
                "met"
                if demo is None or v >= demo / PAGE_FACTOR
                else f"not met ({v:,.0f} < {demo / PAGE_FACTOR:,.0f} rows/s)"
            ),
        )
    )
    rows.append(
        (
            "`flask search-reindex`",
            lambda r: r["reindex_s"],
            lambda v: f"{v:,.1f} s",
            f"≤ {REINDEX_S} s",
            lambda v, demo: "met" if v <= REINDEX_S else f"not met ({v:,.1f} s)",
        )
    )
    rows.append(
        ("load test's page cache", lambda r: r["load"]["cache"], str, "", None),
    )
    for label in LOAD_PAGES:
        rows.append(
            (
                f"`{label}` requests/s, page cache on",
                lambda r, k=label: r["load"],
                lambda v, k=label: _share(v, k),
                f"≥ {RPS_SHARE:.0%} of hello world",
                lambda v, demo, k=label: _rps_met(v, k),
            )
        )
    return rows


def _value(value):
    """A number out of a measure (ms dicts give their ms)."""
    return value["ms"] if isinstance(value, dict) else value


def _mb(value):
    """A download's memory growth as the table shows it."""
    if value.get("mb") is None:
        return "n/a"
    growth = f"{value['mb']:,.0f} MB"
    return growth if "ms" in value else f"{growth} before the timeout"


def _other_rows(pairs):
    """The second table's lines; verdicts at N (demo figures are the reference)."""
    lines = []
    for label, get, fmt, target, test in _rows():
        cells = [label]
        verdicts = []
        for _backend, demo, big in pairs:
            demo_value = _get(get, demo)
            big_value = _get(get, big)
            cells += [_fmt(fmt, demo_value), _fmt(fmt, big_value)]
            if test is None or big is None:
                verdicts.append("")
            elif big_value is _MISSING:
                verdicts.append("not measured")
            else:
                reference = None if demo_value is _MISSING else demo_value
                verdicts.append(test(big_value, reference))
        lines.append("| " + " | ".join(cells + [target] + verdicts) + " |")
    return lines


_MISSING = object()


def _get(get, result):
    """``get(result)``, or _MISSING when the result or the measure is not there."""
    if result is None:
        return _MISSING
    try:
        return get(result)
    except (KeyError, TypeError):
        return _MISSING


def _fmt(fmt, value):
    """A cell: the formatted value, or empty when it was not measured."""
    return "" if value is _MISSING else fmt(value)
