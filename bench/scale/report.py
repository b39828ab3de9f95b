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
    return "met" if not failures else "not met (" + ", ".join(failures) + ")"


def page_verdict(demo, big, queries_demo, queries_big):
    """Which page targets ``big`` misses against ``demo``."""
    if big is None or "timeout" in big:
        return verdict(["time"])
    failures = []
    if demo and "ms" in demo and big["ms"] > max(PAGE_FACTOR * demo["ms"], PAGE_FLOOR_MS):
        failures.append("time")
    if big.get("bytes", 0) > HTML_LIMIT:
        failures.append("size")
    if queries_demo is not None and queries_big is not None and queries_big > queries_demo:
        failures.append("queries")
    return verdict(failures)


def _pairs(results):
    """``[(backend, demo result, N result)]`` in the order measured."""
    by_backend = {}
    for result in results:
        by_backend.setdefault(result["backend"], {})[result["size"]] = result
    return [(name, sizes.get("demo"), sizes.get("big")) for name, sizes in by_backend.items()]


def render(results, hello_rps, never, settings):
    """The whole Markdown report."""
    pairs = _pairs(results)
    lines = [
        f"# Scale benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`make bench-scale` with BENCH_CASES={settings.cases:,} (seed {settings.seed}): "
        f"{settings.cases:,} cases and the other kinds in proportion, on "
        f"{os.cpu_count()} cores, gunicorn with the project's `gunicorn.conf.py`. Times are "
        f"the median of warm requests (1 warm-up, then up to {settings.runs}; pages slower than "
        f'a second get fewer repeats); a request over {settings.timeout} s is "> timeout".',
        "",
    ]
    for backend, _demo, big in pairs:
        if big and "generate" in big["timings"]:
            lines.append(f"- generate-world on {backend}: {big['timings']['generate']:.0f} s")
    lines += ["", "## Public pages and API", ""]
    header = ["page"]
    for backend, _demo, _big in pairs:
        header += [f"{backend} demo", f"{backend} {settings.cases:,}", f"{backend} KB", "queries"]
    if never:
        header.append(f"sqlite {settings.cases:,} never analysed")
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
        for _backend, demo, big in pairs:
            demo_page = demo["pages"].get(label) if demo else None
            big_page = big["pages"].get(label) if big else None
            q_demo = demo["queries"].get(label) if demo else None
            q_big = big["queries"].get(label) if big else None
            size = f"{big_page['bytes'] / 1024:,.0f}" if big_page and "bytes" in big_page else ""
            queries = (
                f"{q_demo if q_demo is not None else '?'} → {q_big if q_big is not None else '?'}"
            )
            row += [ms(demo_page), ms(big_page), size, queries]
            verdicts.append(page_verdict(demo_page, big_page, q_demo, q_big))
        if never:
            row.append(ms(never.get(label)))
        lines.append("| " + " | ".join(row + verdicts) + " |")
    lines += [
        "",
        f"Target: at {settings.cases:,} within {PAGE_FACTOR}x the demo time or under "
        f"{PAGE_FLOOR_MS} ms, at most {HTML_LIMIT // 1024} KB of HTML, no more queries than "
        "at demo size.",
        "",
        "## Search, downloads, reports, import, reindex, load",
        "",
        "| measure | "
        + " | ".join(f"{b} demo | {b} {settings.cases:,}" for b, _d, _g in pairs)
        + " | target | "
        + " | ".join(f"met {b}" for b, _d, _g in pairs)
        + " |",
        "|" + " --- |" * (2 + 3 * len(pairs)),
    ]
    lines += _other_rows(pairs, hello_rps)
    lines += [""]
    return "\n".join(lines)


def _other_rows(pairs, hello_rps):
    """Rows of the second table: (label, getter, formatter, target text, test)."""
    from bench.scale.measure import DOWNLOADS, RARE_WORD
    from tracker.worldgen.vocabulary import COMMON_WORD

    rows = []
    for word in (COMMON_WORD, RARE_WORD):
        rows.append(
            (
                f"search p95 `{word}`",
                lambda r, w=word: r["search_p95"].get(w),
                ms,
                f"≤ {SEARCH_P95_MS} ms",
                lambda v: v is not None and v <= SEARCH_P95_MS,
            )
        )
    for path in DOWNLOADS:
        rows.append(
            (
                f"`{path}` time",
                lambda r, p=path: r["downloads"][p],
                ms,
                "",
                None,
            )
        )
        rows.append(
            (
                f"`{path}` server memory growth",
                lambda r, p=path: r["downloads"][p].get("mb"),
                lambda v: "n/a" if v is None else f"{v:,.0f} MB",
                f"< {DOWNLOAD_MB} MB",
                lambda v: v is not None and v < DOWNLOAD_MB,
            )
        )
    for label in ("case PDF (most officers)", "officer PDF (most cases)", "demand 1 PDF"):
        rows.append(
            (
                f"{label}, first render",
                lambda r, k=label: r["pdfs"][k],
                ms,
                f"< {PDF_S} s",
                lambda v: "ms" in v and v["ms"] < PDF_S * 1000,
            )
        )
    rows.append(
        (
            "multi-case PDF (shootings), first render",
            lambda r: r["pdfs"]["multi-case PDF (shootings)"],
            ms,
            f"< {PDF_S} s",
            lambda v: "ms" in v and v["ms"] < PDF_S * 1000,
        )
    )
    rows.append(
        (
            "CSV import (cases)",
            lambda r: r["import_rows_per_s"],
            lambda v: f"{v:,.0f} rows/s",
            "",
            None,
        )
    )
    rows.append(
        (
            "`flask search-reindex`",
            lambda r: r["reindex_s"],
            lambda v: f"{v:,.1f} s",
            f"≤ {REINDEX_S} s",
            lambda v: v <= REINDEX_S,
        )
    )
    rows.append(
        (
            f"`/` requests/s (hello world: {hello_rps:,.0f}/s)",
            lambda r: r["rps"]["/"],
            lambda v: f"{v:,.1f}/s",
            f"≥ {RPS_SHARE:.0%} of hello world",
            lambda v: v >= RPS_SHARE * hello_rps,
        )
    )
    lines = []
    for label, get, fmt, target, test in rows:
        cells = [label]
        verdicts = []
        for _backend, demo, big in pairs:
            cells += [fmt(get(demo)) if demo else "", fmt(get(big)) if big else ""]
            if test is None or big is None:
                verdicts.append("")
            else:
                verdicts.append("met" if test(get(big)) else "not met")
        lines.append("| " + " | ".join(cells + [target] + verdicts) + " |")
    return lines
